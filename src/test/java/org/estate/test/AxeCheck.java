package org.estate.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.microsoft.playwright.Page;

/**
 * axe (WCAG 2.0, 2.1 and 2.2, A and AA) on the page in its current state, once per page structure
 * in a test run: axe's findings follow from the elements, their classes, roles and ARIA attributes
 * and whether they hold text, not from the words, so a page whose structure (see
 * {@code page-structure.js}: text and ids left out, runs of like rows counted once) was already
 * found clean in this JVM is not analysed again. A structure with violations is never remembered,
 * so every test that reaches it fails.
 */
public final class AxeCheck {

    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final String STRUCTURE = load();
    private static final Set<String> CLEAN = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger ANALYSED = new AtomicInteger();
    private static final AtomicInteger SKIPPED = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicLong NANOS = new java.util.concurrent.atomic.AtomicLong();

    private AxeCheck() {
    }

    /** The violations on the page as it rests, one line each; empty when it is clean. */
    public static String violations(Page page) {
        // Checked as the page rests: the pointer left over a link by the last click would put it
        // in its hover style (GOV.UK's pagination link turns blue), which is not the page's contrast.
        page.mouse().move(0, 0);
        String structure = digest((String) page.evaluate(STRUCTURE));
        if (CLEAN.contains(structure)) {
            SKIPPED.incrementAndGet();
            return "";
        }
        ANALYSED.incrementAndGet();
        long started = System.nanoTime();
        AxeRunOptions options = new AxeRunOptions();
        // Only the violations in detail: passes and incomplete results, listing every node, are
        // what made each run slow to carry back (color-contrast passes name every text on the page).
        options.setResultTypes(List.of("violations"));
        // One injection and one axe.run in the page itself (the default runs partial results and
        // finishes them in a second, new page: for cross-origin frames, which Estate's pages have none of).
        AxeResults results = new AxeBuilder(page).options(options).withTags(TAGS).setLegacyMode(true).analyze();
        NANOS.addAndGet(System.nanoTime() - started);
        if (results.getViolations().isEmpty()) {
            CLEAN.add(structure);
            return "";
        }
        return results.getViolations().stream()
            .map(v -> v.getId() + ": " + v.getHelp() + " at " + v.getNodes().stream()
                .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
            .collect(Collectors.joining("\n"));
    }

    /** How many page states were analysed and how many were skipped as already seen clean, for the log. */
    public static String counts() {
        return ANALYSED.get() + " analysed in " + NANOS.get() / 1_000_000 + " ms, " + SKIPPED.get() + " already seen clean";
    }

    private static String digest(String structure) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(structure.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String load() {
        try (InputStream in = AxeCheck.class.getResourceAsStream("page-structure.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
