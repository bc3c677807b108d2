package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.estate.monitoring.internal.correlation.Correlator;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.TestClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import tools.jackson.databind.JsonNode;

/**
 * CIs and relationships through the API, checks and their states written straight into the
 * engine's tables (as the engine would), and the correlator run by hand. Checks are of type
 * {@code external} and never due, so no prober touches them. {@link #cleanUp} deletes them and lets
 * the correlator resolve what they opened.
 */
final class CorrelationFixture {

    final int port;
    final String s = UUID.randomUUID().toString().substring(0, 6);
    final ApiClient engineer;
    final ApiClient viewer;
    final JdbcClient jdbc;
    final Correlator correlator;
    private final List<Long> checks = new ArrayList<>();

    CorrelationFixture(int port, JdbcClient jdbc, Correlator correlator) {
        this.port = port;
        this.jdbc = jdbc;
        this.correlator = correlator;
        this.engineer = ApiClient.as(port, "corr.eng", "engineer");
        this.viewer = ApiClient.as(port, "corr.viewer", "viewer");
    }

    long ci(String ciClass, String name, String criticality) {
        Response r = engineer.post("/api/v1/cis", "{\"class\":\"" + ciClass + "\",\"name\":\"" + name + "-" + s + "\""
            + (criticality == null ? "" : ",\"criticality\":\"" + criticality + "\"") + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    void rel(long source, String type, long target) {
        rel(source, type, target, null, null);
    }

    void rel(long source, String type, long target, String group, Integer minimumUp) {
        Response r = engineer.post("/api/v1/relationships", "{\"source\":" + source + ",\"type\":\"" + type + "\",\"target\":" + target
            + (group == null ? "" : ",\"redundancyGroup\":\"" + group + "\",\"minimumUp\":" + minimumUp) + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** A check on the CI, up. */
    long check(Long ci, String name) {
        Timestamp now = Timestamp.from(TestClock.get().instant());
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO mon_check (name, check_type, ci_id, interval_seconds, timeout_ms, failure_threshold, recovery_threshold,
                    enabled, target, created_at, updated_at) VALUES (?, 'external', ?, 60, 5000, 3, 1, TRUE, '{}', ?, ?)""")
            .params(name + "-" + s, ci, now, now).update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("INSERT INTO mon_check_status (check_id, state, since, next_run_at) VALUES (?, 'up', ?, ?)")
            .params(id, now, Timestamp.from(Instant.parse("2999-01-01T00:00:00Z"))).update();
        checks.add(id);
        return id;
    }

    void state(long check, String state) {
        jdbc.sql("UPDATE mon_check_status SET state = ?, since = ? WHERE check_id = ?")
            .params(state, Timestamp.from(TestClock.get().instant()), check).update();
    }

    void flapping(long check, boolean flapping) {
        jdbc.sql("UPDATE mon_check_status SET flapping = ? WHERE check_id = ?").params(flapping, check).update();
    }

    Correlator.Pass reconcile() {
        return correlator.reconcile();
    }

    JsonNode incident(String ref) {
        Response r = viewer.get("/api/v1/incidents/" + ref);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    List<String> timeline(String ref) {
        Response r = viewer.get("/api/v1/incidents/" + ref + "/updates");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        JsonNode items = r.json().isArray() ? r.json() : r.json().get("items");
        items.forEach(e -> out.add(e.get("text").asString()));
        return out;
    }

    /** The refs of incidents naming this CI, open ones only when {@code open}. */
    List<String> incidentsOf(long ci, boolean open) {
        Response r = viewer.get("/api/v1/incidents?ci=" + ci + (open ? "&active=true" : "") + "&size=100");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("items").forEach(i -> out.add(i.get("ref").asString()));
        return out;
    }

    /** The problems API's entry whose root is this CI, or null. */
    JsonNode problem(long ci) {
        Response r = viewer.get("/api/v1/monitoring/problems");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode p : r.json()) {
            if (p.hasNonNull("ci") && p.get("ci").asLong() == ci) {
                return p;
            }
        }
        return null;
    }

    void cleanUp() {
        for (Long id : checks) {
            jdbc.sql("DELETE FROM mon_check WHERE id = ?").param(id).update();
        }
        correlator.reconcile();
    }
}
