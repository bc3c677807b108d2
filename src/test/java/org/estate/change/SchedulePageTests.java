package org.estate.change;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.estate.test.SourceClient;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The freeze and maintenance window pages in Chromium, with axe: declaring, editing, the errors and the lists. */
@EstateTest
class SchedulePageTests extends BrowserSupport {

    private final String s = UUID.randomUUID().toString().substring(0, 6);

    private static Page.GetByRoleOptions name(String n) {
        return new Page.GetByRoleOptions().setName(n);
    }

    @Test
    void aManagerDeclaresAndEditsAFreezeAndTheFormKeepsWhatWasTyped() {
        ApiClient api = ApiClient.as(port, "pg.eng", "engineer");
        api.post("/api/v1/cis", "{\"class\":\"business-service\",\"name\":\"Council Tax billing " + s + "\"}");
        signInAs("pg.manager", "manager");
        open("/");
        page.getByRole(AriaRole.LINK, name("Freezes and maintenance windows")).click();
        assertThat(page.locator("h1")).hasText("Freeze periods");
        axe();
        page.getByRole(AriaRole.BUTTON, name("Declare a freeze")).click();
        axe();
        page.getByLabel("Name").fill("Annual billing " + s);
        page.getByLabel("Start").fill("01/03/2040 00:00");
        page.getByLabel("End").fill("31/02/2040 00:00");
        page.getByLabel("These CIs and everything they rely on").check();
        page.getByLabel("CIs (when it covers these CIs)").fill("No such service " + s);
        page.getByRole(AriaRole.BUTTON, name("Declare the freeze")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("There is no CI named");
        assertThat(page.locator(".govuk-error-summary")).containsText("End");
        assertThat(page.getByLabel("Name")).hasValue("Annual billing " + s);
        assertThat(page.getByLabel("Start")).hasValue("01/03/2040 00:00");
        axe();
        page.getByLabel("End").fill("15/03/2040 00:00");
        page.getByLabel("CIs (when it covers these CIs)").fill("Council Tax billing " + s);
        page.getByRole(AriaRole.BUTTON, name("Declare the freeze")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("Annual billing " + s);
        assertThat(page.locator("table")).containsText("Council Tax billing " + s);
        assertThat(page.locator("table")).containsText("1 Mar 2040");
        axe();

        page.getByRole(AriaRole.LINK, name("Annual billing " + s)).click();
        axe();
        assertThat(page.getByLabel("Start")).hasValue("01/03/2040 00:00");
        page.getByLabel("Soft").check();
        page.getByLabel("Name").fill("");
        page.getByRole(AriaRole.BUTTON, name("Save")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Give the name");
        axe();
        page.getByLabel("Name").fill("Billing (soft) " + s);
        page.getByRole(AriaRole.BUTTON, name("Save")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("saved");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Billing (soft) " + s))).containsText("Soft");
        page.getByLabel("All, past ones too").check();
        page.getByRole(AriaRole.BUTTON, name("Show freezes")).click();
        assertThat(page.getByLabel("All, past ones too")).isChecked();
        assertThat(page.locator("table")).containsText("Billing (soft) " + s);
        axe();
        page.getByRole(AriaRole.LINK, name("Billing (soft) " + s)).click();
        page.getByRole(AriaRole.BUTTON, name("Delete this freeze")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("deleted");
    }

    @Test
    void anEngineerDefinesARecurringWindowAndAViewerSeesItButNoButtons() {
        ApiClient api = ApiClient.as(port, "pg.eng", "engineer");
        api.post("/api/v1/cis", "{\"class\":\"virtual-machine\",\"name\":\"web-" + s + "\"}");
        signInAs("pg.engineer", "engineer");
        open("/changes/windows");
        axe();
        page.getByRole(AriaRole.BUTTON, name("Define a window")).click();
        axe();
        page.getByLabel("Name").fill("Sunday patching " + s);
        page.getByLabel("CIs").fill("web-" + s);
        page.getByLabel("Recurrence rule").fill("FREQ=MINUTELY");
        page.getByLabel("Start time").fill("2am");
        page.getByLabel("Length in minutes").fill("120");
        page.getByRole(AriaRole.BUTTON, name("Define the window")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("at most daily");
        assertThat(page.locator(".govuk-error-summary")).containsText("HH:MM");
        assertThat(page.getByLabel("Length in minutes")).hasValue("120");
        assertThat(page.getByLabel("Recurring (fill in the rule below)")).isChecked();
        axe();
        page.getByLabel("Recurrence rule").fill("FREQ=WEEKLY;BYDAY=SU");
        page.getByLabel("Start time").fill("02:00");
        page.getByLabel("From (optional)").fill("2040-01-01");
        page.getByRole(AriaRole.BUTTON, name("Define the window")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("Sunday patching " + s);
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Sunday patching " + s))).containsText("FREQ=WEEKLY;BYDAY=SU");
        axe();

        page.getByRole(AriaRole.BUTTON, name("Define a window")).click();
        page.getByLabel("Name").fill("Storage move " + s);
        page.getByLabel("CIs").fill("web-" + s);
        page.getByLabel("Once (fill in the start and end further down)").check();
        page.getByLabel("Start", new Page.GetByLabelOptions().setExact(true)).fill("07/03/2040 02:00");
        page.getByLabel("End", new Page.GetByLabelOptions().setExact(true)).fill("07/03/2040 01:00");
        page.getByRole(AriaRole.BUTTON, name("Define the window")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("The end must be after the start");
        page.getByLabel("End", new Page.GetByLabelOptions().setExact(true)).fill("07/03/2040 04:00");
        page.getByRole(AriaRole.BUTTON, name("Define the window")).click();
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Storage move " + s))).containsText("7 Mar 2040");
        page.getByRole(AriaRole.BUTTON, name("Delete Storage move " + s)).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("deleted");

        Page viewer = anotherPerson("pg.viewer", "viewer");
        viewer.navigate(url("/changes/windows"));
        assertThat(viewer.locator("table")).containsText("Sunday patching " + s);
        assertThat(viewer.getByRole(AriaRole.BUTTON, name("Define a window"))).hasCount(0);
        viewer.navigate(url("/changes/freezes"));
        assertThat(viewer.getByRole(AriaRole.BUTTON, name("Declare a freeze"))).hasCount(0);
    }

    @Test
    void theFormsWorkWithoutJavaScriptAndNeedTheCsrfToken() {
        ApiClient.as(port, "pg.plain", "manager");
        ApiClient.as(port, "pg.eng", "engineer").post("/api/v1/cis", "{\"class\":\"virtual-machine\",\"name\":\"plain-" + s + "\"}");
        SourceClient plain = new SourceClient(port, "127.0.31.7");
        plain.formLogin("pg.plain", ApiClient.PASSWORD);
        plain.get("/changes/windows/new");
        SourceClient.Answer saved = plain.post("/changes/windows", java.util.Map.of("name", "Plain " + s, "cis", "plain-" + s,
            "kind", "recurring", "rrule", "FREQ=MONTHLY;BYDAY=1SU", "startTime", "03:00", "durationMinutes", "60", "zone", "Europe/London"));
        org.assertj.core.api.Assertions.assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        org.assertj.core.api.Assertions.assertThat(plain.get("/changes/windows").body()).contains("Plain " + s, "FREQ=MONTHLY;BYDAY=1SU");
        plain.get("/changes/freezes/new");
        SourceClient.Answer bad = plain.post("/changes/freezes", java.util.Map.of("name", "Plain " + s, "start", "01/05/2040 00:00",
            "end", "someday", "scope", "all", "hard", "true"));
        org.assertj.core.api.Assertions.assertThat(bad.status()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(bad.body()).contains("govuk-error-summary", "value=\"01/05/2040 00:00\"");
        SourceClient forged = new SourceClient(port, "127.0.31.8");
        forged.formLogin("pg.plain", ApiClient.PASSWORD);
        SourceClient.Answer noToken = forged.post("/changes/freezes", java.util.Map.of("name", "Forged", "start", "01/05/2040 00:00",
            "end", "02/05/2040 00:00", "scope", "all", "hard", "true"));
        org.assertj.core.api.Assertions.assertThat(noToken.status()).as("the last token seen was the login page's, now spent").isIn(403);
    }
}
