package org.estate.cmdb.internal.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, compact snapshot of the CMDB's dependency graph for impact analysis.
 *
 * <p>CIs are mapped to dense indexes; impacting edges are kept as CSR arrays both ways
 * (source → targets for dependencies, target → sources for impact). Non-impacting edges
 * ({@code backed-up-by}, {@code replicates-to}) are dropped at build time. A redundancy group is
 * (source, group name) with a size and a {@code minimumUp}; when its edges disagree on
 * {@code minimumUp}, the largest wins (the strictest reading), and a group with fewer targets than
 * its {@code minimumUp} needs all of them.
 *
 * <p>Thread-safe: queries allocate only per-query scratch proportional to what they touch, so a
 * query touching three CIs in a 100,000-CI graph costs microseconds.
 */
public final class DependencyGraph {

    /** State of an impacted CI. */
    public enum State { DOWN, DEGRADED }

    /** One CI that is not up, and its distance in hops from the nearest failed CI. */
    public record Impacted(long id, State state, int distance) {
    }

    /** The failed CIs and every other CI that is not up, ordered by distance then id. */
    public record ImpactResult(long[] failed, List<Impacted> impacted) {
    }

    /** Something a CI relies on, {@code distance} hops away. */
    public record Dependency(long id, int distance) {
    }

    private final long generation;
    private final long[] ids;               // index -> CI id
    private final LongIntMap index;          // CI id -> index
    private final int[] fwdStart;            // source -> targets
    private final int[] fwdTarget;
    private final int[] revStart;            // target -> sources (edges that impact the source)
    private final int[] revSource;
    private final int[] revGroup;            // group slot of each reverse edge, or -1
    private final int[] groupSize;
    private final int[] groupMinimumUp;
    private final int edgeCount;

    private DependencyGraph(long generation, long[] ids, LongIntMap index, int[] fwdStart, int[] fwdTarget, int[] revStart,
                            int[] revSource, int[] revGroup, int[] groupSize, int[] groupMinimumUp, int edgeCount) {
        this.generation = generation;
        this.ids = ids;
        this.index = index;
        this.fwdStart = fwdStart;
        this.fwdTarget = fwdTarget;
        this.revStart = revStart;
        this.revSource = revSource;
        this.revGroup = revGroup;
        this.groupSize = groupSize;
        this.groupMinimumUp = groupMinimumUp;
        this.edgeCount = edgeCount;
    }

    public static Builder builder(long generation) {
        return new Builder(generation);
    }

    public long generation() {
        return generation;
    }

    public int nodeCount() {
        return ids.length;
    }

    /** Number of impacting edges kept. */
    public int edgeCount() {
        return edgeCount;
    }

