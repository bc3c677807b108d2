package org.estate.monitoring.internal.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.estate.monitoring.internal.engine.ResultWriter.Written;
import org.estate.platform.BackgroundJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Every check's state on {@code /actuator/prometheus}, labelled {@code check} (id), {@code name}
 * and {@code ci} (id, empty when none): {@code estate_check_up} (1 up or degraded, else 0),
 * {@code estate_check_state} (0 up, 1 degraded, 2 down, 3 unknown, 4 paused, 5 maintenance) and
 * {@code estate_check_latency_seconds} (the last result's). Read from the status table every
 * {@code metrics-refresh} (every node shows every check) and updated at once from results recorded
 * here; a deleted check's series go at the next refresh, so the series stay those of existing checks.
 *
 * <p>The series are made when Prometheus scrapes, from one small value per check, by a collector of
 * their own: as registered meters, 100,000 checks were 300,000 meters holding hundreds of megabytes
 * of heap for as long as Estate ran.
 */
@Component
public class CheckMetrics {

    static final String UP = "estate_check_up";
    static final String STATE = "estate_check_state";
    static final String LATENCY = "estate_check_latency_seconds";

    /** One check's series: its labels and the values they show. */
    private static final class Value {
        final String name;
        final String ci;
        volatile int state;
        volatile double latencySeconds;

        Value(String name, String ci) {
            this.name = name;
            this.ci = ci;
        }
    }

    private final JdbcClient jdbc;
    private final Map<Long, Value> values = new ConcurrentHashMap<>();
    private final BackgroundJob job = new BackgroundJob("Check metrics", CheckMetrics.class);

    CheckMetrics(JdbcClient jdbc, ObjectProvider<PrometheusRegistry> prometheus, ResultBuffer buffer) {
        this.jdbc = jdbc;
        PrometheusRegistry registry = prometheus.getIfAvailable();
        if (registry != null) {
            registry.register(new Series());
        }
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
        Set<Long> seen = new HashSet<>();
        jdbc.sql("SELECT c.id, c.name, c.ci_id, s.state, s.last_latency_ms FROM mon_check c JOIN mon_check_status s ON s.check_id = c.id")
            .query(rs -> {
                long id = rs.getLong(1);
                String name = rs.getString(2);
                long ci = rs.getLong(3);
                String ciLabel = rs.wasNull() ? "" : Long.toString(ci);
                String state = rs.getString(4);
                int lat = rs.getInt(5);
                boolean noLatency = rs.wasNull();
                seen.add(id);
                Value v = values.get(id);
                if (v == null || !v.name.equals(name) || !v.ci.equals(ciLabel)) {
                    v = new Value(name, ciLabel);
                    values.put(id, v);
                }
                v.state = code(state);
                v.latencySeconds = noLatency ? Double.NaN : lat / 1000.0;
            });
        values.keySet().removeIf(id -> !seen.contains(id));
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

    /** The three families, made at each scrape from {@link #values}. */
    private final class Series implements MultiCollector {

        @Override
        public MetricSnapshots collect() {
            GaugeSnapshot.Builder up = GaugeSnapshot.builder().name(UP).help("1 when the check is up or degraded, else 0");
            GaugeSnapshot.Builder state = GaugeSnapshot.builder().name(STATE)
                .help("0 up, 1 degraded, 2 down, 3 unknown, 4 paused, 5 maintenance");
            GaugeSnapshot.Builder latency = GaugeSnapshot.builder().name(LATENCY).help("The last result's latency");
            values.forEach((id, v) -> {
                Labels labels = Labels.of("check", Long.toString(id), "ci", v.ci, "name", v.name);
                int s = v.state;
                up.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(s == 0 || s == 1 ? 1 : 0).build());
                state.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(s).build());
                latency.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(v.latencySeconds).build());
            });
            return new MetricSnapshots(up.build(), state.build(), latency.build());
        }

        @Override
        public List<String> getPrometheusNames() {
            return List.of(UP, STATE, LATENCY);
        }
    }
}
