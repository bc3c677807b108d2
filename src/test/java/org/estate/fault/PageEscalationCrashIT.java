package org.estate.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.estate.test.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart in the middle of an escalation, with a second node: a page has notified its first
 * level when Estate is killed with {@code kill -9}; its delay runs out while nothing runs; two
 * nodes then start on the same database. The second level is notified exactly once — the timer
 * is neither skipped nor repeated — and the first level is not notified again.
 */
class PageEscalationCrashIT {

    @TempDir
    Path work;

    @Test
    void aKilledNodesEscalationIsTakenOnOnceByTheNodesThatFollow() throws Exception {
        assumeFalse(Boolean.getBoolean("skipPostgresTests"), "PostgreSQL tests skipped (-DskipPostgresTests)");
        Map<String, Object> db = TestDatabaseInitializer.newPostgresDatabase();
        String url = db.get("spring.datasource.url").toString();
        String user = db.get("spring.datasource.username").toString();
        String password = db.get("spring.datasource.password").toString();
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", user,
            "SPRING_DATASOURCE_PASSWORD", password);
        List<String> fast = List.of("--estate.oncall.escalation-interval=1s");
        long page;
        try (EstateProcess first = new EstateProcess("page-escalation-kill", work.resolve("a"), env, fast)) {
            first.start();
            Http http = Http.adminToken(first.baseUrl());
            for (String u : List.of("crash.asha", "crash.ben")) {
                Http.Answer created = http.post("/api/v1/users", """
                    {"username":"%s","displayName":"%s","email":"%s@example.gov.uk","roles":["engineer"],"password":"a-long-test-password-1"}"""
                    .formatted(u, u, u));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
            }
            Http.Answer policy = http.post("/api/v1/escalation-policies", """
                {"key":"crash","name":"Crash test","repeat":0,"levels":[
                  {"targets":[{"user":"crash.asha"}],"delayMinutes":30},
                  {"targets":[{"user":"crash.ben"}],"delayMinutes":30}]}""");
            assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
            Http.Answer raised = http.post("/api/v1/pages", "{\"policy\":\"crash\",\"title\":\"Storage array degraded\"}");
            assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
            page = raised.json().get("id").asLong();
            assertThat(raised.json().get("notifications").size()).isEqualTo(1);
            assertThat(first.kill()).isEqualTo(137);
        }
        // The level's 30 minutes pass while no node runs.
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement s = c.prepareStatement(
                 "UPDATE oncall_page SET next_escalation_at = next_escalation_at - INTERVAL '31 minutes' WHERE id = ?")) {
            s.setLong(1, page);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        try (EstateProcess a = new EstateProcess("page-escalation-node-a", work.resolve("a"), env, fast);
             EstateProcess b = new EstateProcess("page-escalation-node-b", work.resolve("b"), env, fast)) {
            a.start();
            b.start();
            Http http = Http.adminToken(a.baseUrl());
            Poll.until("page " + page + " escalated to level 2", Duration.ofSeconds(60),
                () -> http.get("/api/v1/pages/" + page).json().get("level").asInt() == 2);
            // Both nodes keep polling each second: the moved timer is 30 minutes ahead, so nothing more is due.
            Http other = Http.adminToken(b.baseUrl());
            var notifications = other.get("/api/v1/pages/" + page).json().get("notifications");
            assertThat(notifications.size()).as(notifications.toString()).isEqualTo(2);
            assertThat(notifications.get(0).get("user").asString()).isEqualTo("crash.asha");
            assertThat(notifications.get(1).get("user").asString()).isEqualTo("crash.ben");
            assertThat(count(url, user, password, page)).isEqualTo(2);
        }
    }

    private static long count(String url, String user, String password, long page) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM oncall_page_notification WHERE page_id = ?")) {
            s.setLong(1, page);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
