package org.estate.change;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.estate.change.internal.StubFreezesAndWindows;
import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page.GetByRoleOptions;
import com.microsoft.playwright.options.AriaRole;

/**
 * The change calendar, feed-token, CI and incident pages in real Chromium: month and week views in
 * UK time (either side of a clock change), filters, navigation, subscribing, "what changed?"; every
 * page passes axe. Freezes and windows come from the test stand-in (the context of ChangeCalendarApiTests).
 */
@EstateTest
@Import(StubFreezesAndWindows.Config.class)
class CalendarPageTests extends BrowserSupport {

    ChangeFixture f;
    String team;
    long app;
    long db;
    String acrossDst;
    String summer;
    String otherTeam;

    @BeforeAll
    void estate() {
        f = new ChangeFixture(port);
        team = "calp-" + f.s;
        ApiClient manager = ApiClient.as(port, "calp.manager", "manager");
        manager.post("/api/v1/teams", "{\"key\":\"" + team + "\",\"name\":\"Calendar page team " + f.s + "\",\"members\":[]}");
        app = f.ci("application", "bins-app", null);
        db = f.ci("database", "bins-db", null);
        f.rel(app, "depends-on", db);
        String teamField = ",\"team\":\"" + team + "\"";
        // 30 March 2031, 00:30–01:30 UTC: 00:30 GMT to 02:30 BST in London.
        acrossDst = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2031-03-30T00:30:00Z", "2031-03-30T01:30:00Z", teamField, db));
        // 1 July 2031, 09:00–10:00 UTC: 10:00 to 11:00 in London (BST).
        summer = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2031-07-01T09:00:00Z", "2031-07-01T10:00:00Z", teamField, db));
        otherTeam = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2031-07-02T09:00:00Z", "2031-07-02T10:00:00Z", "", app));
        long id = ThreadLocalRandom.current().nextLong(3_000_000, 4_000_000);
        StubFreezesAndWindows.freeze(id, "Election count " + f.s, Instant.parse("2031-07-03T00:00:00Z"), Instant.parse("2031-07-04T00:00:00Z"),
            true, Set.of(db));
        StubFreezesAndWindows.occurrence(id + 1, "Bins patching " + f.s, List.of(db), Instant.parse("2031-07-06T01:00:00Z"),
            Instant.parse("2031-07-06T03:00:00Z"));
    }

    @AfterEach
    void clock() {
        TestClock.reset();
    }

    private GetByRoleOptions name(String n) {
        return new GetByRoleOptions().setName(n);
    }

    private Locator cell(String dayLabel) {
        return page.locator("td.estate-calendar__day").filter(new Locator.FilterOptions().setHasText(dayLabel));
    }

    @Test
    void theMonthAndWeekViewsShowChangesFreezesAndWindowsInUkTimeAndFilter() {
        signInAs("calp.viewer", "viewer");
        open("/changes/calendar?date=2031-03-12&team=" + team);
        assertThat(page.locator("h1")).hasText("March 2031");
        Locator dst = cell("Sunday 30 March");
        assertThat(dst).containsText("00:30 to 02:30");
        assertThat(dst.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(acrossDst + " Upgrade (Draft)")))
            .hasAttribute("href", "/changes/" + acrossDst);
        axe();

        // Next month, and on to July with the team kept.
        assertThat(page.locator("a[rel=next]")).containsText("April 2031");
        page.locator("a[rel=next]").click();
        assertThat(page.locator("h1")).hasText("April 2031");
        open("/changes/calendar?date=2031-07-01");
        assertThat(page.locator("h1")).hasText("July 2031");
        assertThat(cell("Tuesday 1 July")).containsText("10:00 to 11:00");
        assertThat(cell("Wednesday 2 July")).containsText(otherTeam);
        assertThat(cell("Thursday 3 July")).containsText("Freeze: Election count " + f.s + " (hard)");
        assertThat(cell("Sunday 6 July")).containsText("Maintenance window: Bins patching " + f.s);
        assertThat(cell("Sunday 6 July")).containsText("02:00 to 04:00");
        axe();
        screenshot("change-calendar-month");

        // Filter by team (JavaScript off would submit the same GET form).
        page.getByLabel("Team").selectOption(team);
        page.getByRole(AriaRole.BUTTON, name("Show")).click();
        assertThat(cell("Tuesday 1 July")).containsText(summer);
        assertThat(cell("Wednesday 2 July")).not().containsText(otherTeam);

