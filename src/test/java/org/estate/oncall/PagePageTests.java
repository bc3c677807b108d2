package org.estate.oncall;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The pages in Chromium, with axe: paging a team by hand (a refusal keeps what was typed), acknowledging by button and by the emailed link. */
@EstateTest
class PagePageTests extends BrowserSupport {

    private final String s = UUID.randomUUID().toString().substring(0, 6);
    @Autowired
    JdbcClient jdbc;

    private static Page.GetByRoleOptions name(String n) {
        return new Page.GetByRoleOptions().setName(n);
    }

    @Test
    void anEngineerPagesATeamByHandAndAcknowledgesIt() {
        String asha = "pp-asha-" + s;
        ApiClient.as(port, asha, "engineer");
        ApiClient manager = ApiClient.as(port, "pp.manager", "manager");
        org.assertj.core.api.Assertions.assertThat(manager.post("/api/v1/teams",
            "{\"key\":\"pp-" + s + "\",\"name\":\"Paged team " + s + "\",\"members\":[\"" + asha + "\"]}").status()).isEqualTo(201);

        signInAs("pp.engineer." + s, "engineer");
        open("/rotas");
        page.getByRole(AriaRole.LINK, name("Pages")).click();
        assertThat(page.locator("h1")).hasText("Pages");
        axe();
        page.getByLabel("Whom to page").selectOption("team:pp-" + s);
        page.getByLabel("Message (optional)").fill("Core switch in the civic centre is down");
        page.getByRole(AriaRole.BUTTON, name("Send page")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Give the page a title");
        assertThat(page.getByLabel("Message (optional)")).hasValue("Core switch in the civic centre is down");
        assertThat(page.getByLabel("Whom to page")).hasValue("team:pp-" + s);
        axe();
        page.getByLabel("Title").fill("Civic centre switch " + s);
        page.getByRole(AriaRole.BUTTON, name("Send page")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("raised");
        assertThat(page.locator("h1")).hasText("Civic centre switch " + s);
        assertThat(page.locator("table")).containsText(asha);
        axe();
        page.getByRole(AriaRole.BUTTON, name("Acknowledge")).click();
        assertThat(page.locator(".govuk-summary-list")).containsText("acknowledged");
        assertThat(page.locator(".govuk-summary-list")).containsText("pp.engineer." + s);

        org.assertj.core.api.Assertions.assertThat(manager.post("/api/v1/escalation-policies", """
            {"key":"pp-%s","name":"Paged policy %s","levels":[{"targets":[{"team":"pp-%s"}],"delayMinutes":5}]}""".formatted(s, s, s))
            .status()).isEqualTo(201);
        open("/rotas");
        page.getByRole(AriaRole.LINK, name("Escalation policies")).click();
        assertThat(page.locator("#policy-pp-" + s)).hasText("Paged policy " + s);
        assertThat(page.locator("table", new Page.LocatorOptions().setHasText("Team pp-" + s))).containsText(asha);
        axe();
    }

    @Test
    void theEmailedLinkAsksFirstAndAcknowledgesOnTheButton() {
        String ben = "pp-ben-" + s;
        ApiClient.as(port, ben, "engineer");
        ApiClient manager = ApiClient.as(port, "pp.manager", "manager");
        var raised = manager.post("/api/v1/pages", "{\"user\":\"" + ben + "\",\"title\":\"Backups failing " + s + "\"}");
        org.assertj.core.api.Assertions.assertThat(raised.status()).as(raised.body()).isEqualTo(201);
        long id = raised.json().get("id").asLong();
        String body = jdbc.sql("SELECT body FROM notify_outbox WHERE reference = ?").param("page:" + id).query(String.class).list().getFirst();
        Matcher m = Pattern.compile("(/ack/[A-Za-z0-9._~-]+)").matcher(body);
        org.assertj.core.api.Assertions.assertThat(m.find()).isTrue();

        open(m.group(1));
        assertThat(page.locator("h1")).hasText("Acknowledge a page");
        assertThat(page.locator(".govuk-summary-list")).containsText("Backups failing " + s);
        axe();
        page.getByRole(AriaRole.BUTTON, name("Acknowledge")).click();
        assertThat(page.locator(".govuk-panel__title")).hasText("Page acknowledged");
        axe();
        org.assertj.core.api.Assertions.assertThat(manager.get("/api/v1/pages/" + id).json().get("acknowledgedBy").asString()).isEqualTo(ben);
        open(m.group(1));
        assertThat(page.locator(".govuk-error-summary")).containsText("used already");
    }
}
