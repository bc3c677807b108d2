package org.estate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code POST /api/v1/account/password} {@code {"current","new"}} for a local account: 204, and the new
 * password works; 422 for a wrong current password and for a short or common new one (the list of
 * common passwords compared ignoring case); admins reset a local user's password, under the same rules.
 * (A directory user's 409 is in LdapSignInTests.)
 */
@EstateTest
class PasswordChangeApiTests {

    @LocalServerPort
    int port;

    private static String body(String current, String next) {
        return "{\"current\":\"" + current + "\",\"new\":\"" + next + "\"}";
    }

    @Test
    void changesOwnPasswordRefusingWrongShortAndCommonOnes() {
        ApiClient.as(port, "pw.change", "viewer");
        ApiClient me = ApiClient.basic(port, "pw.change", ApiClient.PASSWORD);

        ApiClient.Response wrong = me.post("/api/v1/account/password", body("not-my-password-at-all", "a-brand-new-passphrase"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("currentPassword");

        ApiClient.Response shortOne = me.post("/api/v1/account/password", body(ApiClient.PASSWORD, "too-short"));
        assertThat(shortOne.status()).isEqualTo(422);
        assertThat(shortOne.body()).contains("newPassword", "at least 12 characters");

        // On the list as "password1234" and "qwertyuiop123": refused whatever the case.
        for (String common : new String[] {"Password1234", "QWERTYUIOP123"}) {
            ApiClient.Response refused = me.post("/api/v1/account/password", body(ApiClient.PASSWORD, common));
            assertThat(refused.status()).as(common).isEqualTo(422);
            assertThat(refused.body()).contains("newPassword", "most common passwords");
        }

        assertThat(me.post("/api/v1/account/password", body(ApiClient.PASSWORD, "lantern-otter-quarry")).status()).isEqualTo(204);
        assertThat(ApiClient.basic(port, "pw.change", "lantern-otter-quarry").get("/api/v1/tokens").status()).isEqualTo(200);
        assertThat(ApiClient.basic(port, "pw.change", ApiClient.PASSWORD).get("/api/v1/tokens").status()).isEqualTo(401);
    }

    @Test
    void adminsResetALocalUsersPasswordUnderTheSameRules() {
        ApiClient.as(port, "pw.reset", "engineer");
        ApiClient admin = ApiClient.admin(port);
        String etag = admin.get("/api/v1/users/pw.reset").header("ETag");
        ApiClient.Response common = admin.patch("/api/v1/users/pw.reset", "{\"password\":\"Welcome12345\"}", etag);
        assertThat(common.status()).isEqualTo(422);
        assertThat(common.body()).contains("password", "most common passwords");
        assertThat(admin.patch("/api/v1/users/pw.reset", "{\"password\":\"heron-velvet-compass\"}", etag).status()).isEqualTo(200);
        assertThat(ApiClient.basic(port, "pw.reset", "heron-velvet-compass").get("/api/v1/tokens").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/users/pw.reset").json().get("source").asString()).isEqualTo("local");
    }
}
