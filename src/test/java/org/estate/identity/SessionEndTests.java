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

    @Test
    void changingOnesOwnPasswordKeepsThisSessionAndEndsTheOthers() {
        SourceClient here = signedIn("session.own", "viewer");
        SourceClient elsewhere = new SourceClient(port, "127.0.20.3");
        assertThat(elsewhere.formLogin("session.own", ApiClient.PASSWORD).location()).doesNotContain("/login");
        assertThat(elsewhere.get("/account/tokens").status()).isEqualTo(200);

        here.get("/account/password");
        SourceClient.Answer wrong = here.post("/account/password", Map.of("currentPassword", "not-my-password",
            "newPassword", "my-new-long-password"));
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).contains("Your current password is wrong");
        SourceClient.Answer tooLong = here.post("/account/password", Map.of("currentPassword", ApiClient.PASSWORD,
            "newPassword", "x".repeat(73)));
        assertThat(tooLong.body()).contains("72 bytes or fewer");

        SourceClient.Answer changed = here.post("/account/password", Map.of("currentPassword", ApiClient.PASSWORD,
            "newPassword", "my-new-long-password"));
        assertThat(changed.location()).endsWith("/account/password");
        assertThat(here.get("/account/password").body()).contains("Your password has been changed");
        assertThat(here.get("/account/tokens").status()).isEqualTo(200);
        assertThat(elsewhere.get("/account/tokens").location()).endsWith("/login");
        // The API token made before the change still works.
        assertThat(ApiClient.as(port, "session.own").get("/api/v1/tokens").status()).isEqualTo(200);
    }

    @Test
    void ownPasswordChangeThroughTheApi() {
        ApiClient.as(port, "api.own", "viewer");
        ApiClient basic = ApiClient.basic(port, "api.own", ApiClient.PASSWORD);
        var wrong = basic.post("/api/v1/account/password", "{\"currentPassword\":\"nope\",\"newPassword\":\"another-long-password\"}");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");
        var weak = basic.post("/api/v1/account/password", "{\"currentPassword\":\"%s\",\"newPassword\":\"short\"}"
            .formatted(ApiClient.PASSWORD));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(basic.post("/api/v1/account/password", "{\"currentPassword\":\"%s\",\"newPassword\":\"another-long-password\"}"
            .formatted(ApiClient.PASSWORD)).status()).isEqualTo(204);
        assertThat(ApiClient.basic(port, "api.own", "another-long-password").get("/api/v1/tokens").status()).isEqualTo(200);
        // Guessing the current password through a signed-in session is throttled too.
        ApiClient token = ApiClient.as(port, "api.own");
        for (int i = 0; i < 5; i++) {
            token.post("/api/v1/account/password", "{\"currentPassword\":\"guess-%d\",\"newPassword\":\"x-long-password-1\"}".formatted(i));
        }
        var refused = token.post("/api/v1/account/password", "{\"currentPassword\":\"another-long-password\",\"newPassword\":\"x-long-password-1\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("Too many wrong passwords");
    }
}
