package org.estate.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.estate.platform.AccountDirectory.SignInVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts wrong passwords in the database (so every node sees the same counts) and decides whether a
 * password may be checked. Three counters, each living for one lockout period from its first
 * failure and then starting again at 0:
 * <ul>
 *   <li>(account, source): after {@code maxFailedLogins} wrong passwords the source is refused for
 *       that account until the period ends — the real user, from anywhere else, is not;</li>
 *   <li>(any account, source): a source spraying passwords over many accounts is refused for all of
 *       them after {@code maxFailedLoginsPerSource};</li>
 *   <li>(account, any source): after {@code maxFailedLoginsPerAccount} wrong passwords from anywhere
 *       the account is on guard: a source that has already given one wrong password for it is
 *       refused, which slows a guesser with many addresses to one guess per address and period,
 *       while a source with no wrong password for the account still signs in.</li>
 * </ul>
 * Nothing here touches API tokens, and no refusal outlasts the lockout period.
 */
@Component
class LoginThrottle {

    static final String ANY = "*";
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdentityProperties properties;

    LoginThrottle(JdbcClient jdbc, Clock clock, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    private record Row(String username, String source, int failures, Instant expiresAt) {
    }

    @Transactional(readOnly = true)
    SignInVerdict check(String username, String source) {
        String user = key(username, 100);
        String from = key(source, 64);
        Instant now = clock.instant();
        List<Row> rows = jdbc.sql("""
                SELECT username, source, failures, expires_at FROM login_throttle
                WHERE expires_at > :now AND ((username = :user AND source IN (:from, '*')) OR (username = '*' AND source = :from))""")
            .param("now", Timestamp.from(now)).param("user", user).param("from", from)
            .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant()))
            .list();
        Row pair = null;
        Row bySource = null;
        Row byAccount = null;
        for (Row r : rows) {
            if (ANY.equals(r.username())) {
                bySource = r;
            } else if (ANY.equals(r.source())) {
                byAccount = r;
            } else {
                pair = r;
            }
        }
        int failures = pair == null ? 0 : pair.failures();
        Instant until = null;
        if (pair != null && failures >= properties.maxFailedLogins()) {
            until = pair.expiresAt();
        }
        if (pair != null && byAccount != null && byAccount.failures() >= properties.maxFailedLoginsPerAccount()) {
            until = later(until, pair.expiresAt());
        }
        if (bySource != null && bySource.failures() >= properties.maxFailedLoginsPerSource()) {
            until = later(until, bySource.expiresAt());
        }
        return new SignInVerdict(until, failures);
    }

    // Its own transaction: a wrong password counts even when the caller's transaction rolls back.
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void recordFailure(String username, String source) {
        record(username, source, true);
    }

    /** A wrong current password given to change one's own: counted for that account and "source" only. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void recordFailureOfAccountOnly(String username, String pseudoSource) {
        record(username, pseudoSource, false);
    }

    private void record(String username, String source, boolean network) {
        String user = key(username, 100);
        String from = key(source, 64);
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM login_throttle WHERE expires_at <= :now").param("now", Timestamp.from(now)).update();
        int pair = count(user, from, now);
        if (!network) {
            return;
        }
        count(user, ANY, now);
        int bySource = count(ANY, from, now);
        if (pair == properties.maxFailedLogins()) {
            log.warn("Password sign-in for '{}' from {} refused for up to {} after {} wrong passwords", user, from,
                properties.lockout(), pair);
        }
        if (bySource == properties.maxFailedLoginsPerSource()) {
            log.warn("Password sign-in from {} refused for up to {} after {} wrong passwords over all accounts", from,
                properties.lockout(), bySource);
        }
    }

    /** Adds one to a counter, starting it again at 1 when its period has passed; answers the new count. */
    private int count(String user, String from, Instant now) {
        Timestamp at = Timestamp.from(now);
        Timestamp expires = Timestamp.from(now.plus(properties.lockout()));
        jdbc.sql("""
                INSERT INTO login_throttle (username, source, failures, window_start, expires_at)
                VALUES (:user, :from, 0, :now, :expires) ON CONFLICT DO NOTHING""")
            .param("user", user).param("from", from).param("now", at).param("expires", expires).update();
        jdbc.sql("""
                UPDATE login_throttle SET
                    failures = CASE WHEN expires_at <= :now THEN 1 ELSE failures + 1 END,
                    window_start = CASE WHEN expires_at <= :now THEN :now ELSE window_start END,
                    expires_at = CASE WHEN expires_at <= :now THEN :expires ELSE expires_at END
                WHERE username = :user AND source = :from""")
            .param("user", user).param("from", from).param("now", at).param("expires", expires).update();
        return jdbc.sql("SELECT failures FROM login_throttle WHERE username = :user AND source = :from")
            .param("user", user).param("from", from).query(Integer.class).single();
    }

    /** A right password from this source: its wrong ones for the account are forgotten. */
    @Transactional
    void recordSuccess(String username, String source) {
        jdbc.sql("DELETE FROM login_throttle WHERE username = :user AND source = :from")
            .param("user", key(username, 100)).param("from", key(source, 64)).update();
    }

    /**
     * An admin's unlock: the account's counters go, and so do the all-accounts counters of the
     * sources that guessed at it (an office behind one address is let in again).
     */
    @Transactional
    void forget(String username) {
        String user = key(username, 100);
        jdbc.sql("""
                DELETE FROM login_throttle WHERE username = '*'
                AND source IN (SELECT source FROM login_throttle WHERE username = :user AND source <> '*')""")
            .param("user", user).update();
        jdbc.sql("DELETE FROM login_throttle WHERE username = :user").param("user", user).update();
    }

    /** Of these usernames, those for which some source is refused now. */
    @Transactional(readOnly = true)
    Set<String> throttled(List<String> usernames) {
        if (usernames.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                SELECT DISTINCT username FROM login_throttle
                WHERE username IN (:users) AND source <> '*' AND expires_at > :now AND failures >= :max""")
            .param("users", usernames).param("now", Timestamp.from(clock.instant()))
            .param("max", properties.maxFailedLogins()).query(String.class).list());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /** The key a name or address is counted under: '*' is reserved, so a username '*' counts as '?'. */
    private static String key(String value, int max) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.length() > max) {
            v = v.substring(0, max);
        }
        return ANY.equals(v) ? "?" : v;
    }
}
