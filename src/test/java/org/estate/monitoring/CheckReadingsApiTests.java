package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.monitoring.internal.engine.CheckMetrics;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** POST /checks/{id}/run, GET /checks/{id}/results and /availability, and the checks' series on /actuator/prometheus. */
@EstateTest
class CheckReadingsApiTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CheckEngine engine;
    @Autowired
    CheckMetrics metrics;

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    private ApiClient engineer() {
        return ApiClient.as(port, "mon-engineer", "engineer");
    }

    private ApiClient viewer() {
        return ApiClient.as(port, "mon-viewer", "viewer");
    }

    @Test
    void runNowRecordsAndAnswersTheResult() throws Exception {
        try (CheckFixture.Target target = new CheckFixture.Target()) {
            long id = CheckFixture.create(jdbc, engine, "run now", "tcp", "{\"host\":\"127.0.0.1\",\"port\":" + target.port() + "}", 60, 3, 1,
                null, null, Instant.now());
            var res = engineer().post("/api/v1/checks/" + id + "/run", "");
            assertThat(res.status()).as(res.toString()).isEqualTo(200);
            var json = res.json();
            assertThat(json.get("ok").asBoolean()).isTrue();
            assertThat(json.get("state").asString()).isEqualTo("up");
            assertThat(json.get("message").asString()).startsWith("Connected");
            assertThat(json.has("at")).isTrue();
            assertThat(json.has("latencyMs")).isTrue();
            assertThat(json.get("values").isObject()).isTrue();
            assertThat(target.accepted(1)).isEqualTo(1);
            assertThat(CheckFixture.state(jdbc, id)).isEqualTo("up");
            assertThat(CheckFixture.results(jdbc, id)).isEqualTo(1);
            assertThat(viewer().post("/api/v1/checks/" + id + "/run", "").status()).as("a viewer may not run checks").isEqualTo(403);
        }
        assertThat(engineer().post("/api/v1/checks/99999999/run", "").status()).isEqualTo(404);
    }

    @Test
    void resultsArePagedNewestFirst() {
        TestClock.set("2031-05-01T09:00:00Z");
        long id = CheckFixture.create(jdbc, engine, "results", "heartbeat", "{\"periodSeconds\":60,\"graceSeconds\":0}", 60, 1, 1, null,
            null, TestClock.get().instant());
        Instant t0 = Instant.parse("2031-05-01T09:00:00Z");
        engine.record(id, ProbeResult.up(12, "one", Map.of()), t0.plusSeconds(60));
        engine.record(id, ProbeResult.down(13, "two", Map.of("status", 500)), t0.plusSeconds(120));
        engine.record(id, ProbeResult.degraded(14, "three", Map.of()), t0.plusSeconds(180));
        var res = viewer().get("/api/v1/checks/" + id + "/results?from=2031-05-01T09:00:00Z&to=2031-05-01T10:00:00Z&size=2");
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        var json = res.json();
        assertThat(json.get("total").asInt()).isEqualTo(3);
        assertThat(json.get("items")).hasSize(2);
        assertThat(json.get("items").get(0).get("message").asString()).isEqualTo("three");
        assertThat(json.get("items").get(0).get("state").asString()).isEqualTo("degraded");
        assertThat(json.get("items").get(1).get("ok").asBoolean()).isFalse();
        assertThat(json.get("items").get(1).get("values").get("status").asInt()).isEqualTo(500);
        assertThat(json.get("items").get(1).get("latencyMs").asInt()).isEqualTo(13);
        var page1 = viewer().get("/api/v1/checks/" + id + "/results?from=2031-05-01T09:00:00Z&to=2031-05-01T10:00:00Z&size=2&page=1").json();
        assertThat(page1.get("items").get(0).get("message").asString()).isEqualTo("one");
        assertThat(viewer().get("/api/v1/checks/99999999/results").status()).isEqualTo(404);
        assertThat(viewer().get("/api/v1/checks/" + id + "/results?from=2031-05-02T00:00:00Z&to=2031-05-01T00:00:00Z").status())
            .as("from after to").isEqualTo(422);
        assertThat(viewer().get("/api/v1/checks/" + id + "/results?from=2031-01-01T00:00:00Z&to=2031-05-01T00:00:00Z").status())
            .as("more than 31 days").isEqualTo(422);
        assertThat(viewer().get("/api/v1/checks/" + id + "/results?from=yesterday").status()).isEqualTo(422);
        assertThat(ApiClient.anonymous(port).get("/api/v1/checks/" + id + "/results").status()).isEqualTo(401);
    }

    @Test
    void availabilityCountsDownDegradedAndMaintenanceFromTheStateChanges() {
        TestClock.set("2031-05-02T20:00:00Z");
        long id = CheckFixture.create(jdbc, engine, "availability", "heartbeat", "{\"periodSeconds\":60,\"graceSeconds\":0}", 60, 1, 1,
            null, null, Instant.parse("2031-05-02T08:00:00Z"));
        change(id, "2031-05-02T10:00:00Z", "up");
        change(id, "2031-05-02T11:00:00Z", "down");
        change(id, "2031-05-02T11:30:00Z", "maintenance");
        change(id, "2031-05-02T12:00:00Z", "degraded");
        change(id, "2031-05-02T12:15:00Z", "up");
        change(id, "2031-05-02T13:00:00Z", "paused");
        var json = viewer().get("/api/v1/checks/" + id + "/availability?from=2031-05-02T09:00:00Z&to=2031-05-02T14:00:00Z").json();
        // 09-10 unknown (left out), 10-11 up, 11:00-11:30 down, 11:30-12 maintenance, 12:00-12:15 degraded, 12:15-13 up, 13-14 paused
        assertThat(json.get("downSeconds").asLong()).isEqualTo(1800);
        assertThat(json.get("maintenanceSeconds").asLong()).isEqualTo(1800);
        assertThat(json.get("degradedSeconds").asLong()).isEqualTo(900);
        // counted: 3600 + 1800 + 900 + 2700 = 9000; not down 7200
        assertThat(json.get("upPercent").asDouble()).isEqualTo(80.0);
        assertThat(viewer().get("/api/v1/checks/" + id + "/availability?from=2030-01-01T00:00:00Z&to=2031-05-02T00:00:00Z").status())
            .as("more than 400 days").isEqualTo(422);
        assertThat(viewer().get("/api/v1/checks/99999999/availability").status()).isEqualTo(404);
    }

    private void change(long id, String at, String state) {
        jdbc.sql("INSERT INTO mon_state_change (check_id, at, state) VALUES (?, ?, ?)").params(id, Timestamp.from(Instant.parse(at)), state)
            .update();
    }

    @Test
    void everyCheckHasItsSeriesOnPrometheusUntilItIsDeleted() {
        long id = CheckFixture.create(jdbc, engine, "metered", "heartbeat", "{\"periodSeconds\":60,\"graceSeconds\":0}", 60, 1, 1, 77L, null,
            Instant.now());
        engine.record(id, ProbeResult.up(250, "fine", Map.of()), Instant.now());
        metrics.refresh();
        String body = viewer().get("/actuator/prometheus").body();
        String labels = "{check=\"" + id + "\",ci=\"77\",name=\"metered\"}";
        assertThat(body).contains("estate_check_up" + labels + " 1.0");
        assertThat(body).contains("estate_check_state" + labels + " 0.0");
        assertThat(body).contains("estate_check_latency_seconds" + labels + " 0.25");
        engine.record(id, ProbeResult.down(0, "broken", Map.of()), Instant.now());
        body = viewer().get("/actuator/prometheus").body();
        assertThat(body).contains("estate_check_up" + labels + " 0.0").contains("estate_check_state" + labels + " 2.0");
        jdbc.sql("DELETE FROM mon_check WHERE id = ?").param(id).update();
        engine.definitionChanged(id);
        metrics.refresh();
        assertThat(viewer().get("/actuator/prometheus").body()).doesNotContain("check=\"" + id + "\"");
    }
}
