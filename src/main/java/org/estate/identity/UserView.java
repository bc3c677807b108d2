package org.estate.identity;

import java.time.Instant;
import java.util.List;

/** A user as the API and pages show it: never the password hash. */
public record UserView(long id, String username, String displayName, String email, List<String> roles,
                       boolean enabled, boolean locked, Instant lastLoginAt, Instant createdAt, long version) {
}
