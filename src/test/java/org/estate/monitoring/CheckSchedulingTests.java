package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.monitoring.internal.engine.CheckScheduler;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;

/** Scheduled runs: due times, quick retries below the failure threshold, results written in batches. */
@EstateTest
class CheckSchedulingTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CheckEngine engine;
    @Autowired
    CheckScheduler scheduler;
    @Autowired
    MeterRegistry meters;

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    @Test
    void aFailingCheckIsRetriedSoonUntilItIsDownThenWaitsAFullInterval() throws Exception {
        TestClock.set("2031-04-01T09:00:00Z");
        int port = CheckFixture.closedPort();
        long id = CheckFixture.create(jdbc, engine, "retry " + port, "tcp", "{\"host\":\"127.0.0.1\",\"port\":" + port + "}", 60, 3, 1, null,
            null, TestClock.get().instant());
        assertThat(scheduler.runDue(id)).isEqualTo(1);
        assertThat(CheckFixture.state(jdbc, id)).isEqualTo("unknown");
        TestClock.advance(Duration.ofSeconds(9));
        assertThat(scheduler.runDue(id)).as("not yet: the retry is min(10 s, interval / 3) later").isZero();
        TestClock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.runDue(id)).isEqualTo(1);
        TestClock.advance(Duration.ofSeconds(10));
        assertThat(scheduler.runDue(id)).isEqualTo(1);
        assertThat(CheckFixture.state(jdbc, id)).isEqualTo("down");
        TestClock.advance(Duration.ofSeconds(30));
        assertThat(scheduler.runDue(id)).as("down: back to the full interval").isZero();
        TestClock.advance(Duration.ofSeconds(30));
        assertThat(scheduler.runDue(id)).isEqualTo(1);
        assertThat(CheckFixture.results(jdbc, id)).isEqualTo(4);
        var next = jdbc.sql("SELECT next_run_at FROM mon_check_status WHERE check_id = ?").param(id).query(java.sql.Timestamp.class).single();
        assertThat(next.toInstant()).as("the schedule is kept in the database for another node").isEqualTo(TestClock.get().instant().plusSeconds(60));
    }

    @Test
    void aHealthyCheckRunsOncePerInterval() throws Exception {
        TestClock.set("2031-04-02T09:00:00Z");
        try (CheckFixture.Target target = new CheckFixture.Target()) {
            long id = CheckFixture.create(jdbc, engine, "healthy", "tcp", "{\"host\":\"127.0.0.1\",\"port\":" + target.port() + "}", 30, 3, 1,
                null, null, TestClock.get().instant());
            assertThat(scheduler.runDue(id)).isEqualTo(1);
            assertThat(CheckFixture.state(jdbc, id)).isEqualTo("up");
            TestClock.advance(Duration.ofSeconds(29));
            assertThat(scheduler.runDue(id)).isZero();
            TestClock.advance(Duration.ofSeconds(1));
            assertThat(scheduler.runDue(id)).isEqualTo(1);
            assertThat(target.accepted(2)).isEqualTo(2);
            var last = jdbc.sql("SELECT last_ok, last_state, last_message FROM mon_check_status WHERE check_id = ?").param(id)
                .query((rs, n) -> rs.getBoolean(1) + " " + rs.getString(2) + " " + rs.getString(3)).single();
            assertThat(last).startsWith("true up Connected");
        }
    }

    @Test
    void resultsAreWrittenInBatches() throws Exception {
        TestClock.set("2031-04-03T09:00:00Z");
        try (CheckFixture.Target target = new CheckFixture.Target()) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(CheckFixture.create(jdbc, engine, "batch " + i, "tcp", "{\"host\":\"127.0.0.1\",\"port\":" + target.port() + "}", 60,
                    3, 1, null, null, TestClock.get().instant()));
            }
            long[] all = ids.stream().mapToLong(Long::longValue).toArray();
            assertThat(scheduler.runDue(all)).isEqualTo(40);
            // A result that changes nothing (the same state as the check's last) waits for the next flush.
            TestClock.advance(Duration.ofSeconds(60));
            double results = meters.get("estate.check.results.written").counter().count();
            double batches = meters.get("estate.check.result.batches").counter().count();
            assertThat(scheduler.runDue(all)).isEqualTo(40);
            double written = meters.get("estate.check.results.written").counter().count() - results;
            double used = meters.get("estate.check.result.batches").counter().count() - batches;
            assertThat(written).isEqualTo(40);
            assertThat(used).as("transactions for 40 results").isBetween(1.0, 4.0);
            assertThat(jdbc.sql("SELECT count(*) FROM mon_result WHERE check_id IN (:ids)").param("ids", ids).query(Long.class).single())
                .isEqualTo(80);
        }
    }
}
