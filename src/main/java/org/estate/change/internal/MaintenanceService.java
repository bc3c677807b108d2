package org.estate.change.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.change.Maintenance;
import org.estate.change.MaintenanceView;
import org.estate.change.MaintenanceView.InMaintenance;
import org.estate.cmdb.Cmdb;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which CIs are in maintenance at an instant. Cheap, since monitoring asks on every failed check:
 * the changes come from one query on {@code (status, planned_start)}, the windows from this node's
 * {@link ScheduleCache} (their occurrences kept in memory per chunk of time), the names from one
 * more query.
 */
@Service
class MaintenanceService implements Maintenance {

    private final JdbcClient jdbc;
    private final WindowService windows;
    private final Cmdb cmdb;
    private final io.micrometer.core.instrument.Timer timer;

    MaintenanceService(JdbcClient jdbc, WindowService windows, Cmdb cmdb, io.micrometer.core.instrument.MeterRegistry meters) {
        this.jdbc = jdbc;
        this.windows = windows;
        this.cmdb = cmdb;
        // What monitoring pays per failed check, in-process (Prometheus: estate_change_maintenance_at_seconds).
        this.timer = io.micrometer.core.instrument.Timer.builder("estate.change.maintenance.at")
            .description("Answering which CIs are in maintenance at an instant").publishPercentiles(0.5, 0.95, 0.99).register(meters);
    }

    private record Reason(long ci, String reason, Instant until, String change, Long window) {
    }

    @Override
    @Transactional(readOnly = true)
    public MaintenanceView at(Instant at) {
        long started = System.nanoTime();
        try {
            return answer(at);
        } finally {
            timer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private MaintenanceView answer(Instant at) {
        Timestamp t = Timestamp.from(at);
        List<Reason> reasons = new ArrayList<>();
        // Two index range scans: scheduled changes whose window contains the instant, and
        // implementing ones that started by then (however long they overrun).
        jdbc.sql("""
                SELECT c.id, c.status, c.planned_end, cc.ci_id FROM chg_change c JOIN chg_change_ci cc ON cc.change_id = c.id
                WHERE c.status = 'scheduled' AND c.planned_start <= :at AND c.planned_end > :at
                UNION ALL
                SELECT c.id, c.status, c.planned_end, cc.ci_id FROM chg_change c JOIN chg_change_ci cc ON cc.change_id = c.id
                WHERE c.status = 'implementing' AND c.planned_start <= :at""")
            .param("at", t)
            .query(rs -> {
                String ref = ChangeRow.PREFIX + rs.getLong(1);
                Instant end = rs.getTimestamp(3).toInstant();
                String status = rs.getString(2);
                String why = !"implementing".equals(status) ? ref + " is scheduled"
                    : end.isAfter(at) ? ref + " is being implemented" : ref + " is being implemented (overrunning its planned end)";
                reasons.add(new Reason(rs.getLong(4), why, end, ref, null));
            });
        for (WindowLookup.Occurrence o : windows.containing(at)) {
            for (Long ci : o.cis()) {
                reasons.add(new Reason(ci, "maintenance window '" + o.name() + "'", o.end(), null, o.window()));
            }
        }
        // One entry per CI: the reason that lasts longest.
        Map<Long, Reason> byCi = new LinkedHashMap<>();
        for (Reason r : reasons) {
            byCi.merge(r.ci(), r, (a, b) -> b.until().isAfter(a.until()) ? b : a);
        }
        Map<Long, String> names = cmdb.names(byCi.keySet());
        List<InMaintenance> cis = byCi.values().stream().filter(r -> names.containsKey(r.ci()))
            .map(r -> new InMaintenance(r.ci(), names.get(r.ci()), r.reason(), r.until(), r.change(), r.window()))
            .sorted(Comparator.comparing(InMaintenance::name, String.CASE_INSENSITIVE_ORDER).thenComparingLong(InMaintenance::id))
            .toList();
        return new MaintenanceView(at, cis);
    }
}
