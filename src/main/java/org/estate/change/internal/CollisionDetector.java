package org.estate.change.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.change.ChangeView;
import org.estate.cmdb.Cmdb;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Collision detection, computed when asked from the live graph, freezes and maintenance windows.
 * The candidates are the other changes in {@code assessment}, {@code scheduled} or
 * {@code implementing} whose window overlaps (one indexed query); a draft finds its own collisions
 * but is nobody's candidate. Against each other change, at most one collision per kind:
 * {@code same-ci} (a CI both touch), {@code dependency} (the shortest chain by which one change's
 * CI relies on the other's, walked from the relying side) and {@code joint-outage} (a business
 * service the two take down together that neither takes down alone). Then {@code freeze} (per
 * freeze hit) and {@code outside-window} (per CI). Order: by other change id, then kind; freezes;
 * outside-window.
 */
@Component
class CollisionDetector implements CollisionFinder {

    static final List<String> CANDIDATE_STATUSES = List.of("assessment", "scheduled", "implementing");
    /** A change in review, closed, rejected or cancelled has no collisions any more: its window is over or abandoned. */
    private static final Set<String> COLLIDING = Set.of("draft", "assessment", "scheduled", "implementing");

    private final JdbcClient jdbc;
    private final Cmdb cmdb;
    private final FreezeLookup freezes;
    private final WindowLookup windows;

    CollisionDetector(JdbcClient jdbc, Cmdb cmdb, FreezeLookup freezes, WindowLookup windows) {
        this.jdbc = jdbc;
        this.cmdb = cmdb;
        this.freezes = freezes;
        this.windows = windows;
    }

    @Override
    public List<Found> find(ChangeRow c) {
        if (!COLLIDING.contains(c.status())) {
            return List.of();
        }
        return find(c.id(), c.plannedStart(), c.plannedEnd(), c.cis());
    }

    /** Another open change overlapping the window: its ref, title and CIs. */
    private record Other(long id, String title, List<Long> cis) {
        String ref() {
            return ChangeRow.PREFIX + id;
        }
    }

    /** A collision before its detail is written (names are fetched for all of them at once). */
    private record Raw(Other other, String kind, List<Long> path, String key, int more, boolean reversed, String freeze) {
    }

    /** The collisions a change (or a proposed one, {@code self} null) on these CIs in {@code [start, end)} has. */
    List<Found> find(Long self, Instant start, Instant end, List<Long> cis) {
        if (start == null || end == null || !end.isAfter(start) || cis.isEmpty()) {
            return List.of();
        }
        List<Long> mine = List.copyOf(new LinkedHashSet<>(cis));
        List<Other> others = candidates(self, start, end);
        List<Raw> raws = new ArrayList<>();
        if (!others.isEmpty()) {
            changeCollisions(mine, others, raws);
        }
        for (FreezeLookup.FreezeHit f : freezes.covering(start, end, mine).stream()
            .sorted(Comparator.comparing(FreezeLookup.FreezeHit::start).thenComparingLong(FreezeLookup.FreezeHit::id)).toList()) {
            String what = "'" + f.name() + "' (" + (f.hard() ? "hard" : "soft") + ", " + f.start() + " to " + f.end() + ")";
            raws.add(new Raw(null, "freeze", f.path(), "freeze:" + f.id(), 0, false, what));
        }
        for (Long ci : windows.outsideWindows(mine, start, end)) {
            raws.add(new Raw(null, "outside-window", List.of(ci), "", 0, false, null));
        }
        Set<Long> named = new LinkedHashSet<>();
        raws.forEach(r -> named.addAll(r.path()));
        Map<Long, String> names = named.isEmpty() ? Map.of() : cmdb.names(named);
        return raws.stream().map(r -> new Found(signature(r), new ChangeView.Collision(r.other() == null ? null : r.other().ref(),
            r.kind(), detail(r, names), r.path()))).toList();
    }

