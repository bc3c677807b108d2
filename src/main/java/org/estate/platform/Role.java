package org.estate.platform;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles of Estate. {@code admin} implies {@code manager}, which implies {@code engineer}, which
 * implies {@code viewer}; {@code requester} (council staff raising tickets) stands apart.
 */
public enum Role {
    VIEWER, REQUESTER, ENGINEER, MANAGER, ADMIN;

    /** The name used in the API and pages: lower case. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> fromKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
