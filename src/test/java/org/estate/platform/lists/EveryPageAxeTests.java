package org.estate.platform.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.estate.test.AxeCheck;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.microsoft.playwright.Response;

/**
 * Every page a signed-in admin can reach by following links from the home page, checked with axe
 * (WCAG 2.0, 2.1 and 2.2, A and AA) in Chromium: breadth-first over same-origin links, one page
 * load per page shape (the path with ids, references and keys replaced, so {@code /cmdb/cis/17}
 * and {@code /cmdb/cis/18} are one shape), never following a link that signs out, downloads or
 * leaves the pages. On the demo estate, so lists are long enough to page. Fails with every
 * violation of every page at once.
 */
@EstateTest
@TestPropertySource(properties = {"estate.demo=true", "estate.test.own-database=true"})
class EveryPageAxeTests extends BrowserSupport {

    /** Path segments that name a page, not a record. */
    private static final Set<String> FIXED = Set.of("new", "edit", "import", "history", "relationships", "delete");
    private static final Pattern SKIP = Pattern.compile(
        "(?i).*(logout|sign-out|export|\\.csv|download|/api/|/actuator|/assets/|/static/|/webjars/|/oauth2/|/login).*");

    @Test
    void everyPageShapeReachableFromTheHomePageIsAxeClean() {
        signInAsAdmin();
        String origin = url("");
        Deque<String> queue = new ArrayDeque<>(List.of("/"));
        Map<String, String> visited = new LinkedHashMap<>();
        Map<String, String> violations = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        while (!queue.isEmpty()) {
            String path = queue.poll();
            String shape = shape(path);
            if (visited.containsKey(shape)) {
                continue;
            }
            visited.put(shape, path);
            Response response = page.navigate(url(path));
            if (response == null || response.status() >= 400) {
                failures.add(path + " answered " + (response == null ? "nothing" : response.status()));
                continue;
            }
            String found = AxeCheck.violations(page);
            if (!found.isEmpty()) {
                violations.put(path, found.indent(2));
            }
            @SuppressWarnings("unchecked")
            List<String> hrefs = (List<String>) page.locator("a[href]").evaluateAll(
                // getAttribute, not a.href: an SVG link's href (the graph's nodes) is no string.
                "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)");
            for (String href : hrefs) {
                String next = sameOrigin(origin, href);
                if (next != null && !SKIP.matcher(next).matches() && !visited.containsKey(shape(next))) {
                    queue.add(next);
                }
            }
        }
        System.out.println("EveryPageAxeTests: " + visited.size() + " page shapes checked: " + visited.keySet());
        String report = violations.entrySet().stream().map(e -> e.getKey() + "\n" + e.getValue()).collect(Collectors.joining("\n"));
        assertThat(failures).as("pages that failed to load").isEmpty();
        assertThat(violations).as("axe violations on " + violations.size() + " of " + visited.size() + " page shapes:\n" + report)
            .isEmpty();
        // The crawl reached the pages that matter, so a link broken on the home page cannot make it pass on nothing.
        assertThat(visited.keySet()).contains("/", "/cmdb/cis", "/cmdb/cis/{key}", "/desk", "/desk/tickets/{key}", "/admin/users");
    }

    /** The path and query of a link to this application's pages, without its fragment; null for any other link. */
    private static String sameOrigin(String origin, String href) {
        if (href == null || !href.startsWith(origin)) {
            return null;
        }
        URI uri = URI.create(href);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The path with every record's id, reference or key replaced: one page load per shape. */
    static String shape(String pathAndQuery) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String[] segments = path.split("/");
        StringBuilder shape = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            boolean record = i >= 3 ? !FIXED.contains(s) : s.matches(".*\\d.*");
            shape.append('/').append(record ? "{key}" : s);
        }
        return shape.isEmpty() ? "/" : shape.toString();
    }
}
