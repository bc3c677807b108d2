package org.estate.oncall;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The rota pages in Chromium, with axe: who is on call now, the next two weeks, adding and removing an override, my shifts. */
@EstateTest
class RotaPageTests extends BrowserSupport {

    private static final DateTimeFormatter FORM = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Europe/London"));
    private final String s = UUID.randomUUID().toString().substring(0, 6);

    private static Page.GetByRoleOptions name(String n) {
        return new Page.GetByRoleOptions().setName(n);
    }

    @Test
    void anEngineerSeesWhoIsOnCallAndCoversAShiftWithAnOverride() {
        String asha = "asha-" + s;
        String ben = "ben-" + s;
        ApiClient.as(port, asha, "engineer");
        ApiClient.as(port, ben, "engineer");
        ApiClient manager = ApiClient.as(port, "rp.manager", "manager");
        String key = "rp-" + s;
        var created = manager.post("/api/v1/rotas", """
            {"key":"%s","name":"Network on call %s","zone":"Europe/London","layers":[
              {"name":"network","members":["%s"],"rotation":"weekly","handoff":"2026-01-05T07:00"}]}""".formatted(key, s, asha));
        org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);

        signInAs(ben, "engineer");
        open("/");
        page.getByRole(AriaRole.LINK, name("On call")).click();
        assertThat(page.locator("h1")).hasText("On-call rotas");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Network on call " + s))).containsText(asha);
        axe();
        page.getByRole(AriaRole.LINK, name("Network on call " + s)).click();
        assertThat(page.locator(".govuk-inset-text")).containsText("On call now: " + asha);
        axe();

        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        page.getByLabel("Who covers").fill(ben);
        page.getByLabel("From").fill(FORM.format(start));
        page.getByLabel("To").fill(FORM.format(start.minus(Duration.ofHours(1))));
        page.getByRole(AriaRole.BUTTON, name("Add override")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("The end must be after the start");
        assertThat(page.getByLabel("Who covers")).hasValue(ben);
        assertThat(page.getByLabel("From")).hasValue(FORM.format(start));
        axe();
        page.getByLabel("To").fill(FORM.format(start.plus(Duration.ofHours(6))));
        page.getByRole(AriaRole.BUTTON, name("Add override")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText(ben + " is on call from");
        assertThat(page.locator("#overrides + table, #overrides ~ table").first()).containsText(ben);
        axe();

        open("/on-call");
        assertThat(page.locator("h1")).hasText("My on-call shifts");
        assertThat(page.locator("table")).containsText("Network on call " + s);
        assertThat(page.locator("table")).containsText("Override");
        axe();

        open("/rotas/" + key);
        page.getByRole(AriaRole.BUTTON, name("Remove the override of " + ben)).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("removed");
        assertThat(page.locator("#overrides + p")).containsText("No overrides");
    }

    @Test
    void aViewerSeesTheRotaButNoOverrideForm() {
        String asha = "asha2-" + s;
        ApiClient.as(port, asha, "engineer");
        String key = "rv-" + s;
        ApiClient.as(port, "rv.manager", "manager").post("/api/v1/rotas", """
            {"key":"%s","name":"Databases %s","zone":"Europe/London","layers":[
              {"name":"dba","members":["%s"],"rotation":"daily","handoff":"2026-01-05T09:00"}]}""".formatted(key, s, asha));
        signInAs("rv.viewer", "viewer");
        open("/rotas/" + key);
        assertThat(page.locator("h1")).hasText("Databases " + s);
        assertThat(page.getByRole(AriaRole.BUTTON, name("Add override"))).hasCount(0);
        axe();
    }
}
