package org.estate.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminPassword   the first admin's password ({@code ESTATE_ADMIN_PASSWORD}); generated when empty
 * @param maxFailedLogins wrong passwords in a row before the account is locked
 * @param lockout         how long a locked account stays locked
 */
@ConfigurationProperties("estate.security")
record IdentityProperties(String adminPassword, Integer maxFailedLogins, Duration lockout) {
    IdentityProperties {
        if (maxFailedLogins == null || maxFailedLogins < 1) {
            maxFailedLogins = 5;
        }
        if (lockout == null) {
            lockout = Duration.ofMinutes(15);
        }
    }
}
