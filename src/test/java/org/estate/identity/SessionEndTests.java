package org.estate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.estate.test.SourceClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every change to a user's status, roles or password ends their browser sessions at once: tried
 * with a real session cookie from the login form and CSRF-protected form posts.
 */
@EstateTest
class SessionEndTests {

    @LocalServerPort
    int port;

    private SourceClient signedIn(String username, String... roles) {
        ApiClient.as(port, username, roles);
        SourceClient browser = new SourceClient(port, "127.0.20.1");
        assertThat(browser.formLogin(username, ApiClient.PASSWORD).location()).doesNotContain("/login");
        return browser;
    }

    private void change(String username, String json) {
        ApiClient admin = ApiClient.adminToken(port);
        String etag = admin.get("/api/v1/users/" + username).header("ETag");
        assertThat(admin.patch("/api/v1/users/" + username, json, etag).status()).isEqualTo(200);
    }

    @Test
    void aDisabledAdminsSessionCanNoLongerCreateAUser() {
        SourceClient session = signedIn("session.admin", "admin");
        assertThat(session.get("/admin/users/new").status()).isEqualTo(200);

        change("session.admin", "{\"enabled\":false}");

        SourceClient.Answer attempt = session.post("/admin/users", Map.of("username", "made.by.disabled", "displayName", "Made",
            "roles", "admin", "password", "a-long-enough-password"));
        assertThat(attempt.status()).isEqualTo(302);
        assertThat(attempt.location()).endsWith("/login");
        assertThat(ApiClient.adminToken(port).get("/api/v1/users/made.by.disabled").status()).isEqualTo(404);
        // And the session is gone for good, not only for that request.
        assertThat(session.get("/admin/users").location()).endsWith("/login");
    }

    @Test
    void aDemotedUserLosesTheRoleAtOnce() {
        SourceClient session = signedIn("session.manager", "manager");
        assertThat(session.get("/admin/sla-policies").status()).isEqualTo(200);

        change("session.manager", "{\"roles\":[\"viewer\"]}");

        assertThat(session.get("/admin/sla-policies").location()).endsWith("/login");
        // Signed in again, the new role applies.
        assertThat(session.formLogin("session.manager", ApiClient.PASSWORD).location()).doesNotContain("/login");
        assertThat(session.get("/admin/sla-policies").status()).isEqualTo(403);
        assertThat(session.get("/cmdb/cis").status()).isEqualTo(200);
    }

    @Test
    void aRePasswordedUsersOldSessionEnds() {
        SourceClient session = signedIn("session.password", "viewer");
        SourceClient other = new SourceClient(port, "127.0.20.2");
        assertThat(other.formLogin("session.password", ApiClient.PASSWORD).location()).doesNotContain("/login");
        assertThat(session.get("/account/tokens").status()).isEqualTo(200);

        change("session.password", "{\"password\":\"a-brand-new-password\"}");

        assertThat(session.get("/account/tokens").location()).endsWith("/login");
        assertThat(other.get("/account/tokens").location()).endsWith("/login");
        assertThat(session.formLogin("session.password", "a-brand-new-password").location()).doesNotContain("/login");
        assertThat(session.get("/account/tokens").status()).isEqualTo(200);
    }

    @Test
    void aChangeOfNameOrEmailKeepsTheSession() {
        SourceClient session = signedIn("session.rename", "viewer");
        change("session.rename", "{\"displayName\":\"Renamed\",\"email\":\"renamed@example.gov.uk\"}");
        assertThat(session.get("/account/tokens").status()).isEqualTo(200);
    }
}