        // The week view of the same date.
        page.getByRole(AriaRole.LINK, name("Week")).click();
        assertThat(page.locator("h1")).hasText("Week of 30 June 2031");
        assertThat(page.locator("main")).containsText("Tuesday 1 July");
        assertThat(page.locator("li.estate-calendar__change")).containsText("10:00 to 11:00");
        axe();

        // A CI by name: the database's own change, not the application's.
        open("/changes/calendar?date=2031-07-01&ci=bins-db-" + f.s);
        assertThat(cell("Tuesday 1 July")).containsText(summer);
        assertThat(cell("Wednesday 2 July")).not().containsText(otherTeam);
        open("/changes/calendar?date=2031-07-01&ci=no-such-ci-" + f.s);
        assertThat(page.locator(".govuk-error-summary")).containsText("No CI is named");
        assertThat(page.getByLabel("CI name")).hasValue("no-such-ci-" + f.s);
        axe();

        page.getByRole(AriaRole.LINK, name("create a feed token on \"My calendar feeds\"")).click();
        assertThat(page.locator("h1")).hasText("My calendar feeds");
    }

    @Test
    void someoneCreatesAFeedTokenSeesItOnceAndRevokesIt() {
        signInAs("calp.feeds", "engineer");
        open("/account/feeds");
        axe();
        page.getByRole(AriaRole.BUTTON, name("Create feed token")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter a name for the feed token");
        axe();
        page.getByLabel("Name").fill("Outlook at the office");
        page.getByRole(AriaRole.BUTTON, name("Create feed token")).click();
        assertThat(page.locator("h1")).containsText("Feed token created");
        String token = page.locator("#token").textContent().strip();
        org.assertj.core.api.Assertions.assertThat(token).startsWith("esf_");
        var changeFeed = page.locator(".feed-url", new com.microsoft.playwright.Page.LocatorOptions().setHasText("/api/v1/changes/"));
        assertThat(changeFeed).containsText("/api/v1/changes/calendar.ics?feed=" + token);
        axe();
        // The address works as it is shown (on this test server's port: the configured base URL has none).
        String shown = changeFeed.textContent().strip();
        String address = url(shown.substring(shown.indexOf("/api/")));
        org.assertj.core.api.Assertions.assertThat(page.request().get(address).status()).isEqualTo(200);

        page.getByRole(AriaRole.LINK, name("Back to my calendar feeds")).click();
        assertThat(page.locator("table")).containsText("Outlook at the office");
        assertThat(page.locator("main")).not().containsText(token);
        page.getByRole(AriaRole.BUTTON, name("Revoke feed token Outlook at the office")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("revoked");
        assertThat(page.locator("main")).containsText("You have no feed tokens.");
        axe();
        org.assertj.core.api.Assertions.assertThat(page.request().get(address).status()).isEqualTo(401);
    }

    @Test
    void theCiPageAndTheIncidentPageSayWhatChanged() {
        TestClock.set("2031-07-01T12:00:00Z");
        ApiClient engineer = ApiClient.as(port, "calp.eng", "engineer");
        String incident = engineer.post("/api/v1/incidents", """
            {"title":"Bins app down %s","impact":"medium","urgency":"medium",
             "reporter":{"name":"Sam","email":"sam@eastmoor.example"},"affectedCis":[%d]}""".formatted(f.s, app)).json().get("ref").asString();
        signInAs("calp.eng", "engineer");

        open("/cmdb/cis/" + app);
        Locator panel = page.locator("#changes ~ ul").first();
        assertThat(page.locator("#changes")).hasText("Changes");
        assertThat(panel).containsText(summer + " Upgrade");
        assertThat(panel).containsText("on bins-db-" + f.s + ", which it relies on (1 step away)");
        assertThat(panel).containsText(otherTeam + " Upgrade");
        assertThat(panel).containsText("on this CI");
        axe();

        open("/desk/tickets/" + incident);
        assertThat(page.locator("#recent-changes")).hasText("Recent changes");
        Locator table = page.locator("#recent-changes ~ table").first();
        assertThat(table).containsText(summer + " Upgrade");
        assertThat(table).containsText("(which bins-app-" + f.s + " relies on, 1 step away)");
        assertThat(table).containsText("1 Jul 2031, 10:00 to 1 Jul 2031, 11:00"); // UK time
        assertThat(table.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(summer + " Upgrade"))).hasAttribute("href", "/changes/" + summer);
        axe();
    }
}
