package org.estate.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Sign-in, users admin and API tokens pages in real Chromium, each checked with axe. */
@EstateTest
class IdentityPageTests extends BrowserSupport {

    private void click(String button) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
    }

    @Test
    void signInPageWrongPasswordAndSignOut() {
        open("/cmdb/cis");
        assertThat(page).hasURL(url("/login"));
        axe();
        page.getByLabel("Username").fill("admin");
        page.getByLabel("Password").fill("wrong-password");
        click("Sign in");
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter a correct username and password");
        axe();
        signInAsAdmin();
        // Back to the page first asked for.
        assertThat(page.locator("h1")).hasText("Configuration items");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out admin")).click();
        assertThat(page.locator(".govuk-notification-banner")).containsText("You have signed out");
    }

    @Test
    void apiDocsLoadUnderTheContentSecurityPolicy() {
        open("/api/docs");
        // Swagger UI renders the operations from /api/openapi.json; a CSP violation would fail the test.
        // The first build of the OpenAPI document takes seconds on a busy machine: wait for it, up to a minute.
        assertThat(page.locator(".swagger-ui .opblock-tag").first())
            .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        assertThat(page.locator("section.swagger-ui")).containsText("/api/v1/cis");
    }

    @Test
    void securityHeadersOnPages() {
        var response = page.navigate(url("/login"));
        assertThat(response.headerValue("content-security-policy")).contains("default-src 'self'").contains("nonce-")
            .doesNotContain("unsafe-inline");
        assertThat(response.headerValue("x-content-type-options")).isEqualTo("nosniff");
        assertThat(response.headerValue("x-frame-options")).isEqualTo("DENY");
    }

    @Test
    void adminAddsAUserWithErrorsFirst() {
        signInAsAdmin();
        open("/admin/users");
        axe();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a user")).or(page.getByText("Add a user")).first().click();
        page.getByLabel("Username").fill("Bad Name");
        page.getByLabel("Full name").fill("Sam Patel");
        page.getByLabel("Password").fill("short");
        click("Add user");
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter a username");
        assertThat(page.locator(".govuk-error-summary")).containsText("at least 12 characters");
        assertThat(page.getByLabel("Full name")).hasValue("Sam Patel");
        axe();
        page.getByLabel("Username").fill("sam.patel");
        page.getByLabel("engineer").check();
        page.getByLabel("Password").fill("a-long-enough-password");
        click("Add user");
        assertThat(page.locator(".govuk-notification-banner")).containsText("User sam.patel added");
        assertThat(ApiClient.admin(port).get("/api/v1/users/sam.patel").json().get("roles").toString()).contains("engineer");
        open("/admin/users/sam.patel");
        axe();
    }

    @Test
    void nonAdminsCannotManageUsers() {
        signInAs("not.an.admin", "manager");
        var response = page.navigate(url("/admin/users"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(page.locator("h1")).hasText("You cannot do this");
        axe();
    }

    @Test
    void tokenIsShownOnceAndWorks() {
        signInAs("token.page", "viewer");
        open("/account/tokens");
        axe();
        click("Create token");
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter a name");
        axe();
        page.getByLabel("Name").fill("Nightly export");
        page.getByLabel("Expires at the end of (optional)").fill("2099-12-31");
        click("Create token");
        // More than five years ahead is refused; a year ahead is fine.
        assertThat(page.locator(".govuk-error-summary")).containsText("at most 5 years ahead");
        page.getByLabel("Expires at the end of (optional)").fill(java.time.LocalDate.now().plusYears(1).toString());
        click("Create token");
        assertThat(page.locator(".govuk-panel")).containsText("Token created");
        axe();
        String token = page.locator("#token").textContent().trim();
        assertThat(ApiClient.bearer(port, token).get("/api/v1/cis").status()).isEqualTo(200);
        open("/account/tokens");
        assertThat(page.locator("main")).containsText("Nightly export");
        assertThat(page.content()).doesNotContain(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke token Nightly export")).click();
        assertThat(page.locator(".govuk-notification-banner")).containsText("revoked");
        assertThat(ApiClient.bearer(port, token).get("/api/v1/cis").status()).isEqualTo(401);
    }

    @Test
    void theUserFormTicksNoRoleAndARequesterCannotAlsoBeStaff() {
        signInAsAdmin();
        open("/admin/users/new");
        for (String role : new String[] {"viewer", "requester", "engineer", "manager", "admin"}) {
            assertThat(page.getByLabel(role, new Page.GetByLabelOptions().setExact(true))).not().isChecked();
        }
        page.getByLabel("Username").fill("mixed.roles");
        page.getByLabel("Full name").fill("Mixed Roles");
        page.getByLabel("requester", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("viewer", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Password").fill("a-long-enough-password");
        click("Add user");
        assertThat(page.locator(".govuk-error-summary")).containsText("A requester cannot also be viewer");
        axe();
        assertThat(ApiClient.admin(port).get("/api/v1/users/mixed.roles").status()).isEqualTo(404);
    }

    @Test
    void aDisabledAdminsBrowserIsSentToSignInAndCreatesNoOne() {
        signInAs("browser.admin", "admin");
        open("/admin/users/new");
        page.getByLabel("Username").fill("made.by.disabled.admin");
        page.getByLabel("Full name").fill("Nobody");
        page.getByLabel("admin", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Password").fill("a-long-enough-password");

        var api = ApiClient.adminToken(port);
        String etag = api.get("/api/v1/users/browser.admin").header("ETag");
        assertThat(api.patch("/api/v1/users/browser.admin", "{\"enabled\":false}", etag).status()).isEqualTo(200);

        click("Add user");
        assertThat(page).hasURL(url("/login"));
        assertThat(api.get("/api/v1/users/made.by.disabled.admin").status()).isEqualTo(404);
    }

    @Test
    void changeYourOwnPassword() {
        signInAs("browser.password", "viewer");
        open("/account/tokens");
        page.getByText("Change your password").click();
        axe();
        page.getByLabel("Current password").fill("wrong-password-here");
        page.getByLabel("New password").fill("a-new-long-password");
        click("Change password");
        assertThat(page.locator(".govuk-error-summary")).containsText("Your current password is wrong");
        axe();
        page.getByLabel("Current password").fill(ApiClient.PASSWORD);
        page.getByLabel("New password").fill("a-new-long-password");
        click("Change password");
        assertThat(page.locator(".govuk-notification-banner")).containsText("Your password has been changed");
        open("/account/tokens");
        assertThat(page.locator("h1")).hasText("My API tokens");
    }
}
