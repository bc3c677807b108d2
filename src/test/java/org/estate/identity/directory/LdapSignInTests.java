package org.estate.identity.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.estate.test.ApiClient;
import org.estate.test.SourceClient;
import org.estate.test.directory.DirectoryServers;
import org.estate.test.directory.DirectoryTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Sign-in with Active Directory-like LDAP (UnboundID's in-memory server, started by the test) on the
 * login form and with HTTP Basic on the API: nested groups, roles that follow groups, disabled accounts,
 * the throttle, and local accounts beside the directory.
 */
@DirectoryTest
class LdapSignInTests {

    private static final String JO = "directory-password-jo-1";

    @LocalServerPort
    int port;

    private JsonNode user(String username) {
        ApiClient.Response r = ApiClient.admin(port).get("/api/v1/users/" + username);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> roles(JsonNode user) {
        return user.get("roles").valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void formSignInCreatesTheUserWithRolesFromNestedGroups() {
        SourceClient browser = new SourceClient(port, "127.0.30.1");
        // Typed as the person knows it; the Estate username is sAMAccountName in lower case.
        assertThat(browser.formLogin("JBloggs", JO).location()).doesNotContain("/login");
        assertThat(browser.get("/").status()).isEqualTo(200);
        JsonNode jo = user("jbloggs");
        // jbloggs -> Infrastructure Staff -> IT Staff -> Estate Engineers (-> IT Staff again: a cycle)
        assertThat(roles(jo)).containsExactly("engineer");
        assertThat(jo.get("source").asString()).isEqualTo("ldap");
        assertThat(jo.get("email").asString()).isEqualTo("jo.bloggs@council.example");
        assertThat(jo.get("displayName").asString()).isEqualTo("Jo Bloggs");
    }

    @Test
    void httpBasicOnTheApiSignsADirectoryUserIn() {
        SourceClient script = new SourceClient(port, "127.0.30.2");
        SourceClient.Answer answer = script.basicGet("/api/v1/users/mmanager", "mmanager", "directory-password-mo-1");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"manager\"", "\"ldap\"");
        // The team of the directory group (ESTATE_LDAP_TEAMGROUPS_NETWORKS) has them as a member.
        assertThat(ApiClient.admin(port).get("/api/v1/teams/networks").body()).contains("\"mmanager\"");
        assertThat(script.basicGet("/api/v1/users/mmanager", "mmanager", "wrong-password-mo-1").status()).isEqualTo(401);
    }

    @Test
    void rolesFollowTheGroupsAtTheNextSignInAndEndTheOtherSessions() {
        String dn = "CN=Ray Change," + DirectoryServers.STAFF;
        DirectoryServers.setGroups(dn, "CN=Estate Viewers," + DirectoryServers.GROUPS);
        SourceClient browser = new SourceClient(port, "127.0.30.3");
        assertThat(browser.formLogin("rchange", "directory-password-ray-1").location()).doesNotContain("/login");
        assertThat(browser.get("/").status()).isEqualTo(200);
        assertThat(roles(user("rchange"))).containsExactly("viewer");

        DirectoryServers.setGroups(dn, "CN=Estate Managers," + DirectoryServers.GROUPS);
        SourceClient script = new SourceClient(port, "127.0.30.4");
        assertThat(script.basicGet("/api/v1/tokens", "rchange", "directory-password-ray-1").status()).isEqualTo(200);
        assertThat(roles(user("rchange"))).containsExactly("manager");
        // The browser session signed in as a viewer has ended.
        SourceClient.Answer after = browser.get("/");
        assertThat(after.status()).isEqualTo(302);
        assertThat(after.location()).endsWith("/login");

        // Out of every mapped group: refused, and the roles go.
        DirectoryServers.setGroups(dn, "CN=Network Team," + DirectoryServers.GROUPS);
        assertThat(script.basicGet("/api/v1/tokens", "rchange", "directory-password-ray-1").status()).isEqualTo(401);
        assertThat(roles(user("rchange"))).isEmpty();
    }

    @Test
    void aDisabledDirectoryAccountIsRefusedLikeAWrongPassword() {
        SourceClient browser = new SourceClient(port, "127.0.30.5");
        assertThat(browser.formLogin("ddisabled", "directory-password-dee-1").location()).endsWith("/login?error");
        assertThat(browser.basicGet("/api/v1/tokens", "ddisabled", "directory-password-dee-1").status()).isEqualTo(401);
        assertThat(ApiClient.admin(port).get("/api/v1/users/ddisabled").status()).isEqualTo(404);
    }

    @Test
    void wrongDirectoryPasswordsAreThrottledLikeLocalOnes() {
        SourceClient guesser = new SourceClient(port, "127.0.30.6");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.formLogin("gguessed", "guess-number-" + i).location()).endsWith("/login?error");
        }
        // The right password from the guessing source is not even checked now.
        assertThat(guesser.formLogin("gguessed", "directory-password-gus-1").location()).endsWith("/login?throttled");
        assertThat(guesser.basicGet("/api/v1/tokens", "gguessed", "directory-password-gus-1").status()).isEqualTo(429);
        // The real user, from their own desk, still signs in.
        SourceClient owner = new SourceClient(port, "127.0.30.7");
        assertThat(owner.formLogin("gguessed", "directory-password-gus-1").location()).doesNotContain("/login");
    }

    @Test
    void theLocalAdminKeepsWorkingAndTheDirectoryNeverSignsInAsALocalUser() {
        SourceClient script = new SourceClient(port, "127.0.30.8");
        assertThat(script.basicGet("/api/v1/users", "admin", ApiClient.ADMIN_PASSWORD).status()).isEqualTo(200);
        // The directory has an "admin" too, with its own password: it does not sign in as Estate's admin.
        assertThat(script.basicGet("/api/v1/users", "admin", "directory-password-admin-1").status()).isEqualTo(401);
        SourceClient browser = new SourceClient(port, "127.0.30.9");
        assertThat(browser.formLogin("admin", ApiClient.ADMIN_PASSWORD).location()).doesNotContain("/login");
    }

    @Test
    void aDirectoryUsersPasswordIsTheDirectorys() {
        SourceClient script = new SourceClient(port, "127.0.30.10");
        assertThat(script.basicGet("/api/v1/tokens", "jbloggs", JO).status()).isEqualTo(200);
        ApiClient jo = ApiClient.basic(port, "jbloggs", JO);
        ApiClient.Response own = jo.post("/api/v1/account/password",
            "{\"current\":\"" + JO + "\",\"new\":\"a-new-password-for-jo\"}");
        assertThat(own.status()).as(own.body()).isEqualTo(409);
        ApiClient admin = ApiClient.admin(port);
        String etag = admin.get("/api/v1/users/jbloggs").header("ETag");
        assertThat(admin.patch("/api/v1/users/jbloggs", "{\"password\":\"a-new-password-for-jo\"}", etag).status()).isEqualTo(409);
        // The page says so and offers no form.
        SourceClient browser = new SourceClient(port, "127.0.30.11");
        browser.formLogin("jbloggs", JO);
        SourceClient.Answer page = browser.get("/account/password");
        assertThat(page.body()).contains("You sign in with the council's directory").doesNotContain("name=\"newPassword\"");
        assertThat(browser.post("/account/password", Map.of("currentPassword", JO, "newPassword", "a-new-password-for-jo"))
            .body()).contains("You sign in with the council's directory");
    }
}
