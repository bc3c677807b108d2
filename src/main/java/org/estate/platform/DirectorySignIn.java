package org.estate.platform;

import java.util.Optional;

/**
 * Password sign-in against the council's directory (Active Directory or another LDAP server), for the
 * login form and HTTP Basic. Declared here and implemented by {@code identity} only when a directory
 * is configured ({@code ESTATE_LDAP_URL}); security asks it for every username that is not a local
 * account, and never for a local one.
 */
public interface DirectorySignIn {

    /**
     * Checks the username and password with the directory and, when they are right, creates or updates
     * the Estate user from the directory's entry (name, email, roles and teams from its groups).
     *
     * @return the account signed in; empty for an unknown username, a wrong password, an account
     *         disabled in the directory, a user with no Estate role group, or a username that belongs
     *         to an Estate user of another kind (a local one, say) — all the same to the caller
     * @throws DirectoryUnavailableException when the directory cannot be reached or refuses the
     *         service account
     */
    Optional<Account> signIn(String username, String password);

    /** The directory could not answer: neither a right nor a wrong password. */
    class DirectoryUnavailableException extends RuntimeException {
        public DirectoryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
