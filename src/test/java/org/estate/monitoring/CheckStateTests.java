package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.monitoring.internal.MaintenanceFilter;
import org.estate.monitoring.internal.engine.Housekeeping;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.util.ReflectionTestUtils;

/** The state machine: thresholds, recovery, degraded, maintenance, flapping; state changes written and announced. */
@EstateTest
@RecordApplicationEvents
class CheckStateTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CheckEngine engine;
    @Autowired
    Housekeeping housekeeping;
    @Autowired
    ApplicationContext context;
    @Autowired
    ApplicationEvents events;

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    private long check(int failureThreshold, int recoveryThreshold, Long ci) {
        return CheckFixture.create(jdbc, engine, "state " + System.nanoTime(), "heartbeat", "{\"periodSeconds\":3600,\"graceSeconds\":60}",
            60, failureThreshold, recoveryThreshold, ci, null, TestClock.get().instant());
    }

    private String push(long id, ProbeResult r) {
        engine.record(id, r, TestClock.advance(Duration.ofSeconds(10)));
        return CheckFixture.state(jdbc, id);
    }

    private static ProbeResult up() {
        return ProbeResult.up(5, "fine", Map.of());
    }

    private static ProbeResult down() {
        return ProbeResult.down(5, "broken", Map.of());
    }

    private List<String> changes(long id) {
        return jdbc.sql("SELECT state FROM mon_state_change WHERE check_id = ? ORDER BY at, id").param(id).query(String.class).list();
    }

    @Test
    void failuresInARowMakeItDownAndSuccessesInARowBringItBack() {
        TestClock.set("2031-03-01T09:00:00Z");
        long id = check(3, 2, null);
        assertThat(push(id, up())).isEqualTo("up");
        assertThat(push(id, down())).isEqualTo("up");
        assertThat(push(id, down())).isEqualTo("up");
        assertThat(push(id, up())).as("a success ends the run of failures").isEqualTo("up");
        assertThat(push(id, down())).isEqualTo("up");
        assertThat(push(id, down())).isEqualTo("up");
        assertThat(push(id, down())).as("third failure in a row").isEqualTo("down");
        assertThat(push(id, up())).as("one success is below the recovery threshold").isEqualTo("down");
        assertThat(push(id, down())).isEqualTo("down");
        assertThat(push(id, up())).isEqualTo("down");
        assertThat(push(id, up())).isEqualTo("up");
        assertThat(changes(id)).containsExactly("up", "down", "up");
        assertThat(events.stream(CheckStatesChanged.class).flatMap(e -> e.changes().stream()).filter(e -> e.check() == id).map(e -> e.from() + ">" + e.to()).toList())
            .containsExactly("unknown>up", "up>down", "down>up");
        assertThat(CheckFixture.results(jdbc, id)).isEqualTo(11);
        var since = jdbc.sql("SELECT since FROM mon_check_status WHERE check_id = ?").param(id).query(java.sql.Timestamp.class).single();
        assertThat(since.toInstant()).isEqualTo(TestClock.get().instant());
    }

    @Test
    void aResultOvertakenByALaterOneIsHistoryAndNeverTheCurrentState() {
        TestClock.set("2031-03-01T09:00:00Z");
        long id = check(1, 1, null);
        Instant judgedAt = TestClock.advance(Duration.ofSeconds(10));
        assertThat(push(id, down())).as("a failure reported after the judgement began").isEqualTo("down");
        engine.record(id, ProbeResult.up(5, "judged before the failure", Map.of()), judgedAt);
        assertThat(CheckFixture.state(jdbc, id)).as("the earlier result arriving late does not bring it back up").isEqualTo("down");
        assertThat(jdbc.sql("SELECT last_message FROM mon_check_status WHERE check_id = ?").param(id).query(String.class).single())
            .isEqualTo("broken");
        assertThat(jdbc.sql("SELECT message FROM mon_result WHERE check_id = ? ORDER BY at").param(id).query(String.class).list())
            .as("both results are kept, in time order").containsExactly("judged before the failure", "broken");
        assertThat(push(id, up())).as("a newer success still counts").isEqualTo("up");
    }

    @Test
    void degradedIsAStateOfItsOwnThatCountsAsASuccess() {
        TestClock.set("2031-03-02T09:00:00Z");
        long id = check(2, 2, null);
        assertThat(push(id, ProbeResult.degraded(900, "slow", Map.of()))).isEqualTo("degraded");
        assertThat(push(id, down())).isEqualTo("degraded");
        assertThat(push(id, ProbeResult.degraded(900, "slow", Map.of()))).as("ends the run of failures").isEqualTo("degraded");
        assertThat(push(id, down())).isEqualTo("degraded");
        assertThat(push(id, up())).isEqualTo("up");
        push(id, down());
        assertThat(push(id, down())).isEqualTo("down");
        assertThat(push(id, ProbeResult.degraded(900, "slow", Map.of()))).isEqualTo("down");
        assertThat(push(id, ProbeResult.degraded(900, "slow", Map.of()))).as("recovered, as the last result's state").isEqualTo("degraded");
    }

    @Test
    void failuresOfACiInMaintenanceAreMaintenanceNotDown() {
        TestClock.set("2031-03-03T09:00:00Z");
        Object writer = context.getBean("resultWriter");
        MaintenanceFilter original = (MaintenanceFilter) ReflectionTestUtils.getField(writer, "maintenance");
        Instant windowEnd = Instant.parse("2031-03-03T09:01:00Z");
        ReflectionTestUtils.setField(writer, "maintenance", (MaintenanceFilter) (ci, at) -> ci == 4242L && at.isBefore(windowEnd));
        try {
            long id = check(1, 1, 4242L);
            assertThat(push(id, up())).isEqualTo("up");
            assertThat(push(id, down())).as("a failure inside the window").isEqualTo("maintenance");
            assertThat(push(id, down())).isEqualTo("maintenance");
            assertThat(jdbc.sql("SELECT count(*) FROM mon_result WHERE check_id = ? AND state = 3").param(id).query(Long.class).single())
                .isEqualTo(2);
            assertThat(push(id, up())).as("a good result ends maintenance at once").isEqualTo("up");
            TestClock.set("2031-03-03T09:02:00Z");
            assertThat(push(id, down())).as("after the window a failure is down").isEqualTo("down");
            assertThat(changes(id)).containsExactly("up", "maintenance", "up", "down");
        } finally {
            ReflectionTestUtils.setField(writer, "maintenance", original);
        }
    }

    @Test
    void moreThanFiveChangesInThirtyMinutesIsFlappingUntilItCalmsDown() {
        TestClock.set("2031-03-04T09:00:00Z");
        long id = check(1, 1, null);
        for (int i = 0; i < 5; i++) {
            push(id, i % 2 == 0 ? up() : down());
        }
        assertThat(flapping(id)).as("five changes").isFalse();
        push(id, down());
        assertThat(flapping(id)).as("six changes within 30 minutes").isTrue();
        TestClock.advance(Duration.ofMinutes(25));
        housekeeping.runOnce();
        assertThat(flapping(id)).as("the changes are still within the window").isTrue();
        TestClock.advance(Duration.ofMinutes(10));
        housekeeping.runOnce();
        assertThat(flapping(id)).as("calm for 30 minutes").isFalse();
    }

    @Test
    void pausingAndResumingAreStateChanges() {
        TestClock.set("2031-03-05T09:00:00Z");
        long id = check(1, 1, null);
        push(id, up());
        jdbc.sql("UPDATE mon_check SET enabled = FALSE, version = version + 1 WHERE id = ?").param(id).update();
        engine.definitionChanged(id);
        assertThat(CheckFixture.state(jdbc, id)).isEqualTo("paused");
        assertThat(push(id, down())).as("a paused check stays paused").isEqualTo("paused");
        jdbc.sql("UPDATE mon_check SET enabled = TRUE, version = version + 1 WHERE id = ?").param(id).update();
        engine.definitionChanged(id);
        assertThat(CheckFixture.state(jdbc, id)).isEqualTo("unknown");
        assertThat(changes(id)).containsExactly("up", "paused", "unknown");
    }

    private boolean flapping(long id) {
        return jdbc.sql("SELECT flapping FROM mon_check_status WHERE check_id = ?").param(id).query(Boolean.class).single();
    }
}
