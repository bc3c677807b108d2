package org.estate.platform;

import java.util.Set;

/**
 * What security needs to know of a user. {@code passwordHash} never leaves the server; it is null for
 * a user of the directory ({@code source} {@code ldap} or {@code oidc}), whose password is the directory's.
 * {@code sessionEpoch} changes whenever the user's status, roles or password change: a browser
 * session signed in under an older epoch is ended.
 */
public record Account(long id, String username, String displayName, String passwordHash, Set<Role> roles,
                      boolean enabled, long sessionEpoch, String source) {

    /** Where local accounts come from: a password kept in Estate. */
    public static final String LOCAL = "local";

    /** True for an account with a password kept in Estate (not a directory's). */
    public boolean local() {
        return LOCAL.equals(source);
    }
}
