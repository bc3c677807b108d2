package org.estate.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.estate.test.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} while backup jobs and crons ping their heartbeat checks: after a restart, every
 * ping that was answered 200 is there as a result with the body it carried, and the check's last
 * ping is the last answered one or one sent after it (in flight at the kill). Estate runs from the
 * built jar, as users run it.
 */
class HeartbeatCrashIT {

    private static final int JOBS = 4;

    @TempDir
    Path work;

    @Test
    void h2KeepsEveryAcknowledgedHeartbeatThroughKill9() throws Exception {
        try (EstateProcess estate = new EstateProcess("heartbeat-kill-h2", work, Map.of(), List.of())) {
            estate.start();
            pingKillAndVerify(estate);
        }
    }

    @Test
    void postgresqlKeepsEveryAcknowledgedHeartbeatThroughKill9() throws Exception {
        assumeFalse(Boolean.getBoolean("skipPostgresTests"), "PostgreSQL tests skipped (-DskipPostgresTests)");
        Map<String, Object> db = TestDatabaseInitializer.newPostgresDatabase();
        Map<String, String> env = Map.of(
            "SPRING_DATASOURCE_URL", db.get("spring.datasource.url").toString(),
            "SPRING_DATASOURCE_USERNAME", db.get("spring.datasource.username").toString(),
            "SPRING_DATASOURCE_PASSWORD", db.get("spring.datasource.password").toString());
        try (EstateProcess estate = new EstateProcess("heartbeat-kill-postgresql", work, env, List.of())) {
            estate.start();
            pingKillAndVerify(estate);
        }
    }

    /** One heartbeat check per job; each job pings its own with numbered bodies until the kill. */
    private static void pingKillAndVerify(EstateProcess estate) throws Exception {
        Http http = Http.adminToken(estate.baseUrl());
        long[] checks = new long[JOBS];
        String[] pingPaths = new String[JOBS];
        for (int j = 0; j < JOBS; j++) {
            Http.Answer created = http.post("/api/v1/checks", """
                {"name":"nightly backup %d","type":"heartbeat","intervalSeconds":3600,"target":{"periodSeconds":3600,"graceSeconds":600}}""".formatted(j));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            checks[j] = created.json().get("id").asLong();
            String pingUrl = created.json().get("pingUrl").asString();
            pingPaths[j] = pingUrl.substring(pingUrl.indexOf("/api/v1/heartbeats/"));
        }
        Http anonymous = new Http(estate.baseUrl(), null);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger acknowledgedCount = new AtomicInteger();
        List<Set<String>> acknowledged = new ArrayList<>();
        int[] lastAcknowledged = new int[JOBS];
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        List<Thread> jobs = new ArrayList<>();
        for (int j = 0; j < JOBS; j++) {
            int job = j;
            Set<String> mine = ConcurrentHashMap.newKeySet();
            acknowledged.add(mine);
            lastAcknowledged[j] = -1;
            jobs.add(Thread.ofPlatform().daemon().name("job-" + j).start(() -> {
                for (int n = 0; running.get(); n++) {
                    String body = "job " + job + " run " + n + " finished";
                    boolean fail = n % 5 == 4;
                    Http.Answer a = anonymous.send("POST", pingPaths[job] + (fail ? "/fail" : ""), body, "text/plain", Map.of());
                    if (a.status() == 200) {
                        mine.add(body);
                        lastAcknowledged[job] = n;
                        acknowledgedCount.incrementAndGet();
                    } else if (a.status() != -1 && a.status() != 503) {
                        unexpected.add(a.toString());
                    }
                }
            }));
        }
        try {
            Poll.until("150 acknowledged pings", Duration.ofSeconds(120), () -> acknowledgedCount.get() >= 150);
            assertThat(estate.kill()).as("exit status of SIGKILL (128 + 9)").isEqualTo(137);
        } finally {
            running.set(false);
            for (Thread t : jobs) {
                t.join(Http.REQUEST_DEADLINE.toMillis() + 5000);
            }
        }
        assertThat(unexpected).as("answers other than 200, 503 or no answer").isEmpty();
        estate.start();
        for (int j = 0; j < JOBS; j++) {
            Set<String> kept = messages(http, checks[j]);
            Set<String> lost = new HashSet<>(acknowledged.get(j));
            lost.removeAll(kept);
            assertThat(lost).as("acknowledged pings of job " + j + " missing after kill -9").isEmpty();
            JsonNode check = http.get("/api/v1/checks/" + checks[j]).json();
            String last = check.get("lastResult").get("message").asString();
            int n = Integer.parseInt(last.replaceAll("^job \\d+ run (\\d+) finished$", "$1"));
            assertThat(n).as("the last ping kept for job " + j + " (" + last + ")").isGreaterThanOrEqualTo(lastAcknowledged[j]);
            assertThat(check.get("state").asString()).as("a failure reported is down at once; a ping brings it up")
                .isEqualTo(n % 5 == 4 ? "down" : "up");
        }
    }

    /** Every result message the check has, through the API, page by page. */
    private static Set<String> messages(Http http, long check) {
        Set<String> out = new HashSet<>();
        for (int page = 0; ; page++) {
            Http.Answer a = http.get("/api/v1/checks/" + check + "/results?size=100&page=" + page);
            assertThat(a.status()).as(a.toString()).isEqualTo(200);
            JsonNode items = a.json().get("items");
            items.forEach(r -> out.add(r.get("message").asString()));
            if (items.size() < 100) {
                return out;
            }
        }
    }
}
