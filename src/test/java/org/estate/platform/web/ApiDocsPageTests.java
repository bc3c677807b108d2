package org.estate.platform.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;

/**
 * The API docs in real Chromium, as a signed-in engineer meets them: Swagger UI shows Estate's API,
 * "Authorize" takes a username and password (or a token), and "Try it out" calls the API for real.
 */
@EstateTest
class ApiDocsPageTests extends BrowserSupport {

    @Test
    void aSignedInEngineerAuthorizesAndTriesAnOperation() {
        signInAs("docs.engineer", "engineer");
        open("/api/docs");
        // The first call builds the OpenAPI document (a few seconds on a busy machine).
        assertThat(page.locator(".swagger-ui .info .title")).containsText("Estate API",
            new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));

        page.locator(".swagger-ui .auth-wrapper .authorize").click();
        Locator basic = page.locator(".auth-container").filter(new Locator.FilterOptions().setHasText("basic"));
        basic.locator("input[type=text]").fill("docs.engineer");
        basic.locator("input[type=password]").fill(ApiClient.PASSWORD);
        basic.locator("button.authorize").click();
        page.locator(".auth-btn-wrapper button.btn-done").first().click();

        Locator operation = page.locator("[id$='-listCiClasses']");
        operation.locator(".opblock-summary").click();
        operation.locator(".try-out__btn").click();
        operation.locator(".execute").click();
        assertThat(operation.locator(".live-responses-table tbody .response-col_status").first()).hasText("200");
        assertThat(operation.locator(".live-responses-table .highlight-code")).containsText("server");
    }
}
