package org.estate.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.estate.monitoring.internal.correlation.Correlator;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** The monitoring overview in Chromium, with axe: root causes with symptoms and services, degraded, maintenance, flapping. */
@EstateTest
@Tag("both-databases")
class MonitoringOverviewPageTests extends BrowserSupport {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Correlator correlator;

    @Test
    void aViewerSeesWhatIsDownByRootCauseAndWhatIsDegradedInMaintenanceOrFlapping() {
        CorrelationFixture f = new CorrelationFixture(port, jdbc, correlator);
        try {
            long service = f.ci("business-service", "Libraries", "high");
            long app = f.ci("application", "lib-app", null);
            long host = f.ci("server", "lib-host", null);
            long cache = f.ci("server", "lib-cache", null);
            long quiet = f.ci("server", "lib-quiet", null);
            f.rel(service, "depends-on", app);
            f.rel(app, "runs-on", host);
            long hostCheck = f.check(host, "lib-host-ping");
            long appCheck = f.check(app, "lib-app-http");
            long cacheCheck = f.check(cache, "lib-cache-tcp");
            long quietCheck = f.check(quiet, "lib-quiet-ping");
            long flappyCheck = f.check(quiet, "lib-quiet-dns");
            f.state(hostCheck, "down");
            f.state(appCheck, "down");
            f.state(cacheCheck, "degraded");
            f.state(quietCheck, "maintenance");
            f.flapping(flappyCheck, true);
            f.reconcile();
            String ref = f.incidentsOf(host, true).get(0);

            signInAs("mon.viewer", "viewer");
            open("/monitoring");
            assertThat(page.locator("h1")).hasText("Monitoring");
            Locator root = page.locator("h3", new Page.LocatorOptions().setHasText("lib-host-" + f.s));
            assertThat(root).isVisible();
            assertThat(page.locator("table", new Page.LocatorOptions().setHasText("Symptoms of lib-host-" + f.s)))
                .containsText("lib-app-http-" + f.s);
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName(ref)))
                .hasAttribute("href", "/desk/tickets/" + ref);
            assertThat(page.locator("#main-content, main").first()).containsText("Libraries-" + f.s + " (down, high)");
            assertThat(page.locator("table", new Page.LocatorOptions().setHasText("Degraded root causes"))).containsText("lib-cache-" + f.s);
            assertThat(page.locator("table", new Page.LocatorOptions().setHasText("Checks in maintenance"))).containsText("lib-quiet-ping-" + f.s);
            assertThat(page.locator("table", new Page.LocatorOptions().setHasText("Flapping checks"))).containsText("lib-quiet-dns-" + f.s);
            assertThat(page.locator("a[href='/monitoring/checks']")).isVisible();
            axe();
        } finally {
            f.cleanUp();
        }
    }
}
