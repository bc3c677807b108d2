package org.estate.platform;

import java.time.Instant;
import java.util.Set;

/** What security needs to know of a user. {@code passwordHash} never leaves the server. */
public record Account(long id, String username, String displayName, String passwordHash, Set<Role> roles,
                      boolean enabled, Instant lockedUntil) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
