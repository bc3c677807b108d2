package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.estate.EstateApplication;
import org.estate.monitoring.internal.engine.CheckScheduler;
import org.estate.test.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.sun.net.httpserver.HttpServer;

/**
 * Two nodes (two application contexts, each with its own node id and scheduler) on one database:
 * they share the checks, no check is probed by both at once (an HTTP target holds each request
 * and counts those in flight per check), and a node that stops dead has its checks taken over
 * within two intervals.
 */
class TwoNodeTests {

    private static final int CHECKS = 16;
    private static final int INTERVAL = 10;

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Integer> maxInFlight = new ConcurrentHashMap<>();
    private final Map<String, List<Instant>> hits = new ConcurrentHashMap<>();

    @Test
    void twoNodesShareTheChecksNeverRunOneTwiceAtOnceAndTakeOverADeadOnesChecks() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/c/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>()).add(Instant.now());
            int now = inFlight.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            maxInFlight.merge(path, now, Math::max);
            try {
                Thread.sleep(400); // a slow target: two probes of one check at once would overlap here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.get(path).decrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Map<String, Object> db = database();
        try (ConfigurableApplicationContext a = node("node-a", db)) {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            List<Long> ids = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < CHECKS; i++) {
                ids.add(insert(jdbc, i, server.getAddress().getPort(), now));
            }
            try (ConfigurableApplicationContext b = node("node-b", db)) {
                CheckScheduler schedulerA = a.getBean(CheckScheduler.class);
                CheckScheduler schedulerB = b.getBean(CheckScheduler.class);
                Poll.until(Duration.ofSeconds(30), () -> schedulerA.held() + schedulerB.held() == CHECKS
                    && Math.abs(schedulerA.held() - schedulerB.held()) <= 1 && hits.size() == CHECKS);
                Thread.sleep(Duration.ofSeconds(2L * INTERVAL + 2).toMillis()); // let both run two more rounds
                assertThat(schedulerA.held()).as("node a's fair share").isEqualTo(CHECKS / 2);
                assertThat(schedulerB.held()).as("node b's fair share").isEqualTo(CHECKS / 2);
                assertThat(maxInFlight.values()).as("probes of one check in flight at once").containsOnly(1);
                for (var e : hits.entrySet()) {
                    List<Instant> times = e.getValue();
                    for (int i = 1; i < times.size(); i++) {
                        // A run that timed out on this busy machine is retried after interval / 3; never sooner.
                        assertThat(Duration.between(times.get(i - 1), times.get(i))).as(e.getKey() + " ran again too soon")
                            .isGreaterThan(Duration.ofSeconds(INTERVAL / 3));
                    }
                }
                List<Long> heldByB = jdbc.sql("SELECT check_id FROM mon_check_status WHERE lease_owner = 'node-b'").query(Long.class).list();
                assertThat(heldByB).hasSize(CHECKS / 2);
                Map<Long, Instant> lastBeforeHalt = new HashMap<>();
                schedulerB.haltForTests();
                Instant halted = Instant.now();
                for (long id : heldByB) {
                    List<Instant> times = hits.get("/c/" + ids.indexOf(id));
                    lastBeforeHalt.put(id, times.getLast());
                }
                // Node b is silent: node a declares it dead and runs its checks within two intervals.
                Poll.until(Duration.ofSeconds(2L * INTERVAL + 5), () -> heldByB.stream().allMatch(id ->
                    hits.get("/c/" + ids.indexOf(id)).getLast().isAfter(halted)));
                for (long id : heldByB) {
                    List<Instant> times = hits.get("/c/" + ids.indexOf(id));
                    Instant after = times.stream().filter(t -> t.isAfter(halted)).findFirst().orElseThrow();
                    assertThat(Duration.between(lastBeforeHalt.get(id), after)).as("check " + id + " taken over")
                        .isLessThanOrEqualTo(Duration.ofSeconds(2L * INTERVAL));
                }
                assertThat(schedulerA.held()).isEqualTo(CHECKS);
                assertThat(maxInFlight.values()).containsOnly(1);
                assertThat(jdbc.sql("SELECT dead FROM mon_node WHERE node_id = 'node-b'").query(Boolean.class).single()).isTrue();
            }
        } finally {
            server.stop(0);
        }
    }

    private static long insert(JdbcClient jdbc, int i, int port, Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO mon_check (name, check_type, interval_seconds, timeout_ms, failure_threshold, recovery_threshold, enabled, target,
                    created_at, updated_at, version) VALUES (?, 'http', ?, 3000, 3, 1, TRUE, ?, ?, ?, 0)""")
            .params("node test " + i, INTERVAL, "{\"url\":\"http://127.0.0.1:" + port + "/c/" + i + "\"}", Timestamp.from(now), Timestamp.from(now))
            .update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("INSERT INTO mon_check_status (check_id, state, since, next_run_at) VALUES (?, 'unknown', ?, ?)")
            .params(id, Timestamp.from(now), Timestamp.from(now)).update();
        return id;
    }

    private static Map<String, Object> database() {
        if ("postgresql".equals(TestDatabaseInitializer.DB)) {
            return TestDatabaseInitializer.newPostgresDatabase();
        }
        return Map.of("spring.datasource.url", "jdbc:h2:mem:nodes-" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "spring.datasource.username", "sa", "spring.datasource.password", "");
    }

    private static ConfigurableApplicationContext node(String id, Map<String, Object> db) {
        Map<String, Object> p = new HashMap<>(db);
        p.put("server.port", "0");
        p.put("estate.data-dir", "target/test-data/" + id + "-" + UUID.randomUUID());
        p.put("estate.security.admin-password", "two-nodes-admin-password");
        p.put("estate.servicedesk.clock-job", "false");
        p.put("estate.smtp.dispatcher", "false");
        p.put("spring.datasource.hikari.maximum-pool-size", "5");
        p.put("estate.monitoring.scheduler.enabled", "true");
        p.put("estate.monitoring.scheduler.node-id", id);
        p.put("estate.monitoring.scheduler.node-heartbeat", "1s");
        p.put("estate.monitoring.scheduler.node-timeout", "4s");
        p.put("estate.monitoring.scheduler.claim-interval", "500ms");
        p.put("spring.autoconfigure.exclude",
            "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
                + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration");
        // As command-line arguments: they come before application.yml (default properties would come after).
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(EstateApplication.class).run(args);
    }

    /** Waits for a condition with a deadline (the nodes run on their own clocks and threads). */
    static final class Poll {
        static void until(Duration limit, java.util.function.BooleanSupplier condition) throws InterruptedException {
            long end = System.nanoTime() + limit.toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as("waited " + limit).isLessThan(end);
                Thread.sleep(100);
            }
        }
    }
}
