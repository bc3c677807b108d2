package org.estate.platform;

import java.util.Set;

/**
 * What security needs to know of a user. {@code passwordHash} never leaves the server.
 * {@code sessionEpoch} changes whenever the user's status, roles or password change: a browser
 * session signed in under an older epoch is ended.
 */
public record Account(long id, String username, String displayName, String passwordHash, Set<Role> roles,
                      boolean enabled, long sessionEpoch) {
}
