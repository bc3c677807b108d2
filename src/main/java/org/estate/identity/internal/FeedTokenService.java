package org.estate.identity.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.identity.FeedTokens;
import org.estate.platform.Account;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.FeedTokenDirectory;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feed tokens, stored as API tokens are (a SHA-256 hash and a short prefix) but in their own table,
 * so that neither kind can be used as the other.
 */
@Service
class FeedTokenService implements FeedTokens, FeedTokenDirectory {

    static final int MAX_NAME_LENGTH = 100;
    /** The most tokens one user may hold: one per calendar client is plenty. */
    static final int MAX_PER_USER = 50;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    FeedTokenService(UserRepository users, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.users = users;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Created create(String username, String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "Enter a name for the feed token, such as the calendar that will use it");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new ValidationException("name", "Name must be " + MAX_NAME_LENGTH + " characters or fewer");
        }
        UserEntity user = users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user named " + username));
        long held = jdbc.sql("SELECT COUNT(*) FROM feed_token WHERE user_id = :user").param("user", user.id).query(Long.class).single();
        if (held >= MAX_PER_USER) {
            throw new ValidationException("name", "You have " + MAX_PER_USER + " feed tokens: revoke one you no longer use first");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        // "esf_" rather than the API tokens' "est_": anyone reading one can tell what it is for.
        String token = "esf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO feed_token (user_id, name, token_hash, token_prefix, created_at)
                VALUES (:user, :name, :hash, :prefix, :created)""")
            .param("user", user.id).param("name", trimmed).param("hash", ApiTokenService.sha256(token))
            .param("prefix", token.substring(0, 10)).param("created", Timestamp.from(clock.instant()))
            .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("name", new Change(null, trimmed));
        changes.put("owner", new Change(null, username));
        audit.record("feed-token", String.valueOf(id), "created", "Feed token '" + trimmed + "' created for " + username, changes);
        return new Created(id, trimmed, token);
    }

    @Override
    @Transactional(readOnly = true)
    public List<View> list(String username) {
        return jdbc.sql("""
                SELECT t.id, t.name, t.token_prefix, t.created_at, t.last_used_at
                FROM feed_token t JOIN app_user u ON u.id = t.user_id
                WHERE u.username = :username ORDER BY t.id""")
            .param("username", username)
            .query((rs, n) -> new View(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_used_at"))))
            .list();
    }

    @Override
    @Transactional
    public void revoke(String username, long id) {
        // Someone else's token is answered as if it did not exist, so that ids cannot be probed.
        String name = jdbc.sql("""
                SELECT t.name FROM feed_token t JOIN app_user u ON u.id = t.user_id
                WHERE t.id = :id AND u.username = :username""")
            .param("id", id).param("username", username).query(String.class).optional()
            .orElseThrow(() -> new NotFoundException("No feed token " + id));
        jdbc.sql("DELETE FROM feed_token WHERE id = :id").param("id", id).update();
        audit.record("feed-token", String.valueOf(id), "deleted", "Feed token '" + name + "' of " + username + " revoked",
            Map.of("name", new Change(name, null)));
    }

    // No transaction, as for API tokens: a calendar client polls the feed, and each read is one query
    // (and now and then a one-row update).
    @Override
    public Optional<Account> findByFeedToken(String rawToken) {
        if (rawToken == null || rawToken.isBlank() || rawToken.length() > 200) {
            return Optional.empty();
        }
        record Found(long tokenId, long userId, Instant lastUsed) {
        }
        Optional<Found> found = jdbc.sql("SELECT id, user_id, last_used_at FROM feed_token WHERE token_hash = :hash")
            .param("hash", ApiTokenService.sha256(rawToken))
            .query((rs, n) -> new Found(rs.getLong(1), rs.getLong(2), instant(rs.getTimestamp(3)))).optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Found f = found.get();
        if (f.lastUsed() == null || f.lastUsed().isBefore(now.minus(Duration.ofMinutes(1)))) {
            jdbc.sql("UPDATE feed_token SET last_used_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now)).param("id", f.tokenId()).update();
        }
        return users.findById(f.userId()).map(UserEntity::toAccount);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
