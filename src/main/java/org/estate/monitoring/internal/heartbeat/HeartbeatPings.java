package org.estate.monitoring.internal.heartbeat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pings to a heartbeat check's secret URL. The token is found by its SHA-256 (only the hash is
 * stored); the ping is kept (its body as it came, up to {@link #MAX_BODY} bytes) and recorded as a
 * result, both committed before the caller hears 200.
 */
@Component
public class HeartbeatPings {

    /** The largest body kept with a ping; larger is refused (413). */
    public static final int MAX_BODY = 10 * 1024;

    private final JdbcClient jdbc;
    private final CheckEngine engine;
    private final Clock clock;

    HeartbeatPings(JdbcClient jdbc, CheckEngine engine, Clock clock) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.clock = clock;
    }

    /** Records a ping ({@code ok}) or a reported failure; 404 (NotFoundException) for an unknown token. */
    public void ping(String token, boolean ok, String body) {
        long id = checkOf(token);
        Instant at = clock.instant();
        String kept = body == null || body.isEmpty() ? null : body.replace("\0", "");
        Timestamp t = Timestamp.from(at);
        int n = jdbc.sql("UPDATE mon_heartbeat_ping SET at = ?, ok = ?, body = ? WHERE check_id = ?").params(t, ok, kept, id).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO mon_heartbeat_ping (check_id, at, ok, body) VALUES (?, ?, ?, ?)").params(id, t, ok, kept).update();
        }
        String message = kept != null ? kept : ok ? "Ping received" : "Failure reported";
        if (message.length() > 1000) {
            message = message.substring(0, 999) + "…";
        }
        engine.record(id, ok ? ProbeResult.up(0, message, Map.of()) : ProbeResult.down(0, message, Map.of()), at);
    }

    private long checkOf(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            throw new NotFoundException("No heartbeat check has that token");
        }
        return jdbc.sql("SELECT id FROM mon_check WHERE heartbeat_token = ? AND check_type = 'heartbeat'").param(sha256(token))
            .query(Long.class).optional().orElseThrow(() -> new NotFoundException("No heartbeat check has that token"));
    }

    /** How a ping token is stored: the SHA-256 of its UTF-8 bytes, in lower-case hex. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
