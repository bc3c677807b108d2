package org.estate.identity.directory;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.directory.DirectoryServers;
import org.estate.test.directory.DirectoryTest;
import org.estate.test.directory.TestOidcProvider;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;

import tools.jackson.databind.JsonNode;

/**
 * Sign-in with OpenID Connect end to end in Chromium: Estate's "Sign in with …" button, the provider's
 * own login form (Spring Authorization Server, started by the test), and back to Estate signed in with
 * the role its groups claim maps to.
 */
@DirectoryTest
class OidcSignInBrowserTests extends BrowserSupport {

    @Autowired
    Environment environment;

    @Override
    protected String url(String path) {
        // 127.0.0.1 (not localhost): the provider accepts a loopback redirect URI on any port only as an IP address.
        return "http://127.0.0.1:" + port + path;
    }

    private void signInAtTheProvider(List<String> authorizeRequests) {
        String issuer = environment.getProperty("estate.oidc.issuer");
        page.onRequest(r -> {
            if (r.url().startsWith(issuer + "/oauth2/authorize")) {
                authorizeRequests.add(r.url());
            }
        });
        open("/login");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with " + DirectoryServers.OIDC_NAME)).click();
        page.waitForURL(u -> u.startsWith(issuer + "/login"));
        page.locator("#username").fill("ojones");
        page.locator("#password").fill(TestOidcProvider.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(u -> u.startsWith(url("/")) && !u.contains("/login/oauth2/code"));
    }

    @Test
    void signsInThroughTheProviderWithTheRoleOfItsGroupsAndRefusesOnceDisabled() {
        open("/login");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with " + DirectoryServers.OIDC_NAME)))
            .isVisible();
        axe();

        List<String> authorizeRequests = new CopyOnWriteArrayList<>();
        signInAtTheProvider(authorizeRequests);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out ojones"))).isVisible();
        // PKCE, though Estate is a confidential client.
        assertThat(authorizeRequests).isNotEmpty();
        assertThat(authorizeRequests.getFirst()).contains("code_challenge=", "code_challenge_method=S256",
            "redirect_uri=" + url("/login/oauth2/code/oidc"));

        ApiClient admin = ApiClient.admin(port);
        ApiClient.Response user = admin.get("/api/v1/users/ojones");
        JsonNode ojones = user.json();
        assertThat(ojones.get("source").asString()).isEqualTo("oidc");
        assertThat(ojones.get("roles").valueStream().map(JsonNode::asString).toList()).containsExactly("engineer");
        assertThat(ojones.get("email").asString()).isEqualTo("olu.jones@council.example");
        assertThat(ojones.get("displayName").asString()).isEqualTo("Olu Jones");
        // An engineer's page opens; an admin's does not.
        assertThat(page.navigate(url("/cmdb/cis")).status()).isEqualTo(200);
        assertThat(page.navigate(url("/admin/users")).status()).isEqualTo(403);

        // Disabled in Estate: the provider still signs them in, Estate does not.
        assertThat(admin.patch("/api/v1/users/ojones", "{\"enabled\":false}", user.header("ETag")).status()).isEqualTo(200);
        page.context().clearCookies();
        signInAtTheProvider(authorizeRequests);
        assertThat(page).hasURL(url("/login?refused"));
        assertThat(page.getByText("Your account could not be signed in to Estate")).isVisible();
        axe();
    }
}
