package org.estate.oncall.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time acknowledgement links. A token is 256 random bits in base64url (characters
 * {@code [A-Za-z0-9_-]}); only its SHA-256 is stored, with the page, the person it was sent to and
 * when it expires, so a copy of the database cannot acknowledge anything. Using it is a
 * compare-and-set on {@code used_at}: it works once.
 */
@Component
class AckTokens {

    static final Duration LIFETIME = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a token stands for. */
    record Ack(long pageId, String username, Instant expiresAt, Instant usedAt) {

        boolean usable(Instant now) {
            return usedAt == null && now.isBefore(expiresAt);
        }
    }

    private final JdbcClient jdbc;

    AckTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new token for {@code username} to acknowledge the page with, valid for {@link #LIFETIME}. */
    String issue(long pageId, String username, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("INSERT INTO oncall_ack_token (token_hash, page_id, username, expires_at) VALUES (?, ?, ?, ?)")
            .params(hash(token), pageId, username, Timestamp.from(now.plus(LIFETIME))).update();
        return token;
    }

    Optional<Ack> find(String token) {
        if (token == null || token.length() != 43 || !token.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT page_id, username, expires_at, used_at FROM oncall_ack_token WHERE token_hash = ?").param(hash(token))
            .query((rs, n) -> new Ack(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
            .optional();
    }

    /** Marks the token used; false when it was used already or has expired (nothing changes). */
    boolean use(String token, Instant now) {
        return jdbc.sql("UPDATE oncall_ack_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
            .params(Timestamp.from(now), hash(token), Timestamp.from(now)).update() == 1;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
