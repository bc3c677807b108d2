package org.estate.identity;

import java.time.Instant;
import java.util.List;

/**
 * A user as the API and pages show it: never the password hash. {@code locked} is true while password
 * sign-in for the user is refused from some address after too many wrong passwords (never from
 * everywhere: see the README); an admin's unlock lifts it. {@code source} is where the user signs in:
 * {@code local} (a password kept in Estate), {@code ldap} or {@code oidc} (the council's directory,
 * which also decides their roles at every sign-in).
 */
public record UserView(long id, String username, String displayName, String email, List<String> roles,
                       boolean enabled, boolean locked, Instant lastLoginAt, Instant createdAt, long version,
                       String source) {

    /**
     * Whether the user is enabled with the engineer role or one that implies it (manager, admin): who
     * may be given tickets to work. Viewers and requesters are not.
     */
    public boolean enabledEngineer() {
        return enabled && roles.stream().anyMatch(r -> r.equals("engineer") || r.equals("manager") || r.equals("admin"));
    }
}
