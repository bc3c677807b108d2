package org.estate.monitoring.internal.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.estate.change.Maintenance;
import org.estate.cmdb.Cmdb;
import org.estate.cmdb.GraphChanged;
import org.estate.monitoring.internal.MaintenanceFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A CI is in maintenance at T when the change module names it at T, or when it relies
 * (transitively) on a CI that is: its failure is that maintenance's symptom. Asked on every failed
 * result, so the change module's answer is kept for {@code estate.monitoring.maintenance-cache}
 * (5 s) around the instant it was asked for, and each CI's "relies on one of them" answer is kept
 * with it; a graph change forgets both at once. Nothing in maintenance (the usual case) costs one
 * lookup in an empty set.
 */
@Component
class GraphMaintenanceFilter implements MaintenanceFilter {

    private record Snapshot(Instant at, long fetchedNanos, Set<Long> cis, Map<Long, Boolean> relies) {
    }

    private final Maintenance maintenance;
    private final Cmdb cmdb;
    private final Duration ttl;
    private volatile Snapshot snapshot;

    GraphMaintenanceFilter(Maintenance maintenance, Cmdb cmdb,
                           @Value("${estate.monitoring.maintenance-cache:5s}") Duration ttl) {
        this.maintenance = maintenance;
        this.cmdb = cmdb;
        this.ttl = ttl;
    }

    @Override
    public boolean inMaintenance(Long ciId, Instant at) {
        if (ciId == null || at == null) {
            return false;
        }
        Snapshot s = snapshot(at);
        if (s.cis().isEmpty()) {
            return false;
        }
        if (s.cis().contains(ciId)) {
            return true;
        }
        return s.relies().computeIfAbsent(ciId, id -> !cmdb.dependencyPaths(List.of(id), s.cis()).getOrDefault(id, Map.of()).isEmpty());
    }

    /** The CIs the change module names at {@code at} (not those relying on them). */
    Set<Long> namedAt(Instant at) {
        return snapshot(at).cis();
    }

    private Snapshot snapshot(Instant at) {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s != null && Duration.between(s.at(), at).abs().compareTo(ttl) < 0 && now - s.fetchedNanos() < ttl.toNanos()) {
            return s;
        }
        Set<Long> cis = maintenance.at(at).cis().stream().map(c -> c.id()).collect(Collectors.toUnmodifiableSet());
        s = new Snapshot(at, now, cis, new ConcurrentHashMap<>());
        snapshot = s;
        return s;
    }

    /** What relies on what has changed: ask again. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void graphChanged(GraphChanged event) {
        snapshot = null;
    }
}
