package org.estate.monitoring.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.estate.monitoring.CheckStateChanged;
import org.estate.monitoring.CheckStatesChanged;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * A batch of results that moves many checks (a mass outage, or an import's first results) is one
 * transaction that writes a state-change row per change and announces them in one event, so the
 * reactions are not an event storm that drains the connection pool.
 */
@EstateTest
@RecordApplicationEvents
class ResultBatchTests {

    private static final int CHECKS = 60;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ResultWriter writer;
    @Autowired
    ApplicationEvents events;

    @Test
    void aBatchThatMovesManyChecksWritesEveryChangeAndAnnouncesThemOnce() {
        Instant t0 = Instant.parse("2032-01-10T09:00:00Z");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < CHECKS; i++) {
            ids.add(insert("batch " + System.nanoTime() + " " + i, t0));
        }
        List<Recorded> firstResults = new ArrayList<>();
        List<Recorded> outage = new ArrayList<>();
        for (int i = 0; i < CHECKS; i++) {
            long id = ids.get(i);
            firstResults.add(recorded(id, t0.plusMillis(i), ProbeResult.up(3, "fine", Map.of())));
            outage.add(recorded(id, t0.plusSeconds(60).plusMillis(i), ProbeResult.down(3, "no route", Map.of())));
        }
        writer.write(firstResults);
        writer.write(outage);

        // Both batches committed, so their events went into the registry (each within its column).
        List<CheckStatesChanged> announced = events.stream(CheckStatesChanged.class).toList();
        int perBatch = (CHECKS + CheckStatesChanged.MAX_CHANGES - 1) / CheckStatesChanged.MAX_CHANGES;
        assertThat(announced).as("a few events per batch, not one per check").hasSize(2 * perBatch);
        assertThat(announced).allMatch(e -> e.changes().size() <= CheckStatesChanged.MAX_CHANGES);
        List<CheckStateChanged> first = announced.subList(0, perBatch).stream().flatMap(e -> e.changes().stream()).toList();
        List<CheckStateChanged> second = announced.subList(perBatch, 2 * perBatch).stream().flatMap(e -> e.changes().stream()).toList();
        assertThat(first).extracting(CheckStateChanged::check).containsExactlyElementsOf(ids);
        assertThat(first).allMatch(c -> c.from().equals("unknown") && c.to().equals("up"));
        assertThat(second).extracting(CheckStateChanged::check).containsExactlyElementsOf(ids);
        assertThat(second).allMatch(c -> c.from().equals("up") && c.to().equals("down"));
        for (long id : ids) {
            assertThat(jdbc.sql("SELECT state FROM mon_state_change WHERE check_id = ? ORDER BY at").param(id).query(String.class).list())
                .as("check " + id + "'s changes").containsExactly("up", "down");
            assertThat(jdbc.sql("SELECT state FROM mon_check_status WHERE check_id = ?").param(id).query(String.class).single())
                .isEqualTo("down");
        }
    }

    @Test
    void aCheckThatChangesTooOftenIsMarkedFlappingWithinABatchAndCalmChecksAreNot() {
        Instant t0 = Instant.parse("2032-01-11T09:00:00Z");
        long flappy = insert("flappy " + System.nanoTime(), t0);
        long calm = insert("calm " + System.nanoTime(), t0);
        List<Recorded> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ProbeResult r = i % 2 == 0 ? ProbeResult.up(1, "fine", Map.of()) : ProbeResult.down(1, "broken", Map.of());
            batch.add(recorded(flappy, t0.plusSeconds(10L * i), r));
        }
        batch.add(recorded(calm, t0.plusSeconds(5), ProbeResult.up(1, "fine", Map.of())));
        writer.write(batch);
        assertThat(flapping(flappy)).as("six changes in a minute").isTrue();
        assertThat(flapping(calm)).isFalse();
    }

    private boolean flapping(long id) {
        return jdbc.sql("SELECT flapping FROM mon_check_status WHERE check_id = ?").param(id).query(Boolean.class).single();
    }

    private Recorded recorded(long id, Instant at, ProbeResult result) {
        return new Recorded(id, at, result, null, "heartbeat", Map.of(), 1, 1, true, null);
    }

    private long insert(String name, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO mon_check (name, check_type, interval_seconds, timeout_ms, failure_threshold, recovery_threshold, enabled, target,
                    created_at, updated_at, version) VALUES (?, 'heartbeat', 3600, 3000, 1, 1, TRUE, '{"periodSeconds":3600,"graceSeconds":60}', ?, ?, 0)""")
            .params(name, Timestamp.from(now), Timestamp.from(now))
            .update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("INSERT INTO mon_check_status (check_id, state, since, next_run_at) VALUES (?, 'unknown', ?, ?)")
            .params(id, Timestamp.from(now), Timestamp.from(now)).update();
        return id;
    }
}
