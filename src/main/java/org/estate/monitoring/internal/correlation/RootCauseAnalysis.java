package org.estate.monitoring.internal.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.cmdb.ServiceImpact;
import org.springframework.stereotype.Component;

/**
 * From the failing checks to root causes, through the CMDB's graph. A failing CI A that relies
 * (transitively, along impacting relationships) on a down CI B is B's symptom; of two down CIs
 * relying on each other, the lower id is the root. Each symptom is listed under its nearest root.
 * A root's services come from the impact engine: those it takes down alone, plus those it takes
 * down together with the other down roots (two redundant servers both down); a degraded root only
 * degrades. Priority: worst service down {@code critical} → P1, {@code high} → P2, else P3; only
 * degraded services → P3 for critical/high, else P4.
 */
@Component
public class RootCauseAnalysis {

    private static final String BUSINESS_SERVICE = "business-service";

    private final Cmdb cmdb;

    RootCauseAnalysis(Cmdb cmdb) {
        this.cmdb = cmdb;
    }

    /** The root causes of these failing checks (states other than down and degraded are ignored), worst first. */
    public List<RootCause> analyse(List<CheckState> checks) {
        List<CheckState> failing = checks.stream().filter(CheckState::failing).toList();
        Map<Long, List<CheckState>> byCi = new TreeMap<>();
        List<RootCause> out = new ArrayList<>();
        for (CheckState c : failing) {
            if (c.ci() == null) {
                out.add(unlinked(c));
            } else {
                byCi.computeIfAbsent(c.ci(), k -> new ArrayList<>()).add(c);
            }
        }
        if (!byCi.isEmpty()) {
            out.addAll(roots(byCi));
        }
        out.sort(Comparator.comparing(RootCause::priority).thenComparing(RootCause::since).thenComparing(RootCause::key));
        return out;
    }

    private RootCause unlinked(CheckState c) {
        boolean down = c.down();
        return new RootCause(RootCause.checkKey(c.check()), null, c.name(), c.check(), c.state(), c.since(), List.of(c.check()),
            List.of(), List.of(), down ? "outage" : "degraded", "P4", "watches no CI, so no business service is known to rely on it",
            List.of());
    }

