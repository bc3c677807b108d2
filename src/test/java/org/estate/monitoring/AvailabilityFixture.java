package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * A small estate for availability tests: a business service (target 99.5%) → an application →
 * two web VMs in redundancy group "web" (one needed) and a database. Checks and their state changes
 * are written directly, as the engine would.
 */
final class AvailabilityFixture {

    final String s = UUID.randomUUID().toString().substring(0, 8);
    final Map<String, Long> ids = new HashMap<>();
    private final ApiClient engineer;
    private final JdbcClient jdbc;

    AvailabilityFixture(int port, JdbcClient jdbc) {
        this.engineer = ApiClient.as(port, "avail.engineer", "engineer");
        this.jdbc = jdbc;
        Response svc = engineer.post("/api/v1/cis", "{\"class\":\"business-service\",\"name\":\"Council Tax " + s
            + "\",\"attributes\":{\"availabilityTarget\":99.5}}");
        assertThat(svc.status()).as(svc.body()).isEqualTo(201);
        ids.put("svc", svc.json().get("id").asLong());
        ci("application", "app");
        ci("virtual-machine", "web1");
        ci("virtual-machine", "web2");
        ci("database", "db");
        rel("svc", "depends-on", "app", null);
        rel("app", "runs-on", "web1", "web");
        rel("app", "runs-on", "web2", "web");
        rel("app", "depends-on", "db", null);
    }

    long id(String name) {
        return ids.get(name);
    }

    private void ci(String ciClass, String name) {
        Response r = engineer.post("/api/v1/cis", "{\"class\":\"" + ciClass + "\",\"name\":\"" + name + "-" + s + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        ids.put(name, r.json().get("id").asLong());
    }

    private void rel(String source, String type, String target, String group) {
        Response r = engineer.post("/api/v1/relationships", "{\"source\":" + ids.get(source) + ",\"type\":\"" + type
            + "\",\"target\":" + ids.get(target) + (group == null ? "" : ",\"redundancyGroup\":\"" + group + "\",\"minimumUp\":1") + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** A check on the CI, as the checks API would store it. */
    long check(String ci, String type) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(Instant.parse("2025-01-01T00:00:00Z"));
        jdbc.sql("""
                INSERT INTO mon_check (name, check_type, ci_id, interval_seconds, timeout_ms, failure_threshold, recovery_threshold,
                                       enabled, target, created_at, updated_at, version)
                VALUES (?, ?, ?, 60, 1000, 3, 1, TRUE, '{}', ?, ?, 0)""")
            .params(type + " " + ci + "-" + s, type, ids.get(ci), now, now).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** From {@code at} the check was in {@code state}. */
    void change(long check, String ci, String at, String state) {
        jdbc.sql("INSERT INTO mon_state_change (check_id, ci_id, at, state) VALUES (?, ?, ?, ?)")
            .params(check, ids.get(ci), Timestamp.from(Instant.parse(at)), state).update();
    }
}
