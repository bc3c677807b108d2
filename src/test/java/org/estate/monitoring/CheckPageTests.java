package org.estate.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page.GetByRoleOptions;
import com.microsoft.playwright.options.AriaRole;

/** The check pages in real Chromium: adding a check with the GOV.UK error pattern, its page (pictures without JavaScript), run now, pause, edit, a stale edit, delete; every page axe-clean. */
@EstateTest
@Tag("both-databases")
class CheckPageTests extends BrowserSupport {

    String s;
    long ci;

    @BeforeAll
    void estate() {
        s = UUID.randomUUID().toString().substring(0, 6);
        ci = ApiClient.as(port, "chkp.eng", "engineer").post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"intranet-" + s + "\"}")
            .json().get("id").asLong();
    }

    private static GetByRoleOptions name(String n) {
        return new GetByRoleOptions().setName(n);
    }

    @Test
    void anEngineerAddsACheckSeesItsPageRunsPausesEditsAndDeletesIt() {
        signInAs("chkp.eng", "engineer");
        open("/");
        page.getByRole(AriaRole.LINK, name("Monitoring")).click();
        assertThat(page.locator("h1")).hasText("Monitoring");
        page.getByRole(AriaRole.LINK, name("All checks")).click();
        assertThat(page.locator("h1")).hasText("Checks");
        axe();
        page.getByRole(AriaRole.BUTTON, name("Add a check")).click();
        axe();
        page.getByLabel("HTTP", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true)).check();
        page.getByRole(AriaRole.BUTTON, name("Continue")).click();
        axe();
        page.getByLabel("Name").fill("Intranet home " + s);
        page.getByLabel("CI it watches (optional)").fill("application:intranet-" + s);
        page.getByLabel("URL").fill("ftp://intranet");
        page.getByLabel("Basic-auth password").fill("page-secret-" + s);
        page.getByLabel("Interval, in seconds").fill("often");
        page.getByRole(AriaRole.BUTTON, name("Add the check")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Interval, in seconds, must be a whole number");
        page.getByLabel("Interval, in seconds").fill("30");
        page.getByRole(AriaRole.BUTTON, name("Add the check")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter a URL starting http:// or https://");
        assertThat(page.getByLabel("Name")).hasValue("Intranet home " + s);
        assertThat(page.getByLabel("Basic-auth password")).hasValue(""); // a secret is never filled back in
        assertThat(page.content()).doesNotContain("page-secret-" + s);
        axe();

        page.getByLabel("URL").fill("http://127.0.0.1:9/");
        page.getByLabel("Basic-auth user").fill("monitor");
        page.getByLabel("Basic-auth password").fill("page-secret-" + s);
        page.getByRole(AriaRole.BUTTON, name("Add the check")).click();
        assertThat(page.locator("h1")).hasText("Intranet home " + s);
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("has been created");
        assertThat(page.locator(".govuk-tag").first()).hasText("Unknown");
        assertThat(page.locator("body")).containsText("Set (never shown)");
        assertThat(page.locator("svg[role=img] title").first()).hasText("Availability per day for the last 30 days");
        assertThat(page.locator("svg rect")).hasCount(30);
        assertThat(page.locator("body")).containsText("Availability per day as a table");
        assertThat(page.content()).doesNotContain("page-secret-" + s);
        axe();
        String url = page.url();

        page.getByRole(AriaRole.BUTTON, name("Run now")).click();
        assertThat(page.locator("body")).containsText("Ran the check");
        page.getByRole(AriaRole.BUTTON, name("Pause")).click();
        assertThat(page.locator(".govuk-tag").first()).hasText("Paused");
        page.getByRole(AriaRole.BUTTON, name("Resume")).click();
        assertThat(page.locator(".govuk-tag").first()).hasText("Unknown");

        page.getByRole(AriaRole.BUTTON, name("Edit the check")).click();
        assertThat(page.getByLabel("Interval, in seconds")).hasValue("30");
        assertThat(page.getByLabel("Basic-auth password")).hasValue("");
        axe();
        page.getByLabel("Failures before down").fill("5");
        page.getByRole(AriaRole.BUTTON, name("Save the check")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("has been saved");
        assertThat(page.locator("body")).containsText("5 failures in a row");
        assertThat(page.locator("body")).containsText("Set (never shown)");

        open("/monitoring/checks?type=http&q=" + s);
        assertThat(page.locator("table")).containsText("Intranet home " + s);
        assertThat(page.locator("table")).containsText("intranet-" + s);
        assertThat(page.request().get(url("/monitoring/checks/export.csv?q=" + s)).text()).contains("Intranet home " + s)
            .doesNotContain("page-secret-" + s);

        page.navigate(url);
        page.getByRole(AriaRole.BUTTON, name("Delete")).click();
        axe();
        page.getByRole(AriaRole.BUTTON, name("Delete the check")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("has been deleted");
    }

    @Test
    void aStaleEditKeepsTheOtherPersonsChangeAndShowsAConflict() {
        ApiClient eng = ApiClient.as(port, "chkp.eng2", "engineer");
        var created = eng.post("/api/v1/checks", "{\"name\":\"Stale " + s + "\",\"type\":\"tcp\",\"target\":{\"host\":\"db\",\"port\":5432}}");
        long id = created.json().get("id").asLong();
        signInAs("chkp.eng2", "engineer");
        open("/monitoring/checks/" + id + "/edit");
        assertThat(eng.patch("/api/v1/checks/" + id, "{\"name\":\"Stale renamed " + s + "\"}", "\"0\"").status()).isEqualTo(200);
        page.getByLabel("Port").fill("5433");
        page.getByRole(AriaRole.BUTTON, name("Save the check")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("has been saved");
        var now = eng.get("/api/v1/checks/" + id).json();
        assertThat(now.get("name").asString()).isEqualTo("Stale renamed " + s);
        assertThat(now.get("target").get("port").asInt()).isEqualTo(5433);

        open("/monitoring/checks/" + id + "/edit");
        assertThat(eng.patch("/api/v1/checks/" + id, "{\"target\":{\"port\":6000}}", "\"2\"").status()).isEqualTo(200);
        page.getByLabel("Port").fill("7000");
        page.getByRole(AriaRole.BUTTON, name("Save the check")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Someone else changed");
        axe();
        assertThat(eng.get("/api/v1/checks/" + id).json().get("target").get("port").asInt()).as("nothing reverted").isEqualTo(6000);
    }
}
