package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Availability through the graph on 10 January 2026 (UTC): web1 down 01:00–02:00 and web2 down
 * 01:30–03:00 (redundant pair: degraded 90 minutes, down 30), the database in maintenance 05:00–06:00
 * (maintenance, not downtime), the service's own check down 10:00–10:15.
 */
@EstateTest
class AvailabilityApiTests {

    private static final String DAY = "?from=2026-01-10T00:00:00Z&to=2026-01-11T00:00:00Z";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    AvailabilityFixture f;
    ApiClient viewer;

    @BeforeEach
    void estate() {
        f = new AvailabilityFixture(port, jdbc);
        viewer = ApiClient.as(port, "avail.viewer", "viewer");
        long web1 = f.check("web1", "http");
        long web1Ping = f.check("web1", "ping");
        long web2 = f.check("web2", "http");
        long db = f.check("db", "database");
        long svc = f.check("svc", "http");
        for (long c : new long[] {web1, web2, db, svc}) {
            f.change(c, c == web1 ? "web1" : c == web2 ? "web2" : c == db ? "db" : "svc", "2026-01-09T00:00:00Z", "up");
        }
        // A paused or unknown check is no evidence of an outage.
        f.change(web1Ping, "web1", "2026-01-09T00:00:00Z", "unknown");
        f.change(web1Ping, "web1", "2026-01-10T12:00:00Z", "paused");
        f.change(web1, "web1", "2026-01-10T01:00:00Z", "down");
        f.change(web1, "web1", "2026-01-10T02:00:00Z", "up");
        f.change(web2, "web2", "2026-01-10T01:30:00Z", "down");
        f.change(web2, "web2", "2026-01-10T03:00:00Z", "up");
        f.change(db, "db", "2026-01-10T05:00:00Z", "maintenance");
        f.change(db, "db", "2026-01-10T06:00:00Z", "up");
        f.change(svc, "svc", "2026-01-10T10:00:00Z", "down");
        f.change(svc, "svc", "2026-01-10T10:15:00Z", "up");
    }

    private JsonNode availability(String ci, String query) {
        Response r = viewer.get("/api/v1/cis/" + f.id(ci) + "/availability" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aServiceThroughTheGraphWithARedundantPairAndMaintenance() {
        JsonNode a = availability("svc", DAY);
        assertThat(a.get("downSeconds").asLong()).isEqualTo(45 * 60);
        assertThat(a.get("degradedSeconds").asLong()).isEqualTo(90 * 60);
        assertThat(a.get("maintenanceSeconds").asLong()).isEqualTo(60 * 60);
        // 45 minutes down of 23 hours counted (the maintenance hour left out).
        assertThat(a.get("upPercent").asDouble()).isEqualTo(96.739);
        assertThat(a.get("target").decimalValue()).isEqualByComparingTo("99.5");
        assertThat(a.get("met").asBoolean()).isFalse();

        // Only the hour with just one web server down: degraded, never down.
        JsonNode oneDown = availability("svc", "?from=2026-01-10T00:30:00Z&to=2026-01-10T01:30:00Z");
        assertThat(oneDown.get("downSeconds").asLong()).isZero();
        assertThat(oneDown.get("degradedSeconds").asLong()).isEqualTo(30 * 60);
        assertThat(oneDown.get("upPercent").asDouble()).isEqualTo(100.0);
        assertThat(oneDown.get("met").asBoolean()).isTrue();

        // A quiet afternoon: all up, target met.
        JsonNode quiet = availability("svc", "?from=2026-01-10T12:00:00Z&to=2026-01-10T18:00:00Z");
        assertThat(quiet.get("upPercent").asDouble()).isEqualTo(100.0);
        assertThat(quiet.get("downSeconds").asLong()).isZero();
    }

    @Test
    void aCiOnItsOwnChecksAndAnApplicationThroughItsDependencies() {
        JsonNode web1 = availability("web1", DAY);
        assertThat(web1.get("downSeconds").asLong()).isEqualTo(3600);
        assertThat(web1.get("degradedSeconds").asLong()).isZero();
        assertThat(web1.has("target")).isFalse();
        assertThat(web1.has("met")).isFalse();

        JsonNode app = availability("app", DAY);
        assertThat(app.get("downSeconds").asLong()).isEqualTo(30 * 60);
        assertThat(app.get("degradedSeconds").asLong()).isEqualTo(90 * 60);
        assertThat(app.get("maintenanceSeconds").asLong()).isEqualTo(60 * 60);

        JsonNode db = availability("db", DAY);
        assertThat(db.get("maintenanceSeconds").asLong()).isEqualTo(3600);
        assertThat(db.get("downSeconds").asLong()).isZero();
        assertThat(db.get("upPercent").asDouble()).isEqualTo(100.0);
    }

    @Test
    void badPeriodsUnknownCisAndRoles() {
        String base = "/api/v1/cis/" + f.id("svc") + "/availability";
        Response backwards = viewer.get(base + "?from=2026-01-11T00:00:00Z&to=2026-01-10T00:00:00Z");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.body()).contains("\"to\"");
        Response same = viewer.get(base + "?from=2026-01-10T00:00:00Z&to=2026-01-10T00:00:00Z");
        assertThat(same.status()).isEqualTo(422);
        Response tooLong = viewer.get(base + "?from=2024-01-01T00:00:00Z&to=2026-01-10T00:00:00Z");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("\"from\"");
        assertThat(viewer.get(base + "?from=yesterday").status()).isEqualTo(422);
        assertThat(viewer.get(base + "?from=9999-01-01T00:00:00Z").status()).isEqualTo(422);
        assertThat(viewer.get("/api/v1/cis/999999999/availability" + DAY).status()).isEqualTo(404);
        assertThat(ApiClient.anonymous(port).get(base + DAY).status()).isEqualTo(401);
        assertThat(viewer.get(base).status()).isEqualTo(200);

        // The target is a percentage: more than 0, at most 100, at most 3 decimal places.
        ApiClient engineer = ApiClient.as(port, "avail.engineer", "engineer");
        for (String bad : new String[] {"150", "0", "-1", "99.9999"}) {
            Response r = engineer.post("/api/v1/cis", "{\"class\":\"business-service\",\"name\":\"Target " + bad + " " + f.s
                + "\",\"attributes\":{\"availabilityTarget\":" + bad + "}}");
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.body()).contains("attributes.availabilityTarget");
        }
        assertThat(engineer.post("/api/v1/cis", "{\"class\":\"business-service\",\"name\":\"Target ok " + f.s
            + "\",\"attributes\":{\"availabilityTarget\":99.95}}").status()).isEqualTo(201);
    }

