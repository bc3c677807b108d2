package org.estate.platform;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in with an OpenID Connect provider; off while {@code issuer} is empty.
 *
 * @param issuer        the provider's issuer ({@code ESTATE_OIDC_ISSUER}); its
 *                      {@code /.well-known/openid-configuration} is read on the first sign-in
 * @param clientId      Estate's client id at the provider ({@code ESTATE_OIDC_CLIENT_ID})
 * @param clientSecret  its secret ({@code ESTATE_OIDC_CLIENT_SECRET}); empty for a public client.
 *                      PKCE is used either way
 * @param name          the provider's name on the button "Sign in with …" ({@code ESTATE_OIDC_NAME})
 * @param groupsClaim   the claim listing the person's groups ({@code ESTATE_OIDC_GROUPS_CLAIM}, default
 *                      {@code groups}); the {@code roles} claim (app roles) is read too
 * @param usernameClaim the claim giving the Estate username ({@code ESTATE_OIDC_USERNAME_CLAIM}, default
 *                      {@code preferred_username})
 * @param rolegroups    role key to the group ids or names (separated by {@code ;}) whose members get that
 *                      role ({@code ESTATE_OIDC_ROLEGROUPS_<ROLE>})
 * @param teamgroups    team key to the group ids or names whose members are in that team
 *                      ({@code ESTATE_OIDC_TEAMGROUPS_<TEAM>})
 * @param baseUrl       {@code ESTATE_BASE_URL} when it is set: the redirect URI is built from it rather
 *                      than from the incoming request
 */
@ConfigurationProperties("estate.oidc")
public record OidcProperties(String issuer, String clientId, String clientSecret, String name, String groupsClaim,
                             String usernameClaim, Map<String, String> rolegroups, Map<String, String> teamgroups,
                             String baseUrl) {

    /** The registration id: {@code /oauth2/authorization/oidc} starts a sign-in. */
    public static final String REGISTRATION_ID = "oidc";

    public OidcProperties {
        issuer = trim(issuer);
        clientId = trim(clientId);
        clientSecret = trim(clientSecret);
        name = trim(name).isEmpty() ? "your organisation's account" : name.trim();
        groupsClaim = trim(groupsClaim).isEmpty() ? "groups" : groupsClaim.trim();
        usernameClaim = trim(usernameClaim).isEmpty() ? "preferred_username" : usernameClaim.trim();
        rolegroups = rolegroups == null ? Map.of() : Map.copyOf(rolegroups);
        teamgroups = teamgroups == null ? Map.of() : Map.copyOf(teamgroups);
        baseUrl = trim(baseUrl);
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    /** True when an issuer is set. */
    public boolean configured() {
        return !issuer.isEmpty();
    }

    @Override
    public String toString() {
        // Never the secret.
        return "OidcProperties[issuer=" + issuer + ", clientId=" + clientId + ", name=" + name + "]";
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
