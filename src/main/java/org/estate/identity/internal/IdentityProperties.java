package org.estate.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminPassword             the first admin's password ({@code ESTATE_ADMIN_PASSWORD}); generated when empty
 * @param maxFailedLogins           wrong passwords for one account from one source (client address) within the
 *                                  lockout period before that source is refused for that account
 * @param maxFailedLoginsPerSource  wrong passwords from one source, whatever the accounts, before the source is
 *                                  refused for every account
 * @param maxFailedLoginsPerAccount wrong passwords for one account from all sources before the account is "on guard":
 *                                  then a source that has given one wrong password for it is refused for it
 * @param lockout                   how long any refusal lasts at most; a counter older than this starts again at 0
 */
@ConfigurationProperties("estate.security")
record IdentityProperties(String adminPassword, Integer maxFailedLogins, Integer maxFailedLoginsPerSource,
                          Integer maxFailedLoginsPerAccount, Duration lockout) {
    IdentityProperties {
        if (maxFailedLogins == null || maxFailedLogins < 1) {
            maxFailedLogins = 5;
        }
        if (maxFailedLoginsPerSource == null || maxFailedLoginsPerSource < 1) {
            maxFailedLoginsPerSource = 50;
        }
        if (maxFailedLoginsPerAccount == null || maxFailedLoginsPerAccount < 1) {
            maxFailedLoginsPerAccount = 20;
        }
        if (lockout == null || lockout.isNegative() || lockout.isZero()) {
            lockout = Duration.ofMinutes(15);
        }
    }
}
