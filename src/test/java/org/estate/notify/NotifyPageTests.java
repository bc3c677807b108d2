package org.estate.notify;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.microsoft.playwright.Page;

/** The outbox and channel pages in Chromium, with axe: filters, the add form's error summary keeping input (never the secret), delete. */
@EstateTest
class NotifyPageTests extends BrowserSupport {

    @Autowired
    Notifier notifier;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void anAdminAddsAndDeletesAChannelAndFiltersTheOutbox() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        signInAsAdmin();
        open("/admin/channels");
        assertThat(page.locator("h1")).hasText("Channels");
        axe();

        page.getByLabel("Key").fill("Bad Key " + s);
        page.getByLabel("Type").selectOption("slack");
        page.getByLabel("Webhook URL").fill("ftp://hooks.example.org/" + s);
        page.getByLabel("Signing secret (optional, webhooks only)").fill("top-secret-" + s);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add the channel")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("lower-case");
        assertThat(page.locator(".govuk-error-summary")).containsText("http or https");
        assertThat(page.getByLabel("Key")).hasValue("Bad Key " + s);
        assertThat(page.getByLabel("Webhook URL")).hasValue("ftp://hooks.example.org/" + s);
        assertThat(page.getByLabel("Type")).hasValue("slack");
        org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("top-secret-" + s);
        axe();

        page.getByLabel("Key").fill("ops-" + s);
        page.getByLabel("Webhook URL").fill("https://hooks.example.org/services/" + s);
        page.getByLabel("Signing secret (optional, webhooks only)").fill("");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add the channel")).click();
        assertThat(page.locator(".govuk-notification-banner")).containsText("ops-" + s + " added");
        assertThat(page.locator("table")).containsText("ops-" + s);
        org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("/services/" + s);
        org.assertj.core.api.Assertions.assertThat(notifier.channelExists("ops-" + s)).isTrue();

        transaction.executeWithoutResult(t -> notifier.queue(Notification.toChannel("ops-" + s, "Page " + s, "b", "page-test-" + s)));
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete ops-" + s)).click();
        assertThat(page.locator(".govuk-notification-banner")).containsText("ops-" + s + " deleted");
        org.assertj.core.api.Assertions.assertThat(notifier.channelExists("ops-" + s)).isFalse();

        open("/admin/outbox?channel=slack&status=queued");
        assertThat(page.locator("h1")).hasText("Outbox");
        assertThat(page.locator("table")).containsText("page-test-" + s);
        assertThat(page.getByLabel("Channel")).hasValue("slack");
        axe();
        open("/admin/outbox?channel=email");
        org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("page-test-" + s);
        assertThat(page.locator("a[href='/admin/channels']").first()).isVisible();
    }
}
