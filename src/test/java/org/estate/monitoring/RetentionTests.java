package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.monitoring.internal.CheckReadings;
import org.estate.monitoring.internal.engine.Housekeeping;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Hourly rollups, then raw results purged after 7 days and rollups after 400; state changes kept. */
@EstateTest
class RetentionTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CheckEngine engine;
    @Autowired
    Housekeeping housekeeping;
    @Autowired
    CheckReadings readings;

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    @Test
    void rawResultsRollUpByTheHourAndAgeOut() {
        Instant t0 = Instant.parse("2032-01-10T10:00:00Z");
        TestClock.set(t0);
        long id = CheckFixture.create(jdbc, engine, "rolled", "heartbeat", "{\"periodSeconds\":60,\"graceSeconds\":0}", 60, 1, 1, null, null, t0);
        for (int i = 0; i < 120; i++) {
            ProbeResult r = i >= 30 && i < 45 ? ProbeResult.down(i + 1, "no", Map.of()) : ProbeResult.up(i + 1, "yes", Map.of());
            engine.record(id, r, t0.plusSeconds(60L * i));
        }
        jdbc.sql("UPDATE mon_job SET done_until = ?, lease_until = NULL WHERE name = 'rollup'").param(Timestamp.from(t0)).update();
        TestClock.set(t0.plus(Duration.ofMinutes(185)));
        assertThat(housekeeping.runOnce()).as("three finished hours, the last without results").isEqualTo(3);
        var rows = jdbc.sql("""
                SELECT results, failures, latency_min, latency_mean, latency_p95, latency_max, down_s, degraded_s, maintenance_s
                FROM mon_rollup_hour WHERE check_id = ? ORDER BY hour_start""").param(id)
            .query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
                rs.getInt(8), rs.getInt(9))).list();
        assertThat(rows).hasSize(2);
        // latencies 1..60: mean 30.5, p95 57.05; down from minute 30 to 45
        assertThat(rows.get(0)).containsExactly(60, 15, 1, 31, 57, 60, 900, 0, 0);
        assertThat(rows.get(1)).containsExactly(60, 0, 61, 91, 117, 120, 0, 0, 0);
        var chart = readings.latency(id, t0, t0.plus(Duration.ofDays(3)));
        assertThat(chart).as("a long span charts the hourly rollups").hasSize(2);
        assertThat(chart.getFirst().maxMs()).isEqualTo(60);
        assertThat(readings.latency(id, t0, t0.plus(Duration.ofHours(2)))).as("a short span charts raw results").hasSize(120);

        TestClock.set(t0.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(90)));
        housekeeping.runOnce();
        assertThat(jdbc.sql("SELECT min(at) FROM mon_result WHERE check_id = ?").param(id).query(Timestamp.class).single().toInstant())
            .as("raw results older than 7 days are gone").isAfterOrEqualTo(t0.plus(Duration.ofMinutes(90)));
        assertThat(CheckFixture.results(jdbc, id)).isEqualTo(30);
        assertThat(jdbc.sql("SELECT count(*) FROM mon_rollup_hour WHERE check_id = ?").param(id).query(Long.class).single()).isEqualTo(2);

        TestClock.set(t0.plus(Duration.ofDays(400)).plus(Duration.ofMinutes(90)));
        jdbc.sql("UPDATE mon_job SET done_until = ? WHERE name = 'rollup'").param(Timestamp.from(TestClock.get().instant().minusSeconds(7200))).update();
        housekeeping.runOnce();
        assertThat(CheckFixture.results(jdbc, id)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM mon_rollup_hour WHERE check_id = ? AND hour_start < ?").param(id)
            .param(Timestamp.from(t0.plusSeconds(3600))).query(Long.class).single()).as("the first hour is past 400 days").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM mon_state_change WHERE check_id = ?").param(id).query(Long.class).single())
            .as("state changes are kept for ever").isEqualTo(3);
    }
}
