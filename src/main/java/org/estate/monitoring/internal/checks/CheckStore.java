package org.estate.monitoring.internal.checks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.Secrets;
import org.estate.platform.StoredJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** The SQL of check definitions ({@code mon_check}) and the user-driven part of their status row. */
@Component
class CheckStore {

    /** A stored check with its status columns: {@code secrets} still sealed. */
    record Row(long id, String name, String type, Long ci, int intervalSeconds, int timeoutMs, int failureThreshold,
               int recoveryThreshold, boolean enabled, Map<String, Object> target, String secrets, String heartbeatToken,
               Instant createdAt, Instant updatedAt, long version, String state, Instant since, CheckView.LastResult last) {
    }

    static final String SELECT = """
        SELECT c.id, c.name, c.check_type, c.ci_id, c.interval_seconds, c.timeout_ms, c.failure_threshold, c.recovery_threshold,
               c.enabled, c.target, c.secrets, c.heartbeat_token, c.created_at, c.updated_at, c.version,
               s.state, s.since, s.last_at, s.last_ok, s.last_state, s.last_latency_ms, s.last_message, s.last_values
        FROM mon_check c LEFT JOIN mon_check_status s ON s.check_id = c.id""";

    private final JdbcClient jdbc;
    private final Secrets secrets;
    private final JsonMapper json = JsonMapper.builder().build();

    CheckStore(JdbcClient jdbc, Secrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    Row get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("No check " + id));
    }

    Optional<Row> find(long id) {
        return jdbc.sql(SELECT + " WHERE c.id = :id").param("id", id).query(CheckStore::row).optional();
    }

    /** Checks by exact name (for the import), in one query per call. */
    List<Row> byNames(Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE c.name IN (:names)").param("names", names).query(CheckStore::row).list();
    }

    static Row row(ResultSet rs, int n) throws SQLException {
        long ci = rs.getLong("ci_id");
        Long ciId = rs.wasNull() ? null : ci;
        CheckView.LastResult last = null;
        Timestamp lastAt = rs.getTimestamp("last_at");
        if (lastAt != null) {
            long latency = rs.getLong("last_latency_ms");
            Long latencyMs = rs.wasNull() ? null : latency;
            last = new CheckView.LastResult(lastAt.toInstant(), rs.getBoolean("last_ok"), rs.getString("last_state"), latencyMs,
                rs.getString("last_message"), StoredJson.readObject(rs.getString("last_values")));
        }
        Timestamp since = rs.getTimestamp("since");
        return new Row(rs.getLong("id"), rs.getString("name"), rs.getString("check_type"), ciId, rs.getInt("interval_seconds"),
            rs.getInt("timeout_ms"), rs.getInt("failure_threshold"), rs.getInt("recovery_threshold"), rs.getBoolean("enabled"),
            StoredJson.readObject(rs.getString("target")), rs.getString("secrets"), rs.getString("heartbeat_token"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"),
            rs.getString("state"), since == null ? null : since.toInstant(), last);
    }

    /** The secrets of a stored check, opened (empty when it has none). */
    Map<String, Object> openSecrets(Row r) {
        if (r.secrets() == null || r.secrets().isEmpty()) {
            return Map.of();
        }
        return StoredJson.readObject(secrets.open(r.secrets()));
    }

    /** The check as shown: secrets named, never given. */
    CheckView view(Row r) {
        List<String> set = new ArrayList<>();
        String problem = null;
        try {
            set.addAll(openSecrets(r).keySet());
        } catch (IllegalStateException e) {
            problem = e.getMessage();
        }
        return new CheckView(r.id(), r.name(), r.type(), r.ci(), null, r.intervalSeconds(), r.timeoutMs(), r.failureThreshold(),
            r.recoveryThreshold(), r.enabled(), r.target(), set.stream().sorted().toList(), problem, r.state(), r.since(), r.last(),
            r.createdAt(), r.updatedAt(), r.version(), null);
    }

    long insert(CheckInput in, String heartbeatToken, Instant now) {
        return insert(in, heartbeatToken, now, now);
    }

    /** A new check whose first run is due at {@code firstRun} (an import spreads its checks' first runs over their interval). */
    long insert(CheckInput in, String heartbeatToken, Instant now, Instant firstRun) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO mon_check (name, check_type, ci_id, interval_seconds, timeout_ms, failure_threshold, recovery_threshold,
                    enabled, target, secrets, heartbeat_token, created_at, updated_at, version)
                VALUES (:name, :type, :ci, :interval, :timeout, :failures, :recoveries, :enabled, :target, :secrets, :token, :now, :now, 0)""")
            .params(params(in, now)).param("token", heartbeatToken).update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("""
                INSERT INTO mon_check_status (check_id, state, since, failures, successes, flapping, next_run_at)
                VALUES (:id, :state, :now, 0, 0, FALSE, :first)""")
            .param("id", id).param("state", in.enabled() ? "unknown" : "paused").param("now", Timestamp.from(now))
            .param("first", Timestamp.from(firstRun)).update();
        return id;
    }

    /** Writes a new definition at {@code expectedVersion}, or 412 when someone else wrote first. */
    void update(long id, long expectedVersion, CheckInput in, Instant now) {
        Map<String, Object> p = params(in, now);
        p.put("id", id);
        p.put("version", expectedVersion);
        int n = jdbc.sql("""
                UPDATE mon_check SET name = :name, ci_id = :ci, interval_seconds = :interval, timeout_ms = :timeout,
                    failure_threshold = :failures, recovery_threshold = :recoveries, enabled = :enabled, target = :target,
                    secrets = :secrets, updated_at = :now, version = version + 1
                WHERE id = :id AND version = :version""").params(p).update();
        if (n == 0) {
            throw new PreconditionFailedException("Check " + id + " has changed since you read it (current ETag \"" + get(id).version() + "\")");
        }
    }

    void setHeartbeatToken(long id, String tokenHash) {
        jdbc.sql("UPDATE mon_check SET heartbeat_token = :t WHERE id = :id").param("t", tokenHash).param("id", id).update();
    }

    /** Pausing or resuming: the status starts again from {@code state}, and the change is kept in the state history. */
    void restartStatus(long id, Long ci, String state, String message, Instant now) {
        Timestamp t = Timestamp.from(now);
        jdbc.sql("""
                UPDATE mon_check_status SET state = :state, since = :now, failures = 0, successes = 0, flapping = FALSE,
                    next_run_at = :now WHERE check_id = :id""").param("state", state).param("now", t).param("id", id).update();
        jdbc.sql("INSERT INTO mon_state_change (check_id, ci_id, at, state, message) VALUES (:id, :ci, :now, :state, :message)")
            .param("id", id).param("ci", ci).param("now", t).param("state", state).param("message", message).update();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM mon_check WHERE id = :id").param("id", id).update() > 0;
    }

    private Map<String, Object> params(CheckInput in, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", in.name());
        p.put("type", in.type());
        p.put("ci", in.ci());
        p.put("interval", in.intervalSeconds());
        p.put("timeout", in.timeoutMs());
        p.put("failures", in.failureThreshold());
        p.put("recoveries", in.recoveryThreshold());
        p.put("enabled", in.enabled());
        p.put("target", json.writeValueAsString(in.target()));
        p.put("secrets", in.secrets().isEmpty() ? null : secrets.seal(json.writeValueAsString(in.secrets())));
        p.put("now", Timestamp.from(now));
        return p;
    }
}
