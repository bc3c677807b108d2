package org.estate.monitoring.internal.engine;

import static org.estate.monitoring.internal.engine.ResultWriter.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.platform.BackgroundJob;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps storage bounded (README "The engine", retention): rolls raw results up into one row per
 * check and hour (count, failures, latency min/mean/p95/max, seconds down, degraded and in
 * maintenance) once the hour is over, deletes raw results past {@code retention.raw} and rollups
 * past {@code retention.rollups}, and clears the flapping mark of checks that have calmed down.
 * Every statement covers a few hundred checks, so no lock is held long and checking never waits.
 * One node does it at a time (a compare-and-set lease on its {@code mon_job} row).
 */
@Component
public class Housekeeping {

    private static final int CHUNK = 200;
    private static final int MAX_HOURS_PER_RUN = 48;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final EngineSettings settings;
    private final Clock clock;
    private final boolean enabled;
    private final BackgroundJob job = new BackgroundJob("Monitoring housekeeping", Housekeeping.class);

    Housekeeping(JdbcClient jdbc, JdbcTemplate template, EngineSettings settings, Clock clock,
                 @Value("${estate.monitoring.scheduler.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.template = template;
        this.settings = settings;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${estate.monitoring.housekeeping-interval:1m}", initialDelayString = "${estate.monitoring.housekeeping-interval:1m}")
    void scheduled() {
        if (enabled) {
            job.run(this::runOnce);
        }
    }

    /** One pass (tests call it with the test clock): rollups of finished hours, purge, flapping. Returns hours rolled up. */
    public int runOnce() {
        Instant now = clock.instant();
        calmFlapping(now);
        int hours = 0;
        if (claim("rollup", now)) {
            hours = rollUp(now);
        }
        if (claim("purge", now)) {
            purge(now);
        }
        return hours;
    }

    private boolean claim(String name, Instant now) {
        return jdbc.sql("UPDATE mon_job SET lease_owner = ?, lease_until = ? WHERE name = ? AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)")
            .params(settings.nodeId, ts(now.plus(Duration.ofMinutes(10))), name, ts(now), settings.nodeId).update() == 1;
    }

    private void calmFlapping(Instant now) {
        jdbc.sql("""
            UPDATE mon_check_status SET flapping = FALSE WHERE flapping = TRUE AND check_id NOT IN
              (SELECT check_id FROM mon_state_change WHERE at > ? GROUP BY check_id HAVING count(*) > ?)""")
            .params(ts(now.minus(settings.flappingWindow)), settings.flappingChanges).update();
    }

    private int rollUp(Instant now) {
        Instant lastComplete = now.minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.HOURS); // the end of the last finished hour
        Instant done = jdbc.sql("SELECT done_until FROM mon_job WHERE name = 'rollup'").query((rs, n) -> {
            var t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }).optional().orElse(null);
        if (done == null) {
            Instant oldest = jdbc.sql("SELECT min(at) FROM mon_state_change").query((rs, n) -> {
                var t = rs.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }).optional().orElse(null);
            done = oldest == null ? lastComplete : oldest.truncatedTo(ChronoUnit.HOURS);
            Instant earliest = now.minus(settings.rawRetention).truncatedTo(ChronoUnit.HOURS);
            if (done.isBefore(earliest)) {
                done = earliest;
            }
        }
        int hours = 0;
        List<Long> ids = jdbc.sql("SELECT id FROM mon_check ORDER BY id").query(Long.class).list();
        while (done.isBefore(lastComplete) && hours < MAX_HOURS_PER_RUN) {
            Instant start = done;
            for (int i = 0; i < ids.size(); i += CHUNK) {
                rollUpHour(ids.subList(i, Math.min(ids.size(), i + CHUNK)), start);
            }
            done = start.plus(Duration.ofHours(1));
            jdbc.sql("UPDATE mon_job SET done_until = ? WHERE name = 'rollup'").param(ts(done)).update();
            hours++;
        }
        return hours;
    }

    private void rollUpHour(List<Long> ids, Instant start) {
        Instant end = start.plus(Duration.ofHours(1));
        Map<Long, Object[]> rows = new HashMap<>();
        jdbc.sql("""
                SELECT check_id, count(*), sum(CASE WHEN state = 2 THEN 1 ELSE 0 END), min(latency_ms), avg(CAST(latency_ms AS DOUBLE PRECISION)),
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms), max(latency_ms)
                FROM mon_result WHERE check_id IN (:ids) AND at >= :start AND at < :end GROUP BY check_id""")
            .param("ids", ids).param("start", ts(start)).param("end", ts(end))
            .query(rs -> {
                rows.put(rs.getLong(1), new Object[] {rs.getLong(1), ts(start), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                    (int) Math.round(rs.getDouble(5)), (int) Math.round(rs.getDouble(6)), rs.getInt(7), 0, 0, 0});
            });
        // The states' seconds: only checks with a change in the hour, or not up when it began, can have any.
        Map<Long, String> atStart = new HashMap<>();
        jdbc.sql("""
                SELECT sc.check_id, sc.state FROM mon_state_change sc WHERE sc.check_id IN (:ids)
                AND sc.id = (SELECT max(x.id) FROM mon_state_change x WHERE x.check_id = sc.check_id AND x.at <= :start)""")
            .param("ids", ids).param("start", ts(start))
            .query(rs -> {
                atStart.put(rs.getLong(1), rs.getString(2));
            });
        List<Long> changedIn = jdbc.sql("SELECT DISTINCT check_id FROM mon_state_change WHERE check_id IN (:ids) AND at > :start AND at < :end")
            .param("ids", ids).param("start", ts(start)).param("end", ts(end)).query(Long.class).list();
        List<Long> timed = new ArrayList<>(changedIn);
        atStart.forEach((id, state) -> {
            if (!changedIn.contains(id) && (StateMachine.DOWN.equals(state) || StateMachine.DEGRADED.equals(state)
                || StateMachine.MAINTENANCE.equals(state))) {
                timed.add(id);
            }
        });
        for (long id : timed) {
            var s = Readings.stateSeconds(jdbc, id, start, end);
            Object[] row = rows.computeIfAbsent(id, k -> new Object[] {k, ts(start), 0, 0, null, null, null, null, 0, 0, 0});
            row[8] = (int) Readings.downSeconds(s);
            row[9] = (int) Readings.degradedSeconds(s);
            row[10] = (int) Readings.maintenanceSeconds(s);
        }
        jdbc.sql("DELETE FROM mon_rollup_hour WHERE check_id IN (:ids) AND hour_start = :start").param("ids", ids).param("start", ts(start)).update();
        List<Object[]> batch = new ArrayList<>();
        for (Object[] r : rows.values()) {
            if ((int) r[2] > 0 || (int) r[8] + (int) r[9] + (int) r[10] > 0) {
                batch.add(r);
            }
        }
        template.batchUpdate("""
            INSERT INTO mon_rollup_hour (check_id, hour_start, results, failures, latency_min, latency_mean, latency_p95, latency_max,
                down_s, degraded_s, maintenance_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch);
    }

    private void purge(Instant now) {
        Instant rawCutoff = now.minus(settings.rawRetention);
        Instant rollupCutoff = now.minus(settings.rollupRetention);
        List<Long> ids = jdbc.sql("SELECT id FROM mon_check ORDER BY id").query(Long.class).list();
        int chunk = Math.max(1, Math.min(CHUNK, settings.purgeBatch));
        for (int i = 0; i < ids.size(); i += chunk) {
            List<Long> part = ids.subList(i, Math.min(ids.size(), i + chunk));
            jdbc.sql("DELETE FROM mon_result WHERE check_id IN (:ids) AND at < :cutoff").param("ids", part).param("cutoff", ts(rawCutoff)).update();
            jdbc.sql("DELETE FROM mon_rollup_hour WHERE check_id IN (:ids) AND hour_start < :cutoff").param("ids", part)
                .param("cutoff", ts(rollupCutoff)).update();
        }
    }

    /** A deleted check's results and rollups go at once (its state changes stay, for the record). */
    public void forget(long checkId) {
        jdbc.sql("DELETE FROM mon_result WHERE check_id = ?").param(checkId).update();
        jdbc.sql("DELETE FROM mon_rollup_hour WHERE check_id = ?").param(checkId).update();
    }
}
