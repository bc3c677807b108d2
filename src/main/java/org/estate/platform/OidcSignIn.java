package org.estate.platform;

import java.util.Map;
import java.util.Optional;

/**
 * Sign-in with an OpenID Connect provider (Microsoft Entra ID or any other): security runs the
 * authorisation code flow and hands the signed-in person's claims (ID token and user info, merged)
 * here. Implemented by {@code identity}.
 */
public interface OidcSignIn {

    /**
     * Creates or updates the Estate user from the provider's claims: username, email, name, and roles
     * and teams from the groups (or app roles) claim.
     *
     * @return the account signed in; empty when the claims name no username, map to no Estate role,
     *         belong to an Estate user of another kind (a local one, say), or the user is disabled
     */
    Optional<Account> signIn(Map<String, Object> claims);
}
