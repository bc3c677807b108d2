package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.monitoring.internal.engine.CheckScheduler;
import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Heartbeat checks: the ping URLs without sign-in, their bodies, /fail, and down when no ping comes in time. */
@EstateTest
class HeartbeatTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CheckEngine engine;
    @Autowired
    CheckScheduler scheduler;

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    private long heartbeat(String token) {
        return CheckFixture.create(jdbc, engine, "backup " + token, "heartbeat", "{\"periodSeconds\":3600,\"graceSeconds\":600}", 60, 1, 1,
            null, token, TestClock.get().instant());
    }

    private String lastMessage(long id) {
        return jdbc.sql("SELECT last_message FROM mon_check_status WHERE check_id = ?").param(id).query(String.class).single();
    }

    @Test
    void pingsNeedNoSignInAndKeepTheirBody() {
        String token = "hb-" + System.nanoTime();
        long id = heartbeat(token);
        ApiClient anyone = ApiClient.anonymous(port);
        assertThat(anyone.get("/api/v1/heartbeats/" + token).status()).isEqualTo(200);
        assertThat(CheckFixture.state(jdbc, id)).isEqualTo("up");
        assertThat(lastMessage(id)).isEqualTo("Ping received");
        var res = anyone.post("/api/v1/heartbeats/" + token, "nightly backup: 1,204 files, 3.2 GB", "text/plain");
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(lastMessage(id)).isEqualTo("nightly backup: 1,204 files, 3.2 GB");
        assertThat(CheckFixture.results(jdbc, id)).as("each ping is committed before the answer").isEqualTo(2);
        String body = "x".repeat(10 * 1024);
        assertThat(anyone.post("/api/v1/heartbeats/" + token, body, "text/plain").status()).as("10 KB exactly").isEqualTo(200);
        assertThat(jdbc.sql("SELECT body FROM mon_heartbeat_ping WHERE check_id = ?").param(id).query(String.class).single()).isEqualTo(body);
        var tooLarge = anyone.post("/api/v1/heartbeats/" + token, body + "x", "text/plain");
        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
        assertThat(anyone.post("/api/v1/heartbeats/" + token, "{\"a\":\"" + "y".repeat(20_000) + "\"}", "application/json").status())
            .isEqualTo(413);
        assertThat(CheckFixture.results(jdbc, id)).isEqualTo(3);
        assertThat(anyone.get("/api/v1/heartbeats/no-such-token").status()).isEqualTo(404);
        assertThat(anyone.post("/api/v1/heartbeats/no-such-token/fail", "", "text/plain").status()).isEqualTo(404);
    }

    @Test
    void failMarksAFailureAtOnce() {
        String token = "hb-fail-" + System.nanoTime();
        long id = heartbeat(token);
        ApiClient anyone = ApiClient.anonymous(port);
        anyone.get("/api/v1/heartbeats/" + token);
        assertThat(anyone.post("/api/v1/heartbeats/" + token + "/fail", "disk full", "text/plain").status()).isEqualTo(200);
        assertThat(CheckFixture.state(jdbc, id)).isEqualTo("down");
        assertThat(lastMessage(id)).isEqualTo("disk full");
        assertThat(anyone.get("/api/v1/heartbeats/" + token).status()).isEqualTo(200);
        assertThat(CheckFixture.state(jdbc, id)).isEqualTo("up");
    }

    @Test
    void aHeartbeatMadeThroughTheApiIsDownAtTheFirstReportedFailureAndAProbeIsNot() {
        ApiClient admin = ApiClient.adminToken(port);
        ApiClient.Response hb = admin.post("/api/v1/checks",
            "{\"name\":\"nightly backup " + System.nanoTime() + "\",\"type\":\"heartbeat\",\"target\":{\"periodSeconds\":86400}}");
        assertThat(hb.status()).as(hb.toString()).isEqualTo(201);
        assertThat(hb.json().get("failureThreshold").asInt()).as("a reported failure has nothing to retry").isEqualTo(1);
        ApiClient.Response tcp = admin.post("/api/v1/checks",
            "{\"name\":\"tcp " + System.nanoTime() + "\",\"type\":\"tcp\",\"target\":{\"host\":\"127.0.0.1\",\"port\":1}}");
        assertThat(tcp.json().get("failureThreshold").asInt()).as("a probe is retried before down").isEqualTo(3);
        String pingUrl = hb.json().get("pingUrl").asString();
        String path = pingUrl.substring(pingUrl.indexOf("/api/v1/heartbeats/"));
        assertThat(ApiClient.anonymous(port).post(path + "/fail", "backup failed: disk full", "text/plain").status()).isEqualTo(200);
        long id = hb.json().get("id").asLong();
        assertThat(CheckFixture.state(jdbc, id)).isEqualTo("down");
        assertThat(lastMessage(id)).isEqualTo("backup failed: disk full");
    }

    @Test
    void aCheckWithoutAPingWithinPeriodAndGraceIsDown() {
        TestClock.set("2031-07-01T02:00:00Z");
        String token = "hb-late-" + System.nanoTime();
        long id = heartbeat(token);
        assertThat(ApiClient.anonymous(port).get("/api/v1/heartbeats/" + token).status()).isEqualTo(200);
        TestClock.advance(Duration.ofSeconds(3600 + 600));
        assertThat(scheduler.runDue(id)).isEqualTo(1);
        assertThat(CheckFixture.state(jdbc, id)).as("on the edge of the grace").isEqualTo("up");
        TestClock.advance(Duration.ofSeconds(60));
        assertThat(scheduler.runDue(id)).isEqualTo(1);
        assertThat(CheckFixture.state(jdbc, id)).isEqualTo("down");
        assertThat(lastMessage(id)).startsWith("No ping since 2031-07-01T02:00:00Z");
        ApiClient.anonymous(port).get("/api/v1/heartbeats/" + token);
        assertThat(CheckFixture.state(jdbc, id)).isEqualTo("up");
    }
}
