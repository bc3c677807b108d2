package org.estate.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.test.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * Two Estate processes on one PostgreSQL, as a council runs two nodes behind a load balancer: they
 * share the checks, a failure seen by both opens one incident, and when one node is killed with
 * {@code kill -9} the other takes its checks over within two intervals, still with one incident.
 */
class TwoNodeProcessesIT {

    private static final int CHECKS = 12;
    private static final int INTERVAL = 10;
    private static final List<String> FAST_NODES = List.of("--estate.monitoring.scheduler.node-heartbeat=1s",
        "--estate.monitoring.scheduler.node-timeout=4s", "--estate.monitoring.scheduler.claim-interval=1s");

    @TempDir
    Path work;

    @Test
    void twoNodesShareChecksOpenOneIncidentAndTakeOverFromAKilledNode() throws Exception {
        assumeFalse(Boolean.getBoolean("skipPostgresTests"), "PostgreSQL tests skipped (-DskipPostgresTests)");
        Map<String, Object> db = TestDatabaseInitializer.newPostgresDatabase();
        String url = db.get("spring.datasource.url").toString();
        String user = db.get("spring.datasource.username").toString();
        String password = db.get("spring.datasource.password").toString();
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", user,
            "SPRING_DATASOURCE_PASSWORD", password);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once closed: every probe fails
        }
        try (EstateProcess a = new EstateProcess("two-nodes-a", work.resolve("a"), env, FAST_NODES);
             EstateProcess b = new EstateProcess("two-nodes-b", work.resolve("b"), env, FAST_NODES);
             Connection sql = DriverManager.getConnection(url, user, password)) {
            a.start();
            b.start(); // the schema is A's by now: B finds it migrated
            Http http = Http.adminToken(a.baseUrl());
            Http.Answer ci = http.post("/api/v1/cis", """
                {"class":"virtual-machine","name":"file-server-01","status":"live","criticality":"high","owner":"Infrastructure"}""");
            assertThat(ci.status()).as(ci.toString()).isEqualTo(201);
            long ciId = ci.json().get("id").asLong();
            List<Long> checks = new ArrayList<>();
            for (int i = 0; i < CHECKS; i++) {
                Http.Answer c = http.post("/api/v1/checks", """
                    {"name":"file-server-01 port %d","type":"tcp","ci":%d,"intervalSeconds":%d,"timeoutMs":2000,"failureThreshold":1,
                     "target":{"host":"127.0.0.1","port":%d}}""".formatted(i, ciId, INTERVAL, closed));
                assertThat(c.status()).as(c.toString()).isEqualTo(201);
                checks.add(c.json().get("id").asLong());
            }

            Poll.until("both nodes hold a share of the checks", Duration.ofSeconds(60), () -> owners(sql).size() == 2
                && owners(sql).values().stream().allMatch(n -> n >= CHECKS / 2 - 1));
            Poll.until("every check down", Duration.ofSeconds(60), () -> count(sql,
                "SELECT count(*) FROM mon_check_status WHERE state = 'down'") == CHECKS);
            Poll.until("an incident for the file server", Duration.ofSeconds(60), () -> openIncidents(http, ciId).size() == 1);

            // Node B dies without a word; its checks must run again within two intervals, on A.
            String nodeB = nodeOf(sql, b);
            assertThat(b.kill()).as("exit status of SIGKILL (128 + 9)").isEqualTo(137);
            Instant killed = Instant.now();
            Map<Long, Instant> lastBefore = lastResults(sql);
            Poll.until("A runs every check B held", Duration.ofSeconds(2L * INTERVAL + 10), () -> {
                Map<Long, Instant> now = lastResults(sql);
                return checks.stream().allMatch(id -> now.get(id) != null && now.get(id).isAfter(killed)
                    && !now.get(id).equals(lastBefore.get(id)));
            });
            assertThat(Duration.between(killed, Instant.now())).as("taken over within two intervals")
                .isLessThanOrEqualTo(Duration.ofSeconds(2L * INTERVAL));
            assertThat(owners(sql)).as("A holds everything; B (" + nodeB + ") nothing").doesNotContainKey(nodeB).hasSize(1);
            assertThat(openIncidents(http, ciId)).as("still one incident for one root cause").hasSize(1);
            assertThat(count(sql, "SELECT count(*) FROM sd_ticket WHERE duplicate_of IS NULL AND id IN "
                + "(SELECT ticket_id FROM sd_ticket_ci WHERE ci_id = " + ciId + ")")).as("never a second incident opened").isEqualTo(1);
        }
    }

    private static Map<String, Integer> owners(Connection sql) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (Statement s = sql.createStatement();
             ResultSet rs = s.executeQuery("SELECT lease_owner, count(*) FROM mon_check_status WHERE lease_owner IS NOT NULL GROUP BY lease_owner")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    private static String nodeOf(Connection sql, EstateProcess node) throws Exception {
        long pid = node.pid();
        try (Statement s = sql.createStatement();
             ResultSet rs = s.executeQuery("SELECT node_id FROM mon_node WHERE dead = FALSE")) {
            while (rs.next()) {
                String id = rs.getString(1);
                if (id.contains("-" + pid + "-")) {
                    return id;
                }
            }
        }
        throw new AssertionError("no live node for process " + pid);
    }

    private static Map<Long, Instant> lastResults(Connection sql) throws Exception {
        Map<Long, Instant> out = new HashMap<>();
        try (Statement s = sql.createStatement();
             ResultSet rs = s.executeQuery("SELECT check_id, max(at) FROM mon_result GROUP BY check_id")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
            }
        }
        return out;
    }

    private static long count(Connection sql, String query) throws Exception {
        try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> openIncidents(Http http, long ci) {
        Http.Answer r = http.get("/api/v1/incidents?ci=" + ci + "&active=true&size=100");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode i : r.json().get("items")) {
            out.add(i.get("ref").asString());
        }
        return out;
    }
}
