package org.estate.monitoring.internal.engine;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.estate.monitoring.CheckStateChanged;
import org.estate.monitoring.CheckStatesChanged;
import org.estate.monitoring.internal.MaintenanceFilter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records results in one transaction per batch: the checks' status rows are locked (so a result
 * recorded on another node at the same moment is never lost), each result moves its check's state
 * ({@link StateMachine}), the raw results go in as one JDBC batch and the status rows' counts and
 * {@code last_*} as another; the batch's state changes write their {@code mon_state_change} rows
 * (one batch), the flapping marks that changed (one count, one batch) and {@link CheckStatesChanged}
 * events naming them ({@link CheckStatesChanged#MAX_CHANGES} to an event), in the same transaction.
 */
@Component
class ResultWriter {

    /** What recording a result did: its stored state, and the check's state after it (null: no such check). */
    record Written(Recorded recorded, String resultState, String from, String state, boolean changed) {
    }

    private record Status(String state, Instant since, int failures, int successes, boolean flapping, Instant lastAt) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transaction;
    private final MaintenanceFilter maintenance;
    private final ApplicationEventPublisher events;
    private final EngineSettings settings;
    private final JsonMapper json;

    ResultWriter(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transaction, MaintenanceFilter maintenance,
                 ApplicationEventPublisher events, EngineSettings settings, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.transaction = transaction;
        this.maintenance = maintenance;
        this.events = events;
        this.settings = settings;
        this.json = json;
    }

    List<Written> write(List<Recorded> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        // Asked before the transaction: the filter may read other tables, and it is asked only of failures.
        List<String> resultStates = new ArrayList<>(batch.size());
        for (Recorded r : batch) {
            boolean inMaintenance = !r.result().ok() && r.ciId() != null && maintenance.inMaintenance(r.ciId(), r.at());
            resultStates.add(StateMachine.resultState(r.result(), inMaintenance));
        }
        return transaction.execute(tx -> writeLocked(batch, resultStates));
    }

    private List<Written> writeLocked(List<Recorded> batch, List<String> resultStates) {
        TreeSet<Long> ids = new TreeSet<>();
        batch.forEach(r -> ids.add(r.checkId()));
        Map<Long, Status> statuses = new HashMap<>();
        jdbc.sql("SELECT check_id, state, since, failures, successes, flapping, last_at FROM mon_check_status WHERE check_id IN (:ids) "
                + "ORDER BY check_id FOR UPDATE")
            .param("ids", ids)
            .query(rs -> {
                Timestamp lastAt = rs.getTimestamp(7);
                statuses.put(rs.getLong(1), new Status(rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getInt(4), rs.getInt(5),
                    rs.getBoolean(6), lastAt == null ? null : lastAt.toInstant()));
            });
        List<Written> written = new ArrayList<>(batch.size());
        List<Object[]> results = new ArrayList<>(batch.size());
        Map<Long, Object[]> lastRow = new HashMap<>();
        List<Object[]> lateNextRuns = new ArrayList<>();
        List<Written> changes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Recorded r = batch.get(i);
            Status s = statuses.get(r.checkId());
            String resultState = resultStates.get(i);
            if (s == null) {
                written.add(new Written(r, resultState, null, null, false));
                continue;
            }
            String message = clip(r.result().message(), 1000);
            String values = values(r.result().values());
            Object[] resultRow = {r.checkId(), ts(r.at()), StateMachine.code(resultState), (int) Math.min(Integer.MAX_VALUE,
                Math.max(0, r.result().latencyMs())), message, values};
            if (s.lastAt() != null && r.at().isBefore(s.lastAt())) {
                // Overtaken: a probe that began before a result already recorded (a heartbeat judged
                // just before a ping to /fail landed) is history, never the check's current state.
                results.add(resultRow);
                written.add(new Written(r, resultState, s.state(), s.state(), false));
                if (r.nextRunAt() != null) {
                    lateNextRuns.add(new Object[] {ts(r.nextRunAt()), r.checkId()});
                }
                continue;
            }
            StateMachine.Step step = StateMachine.apply(s.state(), s.failures(), s.successes(), r.enabled(), r.failureThreshold(),
                r.recoveryThreshold(), resultState);
            boolean changed = !step.state().equals(s.state());
            Instant since = changed ? r.at() : s.since();
            statuses.put(r.checkId(), new Status(step.state(), since, step.failures(), step.successes(), s.flapping(), r.at()));
            Written w = new Written(r, resultState, s.state(), step.state(), changed);
            written.add(w);
            if (changed) {
                changes.add(w);
            }
            results.add(resultRow);
            lastRow.put(r.checkId(), new Object[] {step.state(), ts(since), step.failures(), step.successes(), ts(r.at()),
                !failed(resultState), resultState, (int) Math.min(Integer.MAX_VALUE, Math.max(0, r.result().latencyMs())),
                message, values, ts(r.nextRunAt()), r.checkId()});
        }
        template.batchUpdate("INSERT INTO mon_result (check_id, at, state, latency_ms, message, result_values) VALUES (?, ?, ?, ?, ?, ?)",
            results);
        if (!lateNextRuns.isEmpty()) {
            template.batchUpdate("UPDATE mon_check_status SET next_run_at = ? WHERE check_id = ?", lateNextRuns);
        }
        template.batchUpdate("""
            UPDATE mon_check_status SET state = ?, since = ?, failures = ?, successes = ?, last_at = ?, last_ok = ?, last_state = ?,
                last_latency_ms = ?, last_message = ?, last_values = ?, next_run_at = COALESCE(?, next_run_at) WHERE check_id = ?""",
            new ArrayList<>(lastRow.values()));
        stateChanged(changes, statuses);
        return written;
    }

    private static boolean failed(String resultState) {
        return StateMachine.DOWN.equals(resultState) || StateMachine.MAINTENANCE.equals(resultState);
    }

    /** Writes the batch's state changes with their flapping marks, and announces them in one event. */
    private void stateChanged(List<Written> changes, Map<Long, Status> statuses) {
        if (changes.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(changes.size());
        List<CheckStateChanged> announced = new ArrayList<>(changes.size());
        for (Written w : changes) {
            Recorded r = w.recorded();
            rows.add(new Object[] {r.checkId(), r.ciId(), ts(r.at()), w.state(), clip(r.result().message(), 1000)});
            announced.add(new CheckStateChanged(r.checkId(), r.ciId(), w.from(), w.state(), r.at()));
        }
        template.batchUpdate("INSERT INTO mon_state_change (check_id, ci_id, at, state, message) VALUES (?, ?, ?, ?, ?)", rows);
        Map<Long, Instant> latest = new HashMap<>();
        changes.forEach(w -> latest.merge(w.recorded().checkId(), w.recorded().at(), (a, b) -> a.isAfter(b) ? a : b));
        Map<Long, Boolean> flapping = new HashMap<>();
        latest.forEach((id, at) -> flapping.put(id, Boolean.FALSE));
        // One count for the batch: the window ends at the batch's latest change (the same for all, within a batch's span).
        Instant end = latest.values().stream().max(Instant::compareTo).orElseThrow();
        jdbc.sql("SELECT check_id, count(*) FROM mon_state_change WHERE check_id IN (:ids) AND at > :from GROUP BY check_id")
            .param("ids", latest.keySet()).param("from", ts(end.minus(settings.flappingWindow)))
            .query(rs -> {
                flapping.put(rs.getLong(1), rs.getLong(2) > settings.flappingChanges);
            });
        List<Object[]> marks = new ArrayList<>();
        flapping.forEach((id, f) -> {
            Status st = statuses.get(id);
            if (st == null || st.flapping() != f) {
                marks.add(new Object[] {f, id});
            }
        });
        if (!marks.isEmpty()) {
            template.batchUpdate("UPDATE mon_check_status SET flapping = ? WHERE check_id = ?", marks);
        }
        for (int from = 0; from < announced.size(); from += CheckStatesChanged.MAX_CHANGES) {
            events.publishEvent(new CheckStatesChanged(announced.subList(from, Math.min(announced.size(), from + CheckStatesChanged.MAX_CHANGES))));
        }
    }

    void insertChange(long checkId, Long ciId, Instant at, String state, String message) {
        jdbc.sql("INSERT INTO mon_state_change (check_id, ci_id, at, state, message) VALUES (?, ?, ?, ?, ?)")
            .params(checkId, ciId, ts(at), state, message).update();
    }

    /** Flapping: more than the configured number of state changes within the window ending now. */
    void updateFlapping(long checkId, Instant at) {
        long recent = jdbc.sql("SELECT count(*) FROM mon_state_change WHERE check_id = ? AND at > ?")
            .params(checkId, ts(at.minus(settings.flappingWindow))).query(Long.class).single();
        boolean flapping = recent > settings.flappingChanges;
        jdbc.sql("UPDATE mon_check_status SET flapping = ? WHERE check_id = ? AND flapping <> ?").params(flapping, checkId, flapping).update();
    }

    /**
     * Moves a check to a state that no result gave (paused, unknown after being resumed): status,
     * change row and event, in one transaction. Nothing when it is already in that state.
     */
    boolean forceState(long checkId, Long ciId, String state, Instant at, String message, String... onlyFrom) {
        Boolean changed = transaction.execute(tx -> {
            String current = jdbc.sql("SELECT state FROM mon_check_status WHERE check_id = ? FOR UPDATE").param(checkId)
                .query(String.class).optional().orElse(null);
            if (current == null || current.equals(state) || onlyFrom.length > 0 && !java.util.Arrays.asList(onlyFrom).contains(current)) {
                return false;
            }
            jdbc.sql("UPDATE mon_check_status SET state = ?, since = ?, failures = 0, successes = 0 WHERE check_id = ?")
                .params(state, ts(at), checkId).update();
            insertChange(checkId, ciId, at, state, message);
            updateFlapping(checkId, at);
            events.publishEvent(CheckStatesChanged.of(new CheckStateChanged(checkId, ciId, current, state, at)));
            return true;
        });
        return Boolean.TRUE.equals(changed);
    }

    private String values(Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String s = json.writeValueAsString(values);
        return s.length() > 4000 ? null : s;
    }

    static String clip(String s, int max) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
