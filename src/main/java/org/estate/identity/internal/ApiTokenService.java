package org.estate.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.identity.CreatedToken;
import org.estate.identity.TokenView;
import org.estate.platform.Account;
import org.estate.platform.ApiTokenUse;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: 256 random bits shown once, stored as a SHA-256 hash. Guessing one is hopeless, so
 * tokens have no lockout, and password guessing never touches them.
 */
@Service
class ApiTokenService {

    /** The longest a token may live: a script's credential should be renewed now and then. */
    static final Duration MAX_LIFETIME = Duration.ofDays(5 * 366);
    static final int MAX_NAME_LENGTH = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokenService(UserRepository users, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.users = users;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    CreatedToken create(String username, String name, Instant expiresAt) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "Enter a name for the token, such as the script that will use it"));
        } else if (name.trim().length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "Name must be " + MAX_NAME_LENGTH + " characters or fewer"));
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.add(new FieldError("expiresAt", "Expiry must be in the future"));
        } else if (expiresAt != null && expiresAt.isAfter(latestExpiry(now))) {
            errors.add(new FieldError("expiresAt", "Expiry must be at most 5 years ahead, on or before "
                + latestExpiry(now).atOffset(ZoneOffset.UTC).toLocalDate()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        UserEntity user = users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user named " + username));
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "est_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var keyHolder = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO api_token (user_id, name, token_hash, token_prefix, created_at, expires_at)
                VALUES (:user, :name, :hash, :prefix, :created, :expires)""")
            .param("user", user.id).param("name", name.trim()).param("hash", sha256(token))
            .param("prefix", token.substring(0, 10)).param("created", Timestamp.from(now))
            .param("expires", expiresAt == null ? null : Timestamp.from(expiresAt))
            .update(keyHolder, "id");
        long id = keyHolder.getKeyAs(Number.class).longValue();
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("name", new Change(null, name.trim()));
        changes.put("owner", new Change(null, username));
        changes.put("expiresAt", new Change(null, expiresAt == null ? null : expiresAt.toString()));
        audit.record("api-token", String.valueOf(id), "created", "API token '" + name.trim() + "' created for " + username, changes);
        return new CreatedToken(id, name.trim(), token, expiresAt);
    }

    /** The latest expiry a token created now may have. */
    Instant latestExpiry(Instant now) {
        return now.plus(MAX_LIFETIME);
    }

    @Transactional(readOnly = true)
    List<TokenView> list(String username) {
        Instant now = clock.instant();
        return jdbc.sql("""
                SELECT t.id, t.name, t.token_prefix, t.created_at, t.expires_at, t.last_used_at
                FROM api_token t JOIN app_user u ON u.id = t.user_id
                WHERE u.username = :username ORDER BY t.id""")
            .param("username", username)
            .query((rs, n) -> {
                Instant expires = instant(rs.getTimestamp("expires_at"));
                return new TokenView(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                    instant(rs.getTimestamp("created_at")), expires, instant(rs.getTimestamp("last_used_at")),
                    expires != null && !expires.isAfter(now));
            }).list();
    }

    @Transactional
    void revoke(String username, long tokenId, boolean asAdmin) {
        var row = jdbc.sql("SELECT t.name, u.username FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.id = :id")
            .param("id", tokenId)
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional()
            .orElseThrow(() -> new NotFoundException("No API token " + tokenId));
        if (!row[1].equals(username) && !asAdmin) {
            // Someone else's token: answer as if it did not exist, so ids cannot be probed.
            throw new NotFoundException("No API token " + tokenId);
        }
        jdbc.sql("DELETE FROM api_token WHERE id = :id").param("id", tokenId).update();
        audit.record("api-token", String.valueOf(tokenId), "deleted", "API token '" + row[0] + "' of " + row[1] + " revoked",
            Map.of("name", new Change(row[0], null)));
    }

    // No transaction: one read, and now and then a one-row update, each on its own; this runs on
    // every API call made with a token, where BEGIN/COMMIT round trips would add up.
    Optional<ApiTokenUse> findAccount(String rawToken) {
        Instant now = clock.instant();
        record Found(long tokenId, String tokenName, Instant expires, Instant lastUsed, Account account) {
        }
        // One query for the token and its owner.
        var found = jdbc.sql("""
                SELECT t.id AS token_id, t.name AS token_name, t.expires_at, t.last_used_at, u.id, u.username, u.display_name, u.password_hash,
                       u.roles, u.enabled, u.session_epoch
                FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = :hash""")
            .param("hash", sha256(rawToken))
            .query((rs, n) -> {
                UserEntity u = new UserEntity();
                u.id = rs.getLong("id");
                u.username = rs.getString("username");
                u.displayName = rs.getString("display_name");
                u.passwordHash = rs.getString("password_hash");
                u.roles = rs.getString("roles");
                u.enabled = rs.getBoolean("enabled");
                u.sessionEpoch = rs.getLong("session_epoch");
                return new Found(rs.getLong("token_id"), rs.getString("token_name"), instant(rs.getTimestamp("expires_at")),
                    instant(rs.getTimestamp("last_used_at")), u.toAccount());
            })
            .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Found f = found.get();
        if (f.expires() != null && !f.expires().isAfter(now)) {
            return Optional.empty();
        }
        // Record use at most once a minute: a busy script must not turn every call into a write.
        if (f.lastUsed() == null || f.lastUsed().isBefore(now.minus(Duration.ofMinutes(1)))) {
            jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now)).param("id", f.tokenId()).update();
        }
        return Optional.of(new ApiTokenUse(f.account(), new ApiTokenUse.Token(f.tokenId(), f.tokenName())));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