    public ImpactResult impact(Collection<Long> failed) {
        return impact(failed.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Impact of the failed CIs: DOWN propagates through non-grouped edges and through groups left
     * with fewer than {@code minimumUp} targets not down (a least fixed point, so cycles are safe);
     * everything else reachable backwards from a failed CI is DEGRADED.
     */
    public ImpactResult impact(long... failed) {
        long[] failedCopy = Arrays.stream(failed).distinct().toArray();
        // Per-query scratch keyed by node index: only touched nodes get entries.
        IntIntMap groupDown = new IntIntMap(16);
        IntQueue queue = new IntQueue();
        IntSet down = new IntSet(64);
        // 1. DOWN propagation (worklist).
        for (long id : failedCopy) {
            int i = index.get(id);
            if (i >= 0 && down.add(i)) {
                queue.add(i);
            }
        }
        while (!queue.isEmpty()) {
            int t = queue.poll();
            for (int e = revStart[t]; e < revStart[t + 1]; e++) {
                int s = revSource[e];
                if (down.contains(s)) {
                    continue;
                }
                int g = revGroup[e];
                boolean nowDown;
                if (g < 0) {
                    nowDown = true;
                } else {
                    int d = groupDown.increment(g);
                    nowDown = groupSize[g] - d < groupMinimumUp[g];
                }
                if (nowDown && down.add(s)) {
                    queue.add(s);
                }
            }
        }
        // 2. Distances: BFS backwards from the failed CIs over impacting edges.
        IntQueue bfs = new IntQueue();
        IntIntMap dist = new IntIntMap(64);
        for (long id : failedCopy) {
            int i = index.get(id);
            if (i >= 0 && dist.get(i) < 0) {
                dist.put(i, 0);
                bfs.add(i);
            }
        }
        List<Impacted> impacted = new ArrayList<>();
        while (!bfs.isEmpty()) {
            int t = bfs.poll();
            int dt = dist.get(t);
            if (dt > 0) {
                impacted.add(new Impacted(ids[t], down.contains(t) ? State.DOWN : State.DEGRADED, dt));
            }
            for (int e = revStart[t]; e < revStart[t + 1]; e++) {
                int s = revSource[e];
                if (dist.get(s) < 0) {
                    dist.put(s, dt + 1);
                    bfs.add(s);
                }
            }
        }
        // BFS order is by distance already; within a distance, order by id for stable answers.
        impacted.sort((a, b) -> a.distance() != b.distance() ? Integer.compare(a.distance(), b.distance()) : Long.compare(a.id(), b.id()));
        return new ImpactResult(failedCopy, impacted);
    }

    /** Everything the CI relies on transitively (forwards along impacting edges), excluding itself. */
    public List<Dependency> dependencies(long id) {
        int start = index.get(id);
        List<Dependency> out = new ArrayList<>();
        if (start < 0) {
            return out;
        }
        IntIntMap dist = new IntIntMap(64);
        IntQueue bfs = new IntQueue();
        dist.put(start, 0);
        bfs.add(start);
        while (!bfs.isEmpty()) {
            int s = bfs.poll();
            int ds = dist.get(s);
            if (ds > 0) {
                out.add(new Dependency(ids[s], ds));
            }
            for (int e = fwdStart[s]; e < fwdStart[s + 1]; e++) {
                int t = fwdTarget[e];
                if (dist.get(t) < 0) {
                    dist.put(t, ds + 1);
                    bfs.add(t);
                }
            }
        }
        out.sort((a, b) -> a.distance() != b.distance() ? Integer.compare(a.distance(), b.distance()) : Long.compare(a.id(), b.id()));
        return out;
    }

    /**
     * The shortest chain of CI ids from {@code from} to each of {@code targets} that it relies on
     * (forwards along impacting edges), {@code from} first; targets it does not rely on are absent.
     * Walks only what {@code from} relies on, and stops once every target is reached.
     */
    public Map<Long, long[]> dependencyPaths(long from, java.util.Set<Long> targets) {
        Map<Long, long[]> out = new HashMap<>();
        int start = index.get(from);
        if (start < 0 || targets.isEmpty()) {
            return out;
        }
        IntIntMap parent = new IntIntMap(64);
        IntQueue bfs = new IntQueue();
        parent.put(start, start);
        bfs.add(start);
        while (!bfs.isEmpty() && out.size() < targets.size()) {
            int s = bfs.poll();
            for (int e = fwdStart[s]; e < fwdStart[s + 1]; e++) {
                int t = fwdTarget[e];
                if (parent.get(t) >= 0) {
                    continue;
                }
                parent.put(t, s);
                bfs.add(t);
                if (targets.contains(ids[t])) {
                    out.put(ids[t], chain(parent, start, t));
                }
            }
        }
        return out;
    }

    private long[] chain(IntIntMap parent, int start, int end) {
        List<Long> back = new ArrayList<>();
        for (int n = end; n != start; n = parent.get(n)) {
            back.add(ids[n]);
        }
        back.add(ids[start]);
        long[] path = new long[back.size()];
        for (int i = 0; i < path.length; i++) {
            path[i] = back.get(path.length - 1 - i);
        }
        return path;
    }

    /**
     * For each set of {@code others}: the CIs that {@code failed} and that set take {@code DOWN}
     * together although neither takes them down alone (a redundancy group that loses members to
     * both), by id. The outage of {@code failed} is spread once; each other set costs only what its
     * own outage touches, so a core switch against a few hundred small changes stays cheap.
     */
    public List<long[]> jointlyDown(long[] failed, List<long[]> others) {
        Outage mine = spread(failed, null);
        List<long[]> out = new ArrayList<>(others.size());
        for (long[] other : others) {
            Outage alone = spread(other, null);
            Outage together = spread(other, mine);
            long[] joint = Arrays.stream(together.added, 0, together.count).filter(n -> !alone.down.contains(n))
                .mapToLong(n -> ids[n]).sorted().toArray();
            out.add(joint);
        }
        return out;
    }

    /** DOWN propagation from {@code failed}, on top of {@code base}'s outage when given (as in {@link #impact(long...)}). */
    private Outage spread(long[] failed, Outage base) {
        Outage o = new Outage(base);
        IntQueue queue = new IntQueue();
        for (long id : failed) {
            int i = index.get(id);
            if (i >= 0 && !o.isDown(i) && o.add(i)) {
                queue.add(i);
            }
        }
        while (!queue.isEmpty()) {
            int t = queue.poll();
            for (int e = revStart[t]; e < revStart[t + 1]; e++) {
                int s = revSource[e];
                if (o.isDown(s)) {
                    continue;
                }
                int g = revGroup[e];
                boolean nowDown = g < 0 || groupSize[g] - o.downInGroup(g) < groupMinimumUp[g];
                if (nowDown && o.add(s)) {
                    queue.add(s);
                }
            }
        }
        return o;
    }

    /** Collects edges (streamed from JDBC without a list of objects) and builds the snapshot. */
    public static final class Builder {
        private final long generation;
        private final LongIntMap index = new LongIntMap(1024);
        private long[] ids = new long[1024];
        private int nodes;
        private int[] src = new int[4096];
        private int[] dst = new int[4096];
        private int[] grp = new int[4096];
        private int edges;
        private final Map<String, Integer> groupSlots = new HashMap<>();
        private int[] groupMin = new int[64];

        private Builder(long generation) {
            this.generation = generation;
        }

        /** Adds one relationship; non-impacting ones are ignored. */
        public Builder add(long relationshipId, long source, long target, boolean impacting, String group, int minimumUp) {
            if (!impacting || source == target) {
                return this;
            }
            int s = node(source);
            int t = node(target);
            if (edges == src.length) {
                src = Arrays.copyOf(src, edges * 2);
                dst = Arrays.copyOf(dst, edges * 2);
                grp = Arrays.copyOf(grp, edges * 2);
            }
            int slot = -1;
            if (group != null) {
                String key = s + "\u0000" + group;
                Integer existing = groupSlots.get(key);
                if (existing == null) {
                    slot = groupSlots.size();
                    groupSlots.put(key, slot);
                    if (slot == groupMin.length) {
                        groupMin = Arrays.copyOf(groupMin, slot * 2);
                    }
                    groupMin[slot] = Math.max(1, minimumUp);
                } else {
                    slot = existing;
                    groupMin[slot] = Math.max(groupMin[slot], Math.max(1, minimumUp));
                }
            }
            src[edges] = s;
            dst[edges] = t;
            grp[edges] = slot;
            edges++;
            return this;
        }

        private int node(long id) {
            int i = index.get(id);
            if (i >= 0) {
                return i;
            }
            if (nodes == ids.length) {
                ids = Arrays.copyOf(ids, nodes * 2);
            }
            ids[nodes] = id;
            index.put(id, nodes);
            return nodes++;
        }

        public DependencyGraph build() {
            int n = nodes;
            int[] fwdStart = new int[n + 1];
            int[] revStart = new int[n + 1];
            for (int e = 0; e < edges; e++) {
                fwdStart[src[e] + 1]++;
                revStart[dst[e] + 1]++;
            }
            for (int i = 0; i < n; i++) {
                fwdStart[i + 1] += fwdStart[i];
                revStart[i + 1] += revStart[i];
            }
            int[] fwdTarget = new int[edges];
            int[] revSource = new int[edges];
            int[] revGroup = new int[edges];
            int[] fwdFill = Arrays.copyOf(fwdStart, n);
            int[] revFill = Arrays.copyOf(revStart, n);
            int groups = groupSlots.size();
            int[] groupSize = new int[groups];
            int[] groupMinimum = Arrays.copyOf(groupMin, groups);
            for (int e = 0; e < edges; e++) {
                fwdTarget[fwdFill[src[e]]++] = dst[e];
                int r = revFill[dst[e]]++;
                revSource[r] = src[e];
                revGroup[r] = grp[e];
                if (grp[e] >= 0) {
                    groupSize[grp[e]]++;
                }
            }
            // A group with fewer targets than its minimum (still being built up, say) needs all of them.
            for (int g = 0; g < groups; g++) {
                groupMinimum[g] = Math.min(groupMinimum[g], groupSize[g]);
            }
            return new DependencyGraph(generation, Arrays.copyOf(ids, n), index, fwdStart, fwdTarget, revStart, revSource,
                revGroup, groupSize, groupMinimum, edges);
        }
    }
}
