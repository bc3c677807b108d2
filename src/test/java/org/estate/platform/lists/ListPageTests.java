package org.estate.platform.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;

/**
 * The list controls in Chromium: sortable headers that keep the filters (with aria-sort), the
 * attribute columns a user ticks, "Showing … of …", and the desk queue's new columns and export;
 * the same controls on the smaller lists (known errors, teams, calendars, the catalogue, tokens,
 * classes, SLA policies, the audit log), with their exports, and class labels on the CI list.
 */
@EstateTest
class ListPageTests extends BrowserSupport {

    @Test
    void theCiListSortsOnItsHeadersKeepsItsFiltersAndShowsChosenAttributeColumns() {
        ApiClient api = ApiClient.adminToken(port);
        String s = UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("lp10", "LP2", "lp1")) {
            assertThat(api.post("/api/v1/cis", """
                {"class":"server","name":"%s-%s","attributes":{"ipAddress":"10.9.8.%d"}}"""
                .formatted(name, s, name.length())).status()).isEqualTo(201);
        }
        signInAsAdmin();
        open("/cmdb/cis?class=server&q=-" + s + "&columns=ipAddress");
        assertThat(page.locator("th[aria-sort=ascending]").innerText()).contains("Name");
        assertThat(page.locator("table tbody tr td:first-child").allInnerTexts()).containsExactly("lp1-" + s, "LP2-" + s, "lp10-" + s);
        assertThat(page.locator("table thead").innerText()).contains("IP address");
        assertThat(page.locator("table tbody").innerText()).contains("10.9.8.4");
        assertThat(page.getByText("Showing 1 to 3 of 3").count()).isEqualTo(1);
        page.locator("th[aria-sort=ascending] a").click();
        page.waitForURL(u -> u.contains("sort=-name"));
        assertThat(page.url()).contains("class=server", "columns=ipAddress");
        assertThat(page.locator("th[aria-sort=descending]").innerText()).contains("Name");
        assertThat(page.locator("table tbody tr td:first-child").allInnerTexts()).containsExactly("lp10-" + s, "LP2-" + s, "lp1-" + s);
        axe();

        assertThat(ApiClient.as(port, "lp.engineer", "engineer").post("/api/v1/incidents", """
            {"title":"List page incident %s","impact":"low","urgency":"low","reporter":{"name":"Pat Jones","email":"pat@example.gov.uk"}}"""
            .formatted(s)).status()).isEqualTo(201);
        open("/desk?view=all&sort=-opened&q=" + s);
        assertThat(page.locator("table thead").innerText()).contains("Reporter", "Opened", "Age", "Last updated");
        assertThat(page.locator("th[aria-sort=descending]").innerText()).contains("Opened");
        assertThat(page.locator("table tbody").innerText()).contains("List page incident " + s, "Pat Jones");
        APIResponse export = page.request().get(url("/desk/export.csv?view=all&sort=-opened&excel=true&q=" + s));
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(export.body(), java.nio.charset.StandardCharsets.UTF_8))
            .startsWith("\uFEFFref,type,title,status,priority,team,assignee,reporter,opened_at,updated_at\r\n")
            .contains("List page incident " + s, "Pat Jones").endsWith("\r\n");
    }

    @Test
    void theSmallerListsSortOnTheirHeadersOfferAPageSizeAndExportWhatTheyShow() {
        ApiClient api = ApiClient.adminToken(port);
        String s = UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("Lpt 10 ", "lpt 2 ")) {
            assertThat(api.post("/api/v1/teams", "{\"key\":\"lpt-" + name.trim().replace(' ', '-').toLowerCase() + "-" + s
                + "\",\"name\":\"" + name + s + "\",\"members\":[]}").status()).isEqualTo(201);
        }
        for (String title : List.of("alpha", "Beta")) {
            ApiClient.Response p = api.post("/api/v1/problems", """
                {"title":"%s fault %s","description":"d","incidents":[],"affectedCis":[]}""".formatted(title, s));
            assertThat(p.status()).as(p.body()).isEqualTo(201);
            assertThat(api.patch("/api/v1/problems/" + p.json().get("ref").asString(),
                "{\"knownError\":true,\"workaround\":\"Restart it " + s + "\"}", p.headers().get("etag").getFirst()).status())
                .isEqualTo(200);
        }
        assertThat(api.post("/api/v1/cis", "{\"class\":\"server\",\"name\":\"lpl-" + s + "\"}").status()).isEqualTo(201);
        signInAsAdmin();

        open("/admin/teams?sort=-name&size=500");
        assertThat(page.locator("th[aria-sort=descending]").innerText()).contains("Team");
        assertThat(page.locator("#page-size").inputValue()).isEqualTo("500");
        assertThat(page.locator("table tbody tr td:first-child").allInnerTexts().stream().filter(t -> t.endsWith(s)).toList())
            .containsExactly("Lpt 10 " + s, "lpt 2 " + s);
        assertThat(page.locator(".estate-list-summary").innerText()).containsPattern("Showing 1 to \\d+ of \\d+");
        String teams = new String(page.request().get(url(page.locator("a:has-text('Export CSV')").getAttribute("href") + "&excel=true"))
            .body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(teams).startsWith("\uFEFFkey,name,email,members\r\n");
        assertThat(teams.indexOf("Lpt 10 " + s)).isPositive().isLessThan(teams.indexOf("lpt 2 " + s));
        axe();

        open("/desk/known-errors?q=" + s);
        page.locator("th a:text('Title')").click();
        page.waitForURL(u -> u.contains("sort=title"));
        assertThat(page.locator("th[aria-sort=ascending]").innerText()).contains("Title");
        assertThat(page.locator("table tbody tr td:nth-child(2)").allInnerTexts()).containsExactly("alpha fault " + s, "Beta fault " + s);
        page.locator("#page-size").selectOption("100");
        page.locator(".estate-page-size button").click();
        page.waitForURL(u -> u.contains("size=100"));
        assertThat(page.url()).contains("q=" + s, "sort=title");
        assertThat(page.locator(".estate-list-summary").innerText()).contains("Showing 1 to 2 of 2");
        String knownErrors = new String(page.request().get(url(page.locator("a:has-text('Export CSV')").getAttribute("href"))).body(),
            java.nio.charset.StandardCharsets.UTF_8);
        assertThat(knownErrors.lines().toList()).hasSize(3).first().isEqualTo("ref,title,status,workaround");
        assertThat(knownErrors.lines().skip(1).map(l -> l.split(",")[1]).toList()).containsExactly("alpha fault " + s, "Beta fault " + s);
        axe();

        open("/cmdb/cis?q=lpl-" + s);
        assertThat(page.locator("table tbody tr td:nth-child(2)").innerText()).isEqualTo("Physical server");
        for (String list : List.of("/admin/calendars", "/admin/sla-policies", "/cmdb/classes", "/desk/catalogue", "/account/tokens",
            "/admin/audit?entity=team")) {
            open(list + (list.contains("?") ? "&" : "?") + "size=25");
            assertThat(page.locator("#page-size").inputValue()).as(list).isEqualTo("25");
            if (page.locator("table").count() > 0) {
                assertThat(page.locator("th[aria-sort]").count()).as(list).isPositive();
            }
            axe();
        }
        APIResponse audit = page.request().get(url("/admin/audit/export.csv?entity=team&sort=actor"));
        assertThat(audit.status()).isEqualTo(200);
        assertThat(new String(audit.body(), java.nio.charset.StandardCharsets.UTF_8))
            .startsWith("at,actor,via,entity,entity_id,action,summary,changes\n").contains("lpt-10-" + s);
    }
}
