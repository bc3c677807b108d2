package org.estate.monitoring.internal.correlation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.monitoring.internal.MaintenanceFilter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What is wrong now, read without taking the correlator's lock: the root causes of the current
 * states with the incidents the correlator opened for them, problems held open (a flapping check),
 * and the checks in maintenance and flapping — for the problems API and the monitoring overview.
 */
@Service
public class Problems {

    /** A root cause (or a held problem) with its open incident's ref, or null before the correlator has run. */
    public record Current(RootCause cause, String incident, boolean held) {
    }

    /** The overview: root causes down, degraded ones, checks in maintenance and checks flapping. */
    public record Overview(Instant at, List<Current> down, List<Current> degraded, List<CheckState> maintenance,
                           List<CheckState> flapping) {
    }

    private final ProblemStore store;
    private final RootCauseAnalysis analysis;
    private final MaintenanceFilter maintenance;
    private final Clock clock;

    Problems(ProblemStore store, RootCauseAnalysis analysis, MaintenanceFilter maintenance, Clock clock) {
        this.store = store;
        this.analysis = analysis;
        this.maintenance = maintenance;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Current> current() {
        return overview(store.notUp(), clock.instant(), false).down();
    }

    @Transactional(readOnly = true)
    public Overview overview() {
        return overview(store.notUp(), clock.instant(), true);
    }

    private Overview overview(List<CheckState> notUp, Instant now, boolean split) {
        List<CheckState> inMaintenance = new ArrayList<>();
        List<CheckState> failing = new ArrayList<>();
        for (CheckState c : notUp) {
            if ("maintenance".equals(c.state()) || (c.failing() && c.ci() != null && maintenance.inMaintenance(c.ci(), now))) {
                inMaintenance.add(c);
            } else if (c.failing()) {
                failing.add(c);
            }
        }
        Map<String, ProblemStore.Problem> open = store.open();
        List<Current> all = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (RootCause r : analysis.analyse(failing)) {
            ProblemStore.Problem p = open.get(r.key());
            all.add(new Current(r, p == null ? null : p.incidentRef(), false));
            seen.put(r.key(), true);
        }
        List<Long> symptomCis = all.stream().flatMap(c -> c.cause().symptoms().stream()).map(RootCause.Symptom::ci).toList();
        for (ProblemStore.Problem p : open.values()) {
            if (seen.containsKey(p.rootKey()) || (p.rootCi() != null && symptomCis.contains(p.rootCi()))) {
                continue;
            }
            // Held open (a flapping or maintenance check), or about to be resolved by the next pass.
            List<CheckState> checks = store.checksOf(p.rootCi() == null ? List.of() : List.of(p.rootCi()),
                p.rootCi() == null ? List.of(p.rootCheck()) : List.of());
            CheckState root = checks.stream().filter(c -> c.check() == p.rootCheck()).findFirst()
                .orElse(checks.isEmpty() ? null : checks.get(0));
            if (root != null) {
                all.add(new Current(new RootCause(p.rootKey(), p.rootCi(), root.name(), root.check(), root.state(), root.since(),
                    List.of(root.check()), List.of(), List.of(), p.kind(), p.priority(), "held open", List.of()), p.incidentRef(), true));
            }
        }
        if (!split) {
            return new Overview(now, all, List.of(), inMaintenance, List.of());
        }
        List<Current> down = all.stream().filter(c -> !"degraded".equals(c.cause().state())).toList();
        List<Current> degraded = all.stream().filter(c -> "degraded".equals(c.cause().state())).toList();
        List<CheckState> flapping = notUp.stream().filter(CheckState::flapping).toList();
        return new Overview(now, down, degraded, inMaintenance, flapping);
    }
}
