package org.estate.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The once-per-structure axe check: no Spring, pages set straight into Chromium. */
class AxeCheckTests extends BrowserSupport {

    private static final String HEAD = "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main>";

    @Test
    void aViolationIsFoundEveryTimeItIsMet() {
        String grey = HEAD + "<h1>Title</h1><p style=\"color:#ccc;background:#fff\">faint %s</p></main></body></html>";
        page.setContent(grey.formatted("one"));
        assertThat(AxeCheck.violations(page)).contains("color-contrast");
        page.setContent(grey.formatted("two"));
        assertThat(AxeCheck.violations(page)).as("a failing structure is never remembered as clean").contains("color-contrast");
    }

    @Test
    void aCleanStructureIsNotAnalysedAgainButAnotherStructureIs() {
        String clean = HEAD + "<h1>Title %s</h1><ul>%s</ul></main></body></html>";
        page.setContent(clean.formatted("a", "<li>x</li>"));
        assertThat(AxeCheck.violations(page)).isEmpty();
        String before = AxeCheck.counts();
        page.setContent(clean.formatted("b", "<li>y</li><li>z</li>"));
        assertThat(AxeCheck.violations(page)).isEmpty();
        assertThat(AxeCheck.counts()).as("other words, more rows of the same kind: not analysed again").isNotEqualTo(before)
            .matches(c -> skipped(c) == skipped(before) + 1);
        // The same words with an image lacking alt text is another structure, and is found.
        page.setContent(clean.formatted("b", "<li>y</li><li><img src=\"data:,\"></li>"));
        assertThat(AxeCheck.violations(page)).contains("image-alt");
    }

    private static int skipped(String counts) {
        return Integer.parseInt(counts.replaceAll(".*, (\\d+) already.*", "$1"));
    }
}
