package org.estate.oncall;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * "My contact methods" in Chromium, with axe: reached from the account page, errors kept beside the
 * input, a masked webhook kept on save, and a stale form refused without reverting the other change.
 */
@EstateTest
class ContactMethodPageTests extends BrowserSupport {

    private static final String HOOK = "https://council.webhook.office.com/webhookb2/abc/IncomingWebhook/page-secret/xyz";
    private final String s = UUID.randomUUID().toString().substring(0, 6);

    private static Page.GetByRoleOptions name(String n) {
        return new Page.GetByRoleOptions().setName(n);
    }

    @Test
    void anEngineerSetsTheirContactMethodsAndRules() {
        String cara = "cara-" + s;
        signInAs(cara, "engineer");
        open("/account/tokens");
        page.getByRole(AriaRole.LINK, name("My contact methods")).click();
        assertThat(page.locator("h1")).hasText("My contact methods");
        axe();

        page.getByLabel("Method 1 type").selectOption("sms");
        page.getByLabel("Method 1 address").fill("07700 9OO123");
        page.getByLabel("Method 2 type").selectOption("teams");
        page.getByLabel("Method 2 address").fill(HOOK);
        page.getByLabel("Rule 1 method").selectOption("sms");
        page.getByLabel("Rule 1 minutes after the page").fill("five");
        page.getByRole(AriaRole.BUTTON, name("Save contact methods")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("only digits");
        assertThat(page.locator(".govuk-error-summary")).containsText("whole number");
        assertThat(page.getByLabel("Method 1 address")).hasValue("07700 9OO123");
        assertThat(page.getByLabel("Method 2 address")).hasValue(HOOK);
        axe();

        page.getByLabel("Method 1 address").fill("07700 900123");
        page.getByLabel("Rule 1 minutes after the page").fill("5");
        page.getByRole(AriaRole.BUTTON, name("Save contact methods")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("saved");
        assertThat(page.getByLabel("Method 1 address")).hasValue("+447700900123");
        assertThat(page.getByLabel("Method 2 address")).hasValue("https://council.webhook.office.com/…");
        org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("page-secret");
        axe();

        // Saved again with the webhook left masked: the stored URL is kept.
        page.getByLabel("Rule 1 urgency").selectOption("low");
        page.getByLabel("Rule 1 method").selectOption("email");
        page.getByRole(AriaRole.BUTTON, name("Save contact methods")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("saved");
        ApiClient admin = ApiClient.adminToken(port);
        var saved = admin.get("/api/v1/users/" + cara + "/contact-methods").json();
        org.assertj.core.api.Assertions.assertThat(saved.get("methods").size()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(saved.get("rules").get(0).get("urgency").asString()).isEqualTo("low");

        // Someone else (an admin) saves while this form is open: the stale form is refused, their change kept.
        var changed = admin.send("PUT", "/api/v1/users/" + cara + "/contact-methods",
            "{\"methods\":[{\"type\":\"email\",\"address\":\"cara.pager@example.gov.uk\"}]}", "application/json",
            Map.of("If-Match", "\"" + saved.get("version").asLong() + "\""));
        org.assertj.core.api.Assertions.assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        page.getByLabel("Method 1 address").fill("07700 900999");
        page.getByRole(AriaRole.BUTTON, name("Save contact methods")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("changed by someone else");
        assertThat(page.getByLabel("Method 1 address")).hasValue("cara.pager@example.gov.uk");
        axe();
        org.assertj.core.api.Assertions.assertThat(admin.get("/api/v1/users/" + cara + "/contact-methods").body())
            .contains("cara.pager@example.gov.uk").doesNotContain("900999");
    }
}