    @Test
    void monthlyFiguresPerServiceAsJsonAndCsv() {
        Response r = viewer.get("/api/v1/monitoring/availability/monthly?from=2026-01&to=2026-02");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("licence").asString()).isEqualTo("Open Government Licence v3.0");
        JsonNode mine = null;
        for (JsonNode s : r.json().get("services")) {
            if (s.get("id").asLong() == f.id("svc")) {
                mine = s;
            }
            assertThat(r.json().toString()).doesNotContain("\"name\":\"app-" + f.s);
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("months").size()).isEqualTo(2);
        JsonNode jan = mine.get("months").get(0);
        assertThat(jan.get("month").asString()).isEqualTo("2026-01");
        assertThat(jan.get("figures").get("downSeconds").asLong()).isEqualTo(45 * 60);
        assertThat(jan.get("figures").get("maintenanceSeconds").asLong()).isEqualTo(3600);
        assertThat(jan.get("figures").get("met").asBoolean()).isTrue(); // 45 minutes of a month is 99.9%
        JsonNode feb = mine.get("months").get(1);
        assertThat(feb.get("figures").get("upPercent").asDouble()).isEqualTo(100.0);

        Response csv = viewer.get("/api/v1/monitoring/availability/monthly.csv?from=2026-01&to=2026-02");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Link")).contains("open-government-licence").contains("rel=\"license\"");
        assertThat(csv.body()).startsWith("service_id,service,month,up_percent,down_seconds,degraded_seconds,maintenance_seconds,target_percent,met");
        // January: 31 days less the maintenance hour, 45 minutes down.
        double jan31 = 100.0 * (31 * 86400 - 3600 - 2700) / (31 * 86400 - 3600);
        assertThat(csv.body()).contains(f.id("svc") + ",Council Tax " + f.s + ",2026-01," + String.format(java.util.Locale.ROOT, "%.3f", jan31)
            + ",2700,5400,3600,99.5,true");
        assertThat(csv.body()).contains(f.id("svc") + ",Council Tax " + f.s + ",2026-02,100.000,0,0,0,99.5,true");

        assertThat(viewer.get("/api/v1/monitoring/availability/monthly?from=2026-13").status()).isEqualTo(422);
        assertThat(viewer.get("/api/v1/monitoring/availability/monthly?from=2026-03&to=2026-01").status()).isEqualTo(422);
        assertThat(viewer.get("/api/v1/monitoring/availability/monthly?from=2020-01&to=2026-01").status()).isEqualTo(422);
    }
}
