package org.estate.monitoring;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.monitoring.internal.heartbeat.HeartbeatPings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Checks made straight in the database, as the checks API makes them, for the engine's tests. */
final class CheckFixture {

    private CheckFixture() {
    }

    static long create(JdbcClient jdbc, CheckEngine engine, String name, String type, String targetJson, int interval,
                       int failureThreshold, int recoveryThreshold, Long ci, String pingToken, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO mon_check (name, check_type, ci_id, interval_seconds, timeout_ms, failure_threshold, recovery_threshold,
                    enabled, target, heartbeat_token, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, 2000, ?, ?, TRUE, ?, ?, ?, ?, 0)""")
            .params(name, type, ci, interval, failureThreshold, recoveryThreshold, targetJson,
                pingToken == null ? null : HeartbeatPings.sha256(pingToken), Timestamp.from(now), Timestamp.from(now))
            .update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("INSERT INTO mon_check_status (check_id, state, since, next_run_at) VALUES (?, 'unknown', ?, ?)")
            .params(id, Timestamp.from(now), Timestamp.from(now)).update();
        engine.definitionChanged(id);
        return id;
    }

    static String state(JdbcClient jdbc, long id) {
        return jdbc.sql("SELECT state FROM mon_check_status WHERE check_id = ?").param(id).query(String.class).single();
    }

    static long results(JdbcClient jdbc, long id) {
        return jdbc.sql("SELECT count(*) FROM mon_result WHERE check_id = ?").param(id).query(Long.class).single();
    }

    /** A TCP port that accepts and closes connections, counting them and how many were open at once. */
    static final class Target implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger accepted = new AtomicInteger();

        Target() throws IOException {
            server = new ServerSocket(0);
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        synchronized (accepted) {
                            accepted.incrementAndGet();
                            accepted.notifyAll();
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        /**
         * Connections accepted, once at least {@code atLeast} have been (or 5 s have passed): the
         * probe's connect completes in the kernel before this target's thread counts it.
         */
        int accepted(int atLeast) throws InterruptedException {
            long deadline = System.nanoTime() + 5_000_000_000L;
            synchronized (accepted) {
                while (accepted.get() < atLeast && System.nanoTime() < deadline) {
                    accepted.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
                return accepted.get();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** A port nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
