package org.estate.platform;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Accounts as security sees them. Declared here, implemented by the {@code identity} module, so
 * that the platform does not depend on a higher module.
 *
 * <p>Password guessing is throttled by source (the client's address) and account, never by
 * account alone: a stranger's wrong passwords must not lock the real user out, and they never
 * touch API tokens.
 */
public interface AccountDirectory {

    Optional<Account> findByUsername(String username);

    /** The account owning this raw API token, and the token, when it exists and has not expired. */
    Optional<ApiTokenUse> findByApiToken(String rawToken);

    /** Whether a password for this username from this source may be checked now, and how it stands. */
    SignInVerdict checkPasswordSignIn(String username, String source);

    /** Counts a wrong password for this username from this source. */
    void recordFailedLogin(String username, String source);

    /** A right password: forgets this source's wrong ones for the account when it had any. */
    void recordSuccessfulLogin(String username, String source, boolean hadFailures);

    /** The session epoch of an enabled account; empty when the account is disabled or gone. */
    OptionalLong sessionEpoch(String username);

    /**
     * @param refusedUntil when not null, password sign-in for the account from this source is
     *                     refused (without checking the password) until then
     * @param failures     wrong passwords counted for the account from this source
     */
    record SignInVerdict(Instant refusedUntil, int failures) {
        public boolean refused() {
            return refusedUntil != null;
        }
    }
}
