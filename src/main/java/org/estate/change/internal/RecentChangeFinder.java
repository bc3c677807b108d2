package org.estate.change.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.cmdb.Dependency;
import org.estate.platform.NotFoundException;
import org.estate.servicedesk.RecentChanges;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers the service desk's "what changed?": the changes in a range on some CIs or on what they rely
 * on. Reads the (few) changes overlapping the range once, then matches their CIs against the asked
 * CIs and their dependencies from the CMDB's in-memory graph; nothing is read per change.
 */
@Service
public class RecentChangeFinder implements RecentChanges {

    /** The widest range "what changed?" looks over on a CI. */
    public static final int MAX_DAYS = 30;

    private final ChangesInWindow changes;
    private final Cmdb cmdb;

    RecentChangeFinder(ChangesInWindow changes, Cmdb cmdb) {
        this.changes = changes;
        this.cmdb = cmdb;
    }

    /** How a touched CI is reached from the CIs asked about. */
    private record Reach(CiRef touches, CiRef via, int distance) {
    }

    @Override
    @Transactional(readOnly = true)
    public List<Change> around(Collection<Long> cis, Instant from, Instant to) {
        Map<Long, Reach> reach = new HashMap<>();
        List<Reach> indirect = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(cis)) {
            Ci asked;
            List<Dependency> deps;
            try {
                asked = cmdb.get(id);
                deps = cmdb.dependencies(id);
            } catch (NotFoundException e) {
                continue; // a deleted CI still named by an incident
            }
            CiRef self = new CiRef(asked.id(), asked.ciClass(), asked.name());
            reach.put(id, new Reach(self, null, 0));
            for (Dependency d : deps) {
                indirect.add(new Reach(new CiRef(d.id(), d.ciClass(), d.name()), self, d.distance()));
            }
        }
        // Direct first; then the nearest way round.
        for (Reach r : indirect) {
            Reach known = reach.get(r.touches().id());
            if (known == null || known.distance() > r.distance()) {
                reach.put(r.touches().id(), r);
            }
        }
        if (reach.isEmpty()) {
            return List.of();
        }
        List<Change> out = new ArrayList<>();
        for (ChangesInWindow.Compact c : changes.overlapping(from, to, null, null)) {
            Reach best = null;
            for (Long ci : c.cis()) {
                Reach r = reach.get(ci);
                if (r != null && (best == null || r.distance() < best.distance())) {
                    best = r;
                }
            }
            if (best != null) {
                out.add(new Change(c.ref(), c.title(), c.type(), c.status(), c.start(), c.end(), c.team(), "/changes/" + c.ref(),
                    best.touches(), best.via() == null, best.via(), best.distance()));
            }
        }
        out.sort(Comparator.comparing(Change::plannedStart).reversed().thenComparing(Change::ref));
        return out.size() > MAX ? List.copyOf(out.subList(0, MAX)) : out;
    }
}