    private List<RootCause> roots(Map<Long, List<CheckState>> byCi) {
        Set<Long> down = new HashSet<>();
        byCi.forEach((ci, list) -> {
            if (list.stream().anyMatch(CheckState::down)) {
                down.add(ci);
            }
        });
        Map<Long, Map<Long, List<Long>>> paths = down.isEmpty() ? Map.of() : cmdb.dependencyPaths(byCi.keySet(), down);
        // a → the down CIs it is a symptom of, with the path length
        Map<Long, Map<Long, Integer>> causes = new HashMap<>();
        for (Long a : byCi.keySet()) {
            Map<Long, List<Long>> mine = paths.getOrDefault(a, Map.of());
            for (var e : mine.entrySet()) {
                long b = e.getKey();
                if (b == a) {
                    continue;
                }
                boolean mutual = down.contains(a) && paths.getOrDefault(b, Map.of()).containsKey(a);
                if (!mutual || b < a) {
                    causes.computeIfAbsent(a, k -> new HashMap<>()).put(b, e.getValue().size());
                }
            }
        }
        List<Long> rootCis = byCi.keySet().stream().filter(ci -> !causes.containsKey(ci)).toList();
        Map<Long, List<Long>> symptomsOf = new LinkedHashMap<>();
        for (var e : causes.entrySet()) {
            e.getValue().entrySet().stream().filter(x -> !causes.containsKey(x.getKey()))
                .min(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .ifPresent(nearest -> symptomsOf.computeIfAbsent(nearest.getKey(), k -> new ArrayList<>()).add(e.getKey()));
        }
        Set<Long> named = new HashSet<>(byCi.keySet());
        Map<Long, String> names = cmdb.names(named);
        List<Long> downRoots = rootCis.stream().filter(down::contains).toList();
        List<RootCause> out = new ArrayList<>();
        for (Long root : rootCis) {
            out.add(root(root, byCi, names, symptomsOf.getOrDefault(root, List.of()), down.contains(root), downRoots));
        }
        return out;
    }

    private RootCause root(long ci, Map<Long, List<CheckState>> byCi, Map<Long, String> names, List<Long> symptomCis, boolean down,
                           List<Long> downRoots) {
        List<CheckState> mine = byCi.get(ci).stream()
            .sorted(Comparator.comparing((CheckState c) -> !c.down()).thenComparing(CheckState::since).thenComparing(CheckState::check))
            .toList();
        CheckState worst = mine.get(0);
        Instant since = mine.stream().map(CheckState::since).min(Comparator.naturalOrder()).orElse(worst.since());
        List<RootCause.Symptom> symptoms = new ArrayList<>();
        for (Long s : symptomCis.stream().sorted().toList()) {
            for (CheckState c : byCi.get(s)) {
                symptoms.add(new RootCause.Symptom(s, names.getOrDefault(s, "CI " + s), c.check(), c.name(), c.state()));
            }
        }
        List<RootCause.Service> services = services(ci, down, downRoots);
        String kind;
        if (!down) {
            kind = "degraded";
        } else if (services.stream().noneMatch(s -> "down".equals(s.state())) && !services.isEmpty()) {
            kind = "redundancy-lost";
        } else {
            kind = "outage";
        }
        String[] priority = priority(services);
        List<Long> affected = new ArrayList<>();
        if (names.containsKey(ci)) {
            affected.add(ci);
        }
        symptomCis.stream().sorted().filter(names::containsKey).forEach(affected::add);
        return new RootCause(RootCause.ciKey(ci), ci, names.getOrDefault(ci, "CI " + ci), worst.check(), down ? "down" : "degraded",
            since, mine.stream().map(CheckState::check).toList(), symptoms, services, kind, priority[0], priority[1], List.copyOf(affected));
    }

    private List<RootCause.Service> services(long ci, boolean down, List<Long> downRoots) {
        Map<Long, RootCause.Service> out = new LinkedHashMap<>();
        // A check on a deleted CI: nothing relies on it any more. Asked without an exception: a
        // NotFoundException thrown inside the pass's transaction would mark it rollback-only and
        // lose the whole pass, for every root cause.
        if (cmdb.names(List.of(ci)).isEmpty()) {
            return List.of();
        }
        Ci self = cmdb.get(ci);
        if (BUSINESS_SERVICE.equals(self.ciClass())) {
            out.put(ci, new RootCause.Service(ci, self.name(), down ? "down" : "degraded", self.criticality()));
        }
        ServiceImpact impact = cmdb.serviceImpact(List.of(ci));
        for (ServiceImpact.Service s : impact.services()) {
            out.putIfAbsent(s.id(), new RootCause.Service(s.id(), s.name(), down ? s.state() : "degraded", s.criticality()));
        }
        if (down && downRoots.size() > 1 && out.values().stream().anyMatch(s -> "degraded".equals(s.state()))) {
            List<Long> others = downRoots.stream().filter(r -> r != ci).toList();
            List<List<Long>> joint = cmdb.jointlyDownServices(List.of(ci), List.of(others));
            for (Long id : joint.get(0)) {
                RootCause.Service s = out.get(id);
                if (s != null) {
                    out.put(id, new RootCause.Service(id, s.name(), "down", s.criticality()));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** The priority and its reason, from the worst service put down (or, failing that, degraded). */
    static String[] priority(List<RootCause.Service> services) {
        RootCause.Service worstDown = worst(services, "down");
        if (worstDown != null) {
            String p = switch (worstDown.criticality()) {
                case "critical" -> "P1";
                case "high" -> "P2";
                default -> "P3";
            };
            return new String[] {p, "puts down " + worstDown.criticality() + " business service " + worstDown.name()};
        }
        RootCause.Service worstDegraded = worst(services, "degraded");
        if (worstDegraded != null) {
            boolean serious = "critical".equals(worstDegraded.criticality()) || "high".equals(worstDegraded.criticality());
            return new String[] {serious ? "P3" : "P4", "degrades " + worstDegraded.criticality() + " business service "
                + worstDegraded.name() + " (none down)"};
        }
        return new String[] {"P4", "no business service is known to rely on it"};
    }

    private static RootCause.Service worst(List<RootCause.Service> services, String state) {
        List<String> order = List.of("critical", "high", "medium", "low");
        return services.stream().filter(s -> state.equals(s.state()))
            .min(Comparator.comparingInt((RootCause.Service s) -> order.indexOf(s.criticality()) < 0 ? 9 : order.indexOf(s.criticality()))
                .thenComparing(RootCause.Service::name))
            .orElse(null);
    }
}
