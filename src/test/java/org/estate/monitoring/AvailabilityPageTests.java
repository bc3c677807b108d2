package org.estate.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The availability page and the CI page's checks panel in Chromium, with axe. */
@EstateTest
@Tag("both-databases")
class AvailabilityPageTests extends BrowserSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aViewerSeesEachServiceAgainstItsTargetLastMonthAndThisAndDownloadsTheCsv() throws Exception {
        AvailabilityFixture f = new AvailabilityFixture(port, jdbc);
        YearMonth thisMonth = YearMonth.now(ZoneId.of("Europe/London"));
        Instant lastStart = thisMonth.minusMonths(1).atDay(1).atStartOfDay(ZoneId.of("Europe/London")).toInstant();
        long svc = f.check("svc", "http");
        f.change(svc, "svc", lastStart.minusSeconds(86400).toString(), "up");
        // A whole day down last month: about 96.7%, under the 99.5% target.
        f.change(svc, "svc", lastStart.plusSeconds(86400).toString(), "down");
        f.change(svc, "svc", lastStart.plusSeconds(2 * 86400).toString(), "up");

        signInAs("avail.page.viewer", "viewer");
        open("/monitoring/availability");
        assertThat(page.locator("h1")).hasText("Availability");
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText("Council Tax " + f.s));
        assertThat(row).containsText("99.5%");
        assertThat(row.locator("td").nth(1)).containsText("Down 24h 00m");
        assertThat(row.locator("td").nth(2)).hasText("Missed");
        assertThat(row.locator("td").nth(3)).containsText("100.000%");
        assertThat(row.locator("td").nth(4)).hasText("Met");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open Government Licence v3.0"))).isVisible();
        axe();

        Download download = page.waitForDownload(() ->
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download the last 12 months as CSV")).click());
        String csv = java.nio.file.Files.readString(download.path());
        assertThat(csv).startsWith("service_id,service,month,");
        assertThat(csv).contains(f.id("svc") + ",Council Tax " + f.s + "," + thisMonth.minusMonths(1) + ",");
        assertThat(csv).contains(",86400,0,0,99.5,false");
    }

    @Test
    void theCiPageListsItsChecksWithTheirStateAndOffersToAddOne() {
        AvailabilityFixture f = new AvailabilityFixture(port, jdbc);
        long http = f.check("web1", "http");
        long tcp = f.check("web1", "tcp");
        Timestamp since = Timestamp.from(Instant.parse("2026-11-30T09:15:00Z"));
        jdbc.sql("INSERT INTO mon_check_status (check_id, state, since, next_run_at) VALUES (?, 'down', ?, ?)")
            .params(http, since, since).update();

        signInAs("avail.page.viewer", "viewer");
        open("/cmdb/cis/" + f.id("web1"));
        assertThat(page.locator("h2#checks")).hasText("Checks");
        Locator down = page.locator("li", new Page.LocatorOptions().setHasText("http web1-" + f.s));
        assertThat(down).containsText("Down");
        assertThat(down).containsText("since 30 Nov 2026, 09:15");
        assertThat(down.locator("a")).hasAttribute("href", "/monitoring/checks/" + http);
        Locator unknown = page.locator("li", new Page.LocatorOptions().setHasText("tcp web1-" + f.s));
        assertThat(unknown).containsText("Unknown");
        assertThat(unknown.locator("a")).hasAttribute("href", "/monitoring/checks/" + tcp);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add a check")))
            .hasAttribute("href", "/monitoring/checks/new?ci=" + f.id("web1"));
        axe();

        open("/cmdb/cis/" + f.id("db"));
        assertThat(page.locator("body")).containsText("No checks watch this CI.");
        assertThat(tcp).isPositive();
    }
}
