package org.estate.monitoring.internal.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.estate.monitoring.internal.engine.ResultWriter.Written;
import org.estate.platform.BackgroundJob;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Every check's state on {@code /actuator/prometheus}, labelled {@code check} (id), {@code name}
 * and {@code ci} (id, empty when none): {@code estate_check_up} (1 up or degraded, else 0),
 * {@code estate_check_state} (0 up, 1 degraded, 2 down, 3 unknown, 4 paused, 5 maintenance) and
 * {@code estate_check_latency_seconds} (the last result's). Read from the status table every
 * {@code metrics-refresh} (every node shows every check) and updated at once from results recorded
 * here; a deleted check's series go at the next refresh, so the series stay those of existing checks.
 */
@Component
public class CheckMetrics {

    private record Labels(String name, String ci) {
    }

    private static final class Value {
        volatile int state;
        volatile double latencySeconds;
        Labels labels;
        List<Meter> meters;
    }

    private final JdbcClient jdbc;
    private final MeterRegistry registry;
    private final Map<Long, Value> values = new ConcurrentHashMap<>();
    private final BackgroundJob job = new BackgroundJob("Check metrics", CheckMetrics.class);

    CheckMetrics(JdbcClient jdbc, MeterRegistry registry, ResultBuffer buffer) {
        this.jdbc = jdbc;
        this.registry = registry;
        buffer.listen(this::recorded);
    }

    static int code(String state) {
        return switch (state == null ? StateMachine.UNKNOWN : state) {
            case StateMachine.UP -> 0;
            case StateMachine.DEGRADED -> 1;
            case StateMachine.DOWN -> 2;
            case StateMachine.PAUSED -> 4;
            case StateMachine.MAINTENANCE -> 5;
            default -> 3;
        };
    }

    @Scheduled(fixedDelayString = "${estate.monitoring.metrics-refresh:15s}", initialDelayString = "${estate.monitoring.metrics-refresh:15s}")
    void scheduled() {
        job.run(this::refresh);
    }

    /** Reads every check's state and last latency; adds and removes series to match. */
    public synchronized void refresh() {
        record Row(long id, String name, Long ci, String state, Integer latency) {
        }
        List<Row> rows = jdbc.sql("SELECT c.id, c.name, c.ci_id, s.state, s.last_latency_ms FROM mon_check c JOIN mon_check_status s ON s.check_id = c.id")
            .query((rs, n) -> {
                long ci = rs.getLong(3);
                Long ciId = rs.wasNull() ? null : ci;
                int lat = rs.getInt(5);
                return new Row(rs.getLong(1), rs.getString(2), ciId, rs.getString(4), rs.wasNull() ? null : lat);
            }).list();
        Set<Long> seen = new HashSet<>();
        for (Row r : rows) {
            seen.add(r.id());
            Labels labels = new Labels(r.name(), r.ci() == null ? "" : r.ci().toString());
            Value v = values.get(r.id());
            if (v != null && !Objects.equals(v.labels, labels)) {
                remove(r.id());
                v = null;
            }
            if (v == null) {
                v = register(r.id(), labels);
            }
            v.state = code(r.state());
            v.latencySeconds = r.latency() == null ? Double.NaN : r.latency() / 1000.0;
        }
        for (Long id : new HashSet<>(values.keySet())) {
            if (!seen.contains(id)) {
                remove(id);
            }
        }
    }

    private Value register(long id, Labels labels) {
        Value v = new Value();
        v.labels = labels;
        Tags tags = Tags.of("check", Long.toString(id), "name", labels.name(), "ci", labels.ci());
        v.meters = List.of(
            Gauge.builder("estate.check.up", v, x -> x.state == 0 || x.state == 1 ? 1 : 0).tags(tags)
                .description("1 when the check is up or degraded, else 0").register(registry),
            Gauge.builder("estate.check.state", v, x -> x.state).tags(tags)
                .description("0 up, 1 degraded, 2 down, 3 unknown, 4 paused, 5 maintenance").register(registry),
            Gauge.builder("estate.check.latency", v, x -> x.latencySeconds).tags(tags).baseUnit("seconds")
                .description("The last result's latency").register(registry));
        values.put(id, v);
        return v;
    }

    private void remove(long id) {
        Value v = values.remove(id);
        if (v != null) {
            v.meters.forEach(registry::remove);
        }
    }

    private void recorded(List<Written> written) {
        Map<Long, Written> last = new HashMap<>();
        written.forEach(w -> last.put(w.recorded().checkId(), w));
        last.forEach((id, w) -> {
            Value v = values.get(id);
            if (v != null && w.state() != null) {
                v.state = code(w.state());
                v.latencySeconds = w.recorded().result().latencyMs() / 1000.0;
            }
        });
    }
}