    private List<Other> candidates(Long self, Instant start, Instant end) {
        Map<Long, Other> byId = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT c.id, c.title, cc.ci_id FROM chg_change c JOIN chg_change_ci cc ON cc.change_id = c.id
                WHERE c.status IN (:statuses) AND c.planned_start < :end AND c.planned_end > :start AND c.id <> :self
                ORDER BY c.id, cc.ci_id""")
            .param("statuses", CANDIDATE_STATUSES).param("end", Timestamp.from(end)).param("start", Timestamp.from(start))
            .param("self", self == null ? -1L : self)
            .query(rs -> {
                Other o = byId.get(rs.getLong(1));
                if (o == null) {
                    o = new Other(rs.getLong(1), rs.getString(2), new ArrayList<>());
                    byId.put(o.id(), o);
                }
                o.cis().add(rs.getLong(3));
            });
        return List.copyOf(byId.values());
    }

    private void changeCollisions(List<Long> mine, List<Other> others, List<Raw> raws) {
        Set<Long> theirs = new LinkedHashSet<>();
        others.forEach(o -> theirs.addAll(o.cis()));
        // Dependencies are walked from the relying side only: what a CI relies on is bounded,
        // what relies on a core switch is not.
        Map<Long, Map<Long, List<Long>>> fromMine = cmdb.dependencyPaths(mine, theirs);
        Map<Long, Map<Long, List<Long>>> fromTheirs = cmdb.dependencyPaths(theirs, mine);
        List<List<Long>> joint = cmdb.jointlyDownServices(mine, others.stream().map(Other::cis).toList());
        for (int i = 0; i < others.size(); i++) {
            Other o = others.get(i);
            List<Long> shared = o.cis().stream().filter(mine::contains).sorted().toList();
            if (!shared.isEmpty()) {
                raws.add(new Raw(o, "same-ci", List.of(shared.getFirst()), "", shared.size() - 1, false, null));
            }
            dependency(mine, o, fromMine, fromTheirs, raws);
            List<Long> services = joint.get(i);
            if (!services.isEmpty()) {
                long service = services.getFirst();
                Map<Long, List<Long>> below = cmdb.dependencyPaths(List.of(service), union(mine, o.cis())).get(service);
                List<Long> path = new ArrayList<>();
                mine.stream().filter(below::containsKey).sorted().forEach(path::add);
                o.cis().stream().filter(c -> below.containsKey(c) && !path.contains(c)).sorted().forEach(path::add);
                path.add(service);
                raws.add(new Raw(o, "joint-outage", List.copyOf(path), "", services.size() - 1, false, null));
            }
        }
    }

    /** The shortest chain either way between the two changes' CIs; on a tie, this change relying on the other first. */
    private static void dependency(List<Long> mine, Other o, Map<Long, Map<Long, List<Long>>> fromMine,
                                   Map<Long, Map<Long, List<Long>>> fromTheirs, List<Raw> raws) {
        List<Long> best = null;
        boolean reversed = false;
        int chains = 0;
        for (Long m : mine) {
            for (Long t : o.cis()) {
                List<Long> p = fromMine.getOrDefault(m, Map.of()).get(t);
                if (p != null) {
                    chains++;
                    if (shorter(p, best)) {
                        best = p;
                        reversed = false;
                    }
                }
            }
        }
        for (Long t : o.cis()) {
            for (Long m : mine) {
                List<Long> p = fromTheirs.getOrDefault(t, Map.of()).get(m);
                if (p != null) {
                    chains++;
                    if (shorter(p, best)) {
                        best = p;
                        reversed = true;
                    }
                }
            }
        }
        if (best != null) {
            raws.add(new Raw(o, "dependency", best, "", chains - 1, reversed, null));
        }
    }

    private static boolean shorter(List<Long> p, List<Long> best) {
        if (best == null || p.size() < best.size()) {
            return true;
        }
        if (p.size() > best.size()) {
            return false;
        }
        for (int i = 0; i < p.size(); i++) {
            int c = Long.compare(p.get(i), best.get(i));
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }

    private static List<Long> union(Collection<Long> a, Collection<Long> b) {
        Set<Long> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return List.copyOf(u);
    }

    private static String detail(Raw r, Map<Long, String> names) {
        List<Long> p = r.path();
        String first = name(p.getFirst(), names);
        String last = name(p.getLast(), names);
        String other = r.other() == null ? null : r.other().ref() + " (\u201c" + r.other().title() + "\u201d)";
        return switch (r.kind()) {
            case "same-ci" -> other + " also works on " + first + more(r.more(), "shared CI") + ".";
            case "dependency" -> (r.reversed()
                ? other + " works on " + first + ", which relies on " + last + " that this change works on"
                : "This change works on " + first + ", which relies on " + last + " that " + other + " works on")
                + hops(p) + more(r.more(), "chain") + ".";
            case "joint-outage" -> "Together with " + other + ", this change takes " + last
                + " down, which neither takes down alone (" + String.join(", ", p.subList(0, p.size() - 1).stream()
                .map(id -> name(id, names)).toList()) + " out at once)" + more(r.more(), "service") + ".";
            case "freeze" -> "The window overlaps the freeze " + r.freeze() + ", which covers " + first
                + (p.size() > 1 ? " (it relies on " + last + ", in the freeze's scope)" : "") + ".";
            default -> first + " has maintenance windows, and this change's window is outside all of them.";
        };
    }

    private static String hops(List<Long> p) {
        return p.size() <= 2 ? " directly" : " through " + (p.size() - 2) + " other CI" + (p.size() == 3 ? "" : "s");
    }

    private static String more(int n, String what) {
        return n <= 0 ? "" : " (and " + n + " more " + what + (n == 1 ? "" : "s") + ")";
    }

    private static String name(Long id, Map<Long, String> names) {
        String n = names.get(id);
        return n == null ? "CI " + id : n + " (CI " + id + ")";
    }

    /** Kind, the other change or freeze, and the path: what makes it the same collision when found again. */
    private static String signature(Raw r) {
        String text = r.kind() + "|" + (r.other() == null ? r.key() : r.other().ref()) + "|" + r.path();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
