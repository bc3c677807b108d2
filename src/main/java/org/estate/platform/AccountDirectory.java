package org.estate.platform;

import java.util.Optional;

/**
 * Accounts as security sees them. Declared here, implemented by the {@code identity} module, so
 * that the platform does not depend on a higher module.
 */
public interface AccountDirectory {

    Optional<Account> findByUsername(String username);

    /** The account owning this raw API token, when the token exists and has not expired. */
    Optional<Account> findByApiToken(String rawToken);

    /** Counts a failed password for the user, locking the account after too many. */
    void recordFailedLogin(String username);

    /** Clears the failure count after a good password. */
    void recordSuccessfulLogin(String username);
}
