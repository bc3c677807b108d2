package org.estate.cmdb.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.estate.cmdb.internal.graph.DependencyGraph.State;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The impact engine on its own, checked against a naive fixed-point reference on random graphs. */
@Tag("unit")
class DependencyGraphTests {

    record E(long source, long target, boolean impacting, String group, int minimumUp) {
    }

    static DependencyGraph graph(List<E> edges) {
        DependencyGraph.Builder b = DependencyGraph.builder(1);
        long id = 1;
        for (E e : edges) {
            b.add(id++, e.source(), e.target(), e.impacting(), e.group(), e.minimumUp());
        }
        return b.build();
    }

    static Map<Long, String> states(DependencyGraph g, long... failed) {
        Map<Long, String> m = new HashMap<>();
        g.impact(failed).impacted().forEach(i -> m.put(i.id(), i.state() + "@" + i.distance()));
        return m;
    }

    @Test
    void chainGoesDownWithDistances() {
        DependencyGraph g = graph(List.of(new E(2, 1, true, null, 0), new E(3, 2, true, null, 0), new E(4, 3, true, null, 0)));
        assertThat(states(g, 1)).containsExactlyInAnyOrderEntriesOf(Map.of(2L, "DOWN@1", 3L, "DOWN@2", 4L, "DOWN@3"));
        assertThat(g.dependencies(4)).extracting(DependencyGraph.Dependency::id).containsExactly(3L, 2L, 1L);
    }

    @Test
    void redundancyGroupDegradesThenGoesDown() {
        // 10 runs on 1, 2, 3 needing 2 of them; 20 depends on 10.
        DependencyGraph g = graph(List.of(new E(10, 1, true, "n", 2), new E(10, 2, true, "n", 2), new E(10, 3, true, "n", 2),
            new E(20, 10, true, null, 0)));
        assertThat(states(g, 1)).containsEntry(10L, "DEGRADED@1").containsEntry(20L, "DEGRADED@2");
        assertThat(states(g, 1, 2)).containsEntry(10L, "DOWN@1").containsEntry(20L, "DOWN@2");
    }

    @Test
    void nonImpactingEdgesAndUnknownIdsAreIgnored() {
        DependencyGraph g = graph(List.of(new E(2, 1, false, null, 0)));
        assertThat(g.impact(1).impacted()).isEmpty();
        assertThat(g.impact(999).impacted()).isEmpty();
        assertThat(g.dependencies(2)).isEmpty();
    }

    @Test
    void cyclesTerminateAndAGroupInACycleIsNotForcedDown() {
        // 1 and 2 need each other; 3 needs 1. 5 runs on 1 or 4 (need one), and 4 depends on 5.
        DependencyGraph g = graph(List.of(new E(1, 2, true, null, 0), new E(2, 1, true, null, 0), new E(3, 1, true, null, 0),
            new E(5, 6, true, "g", 1), new E(5, 4, true, "g", 1), new E(4, 5, true, null, 0)));
        assertThat(states(g, 1)).containsEntry(2L, "DOWN@1").containsEntry(3L, "DOWN@1").doesNotContainKey(1L);
        // 6 fails: 5 still has 4 (which is only degraded), so 5 is degraded, not down.
        assertThat(states(g, 6)).containsEntry(5L, "DEGRADED@1").containsEntry(4L, "DEGRADED@2");
        assertThat(g.dependencies(1)).extracting(DependencyGraph.Dependency::id).containsExactly(2L);
    }

    @Test
    void matchesANaiveReferenceOnRandomGraphs() {
        Random random = new Random(42);
        for (int round = 0; round < 3000; round++) {
            int n = 2 + random.nextInt(30);
            List<E> edges = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Map<String, Integer> groupMin = new HashMap<>();
            int m = random.nextInt(n * 3);
            for (int k = 0; k < m; k++) {
                long s = 1 + random.nextInt(n);
                long t = 1 + random.nextInt(n);
                if (s == t || !seen.add(s + ">" + t)) {
                    continue;
                }
                boolean impacting = random.nextInt(6) > 0;
                String group = impacting && random.nextInt(3) == 0 ? "g" + random.nextInt(2) : null;
                int min = group == null ? 0 : groupMin.computeIfAbsent(s + "/" + group, x -> 1 + random.nextInt(2));
                edges.add(new E(s, t, impacting, group, min));
            }
            DependencyGraph g = graph(edges);
            int failures = 1 + random.nextInt(3);
            long[] failed = new long[failures];
            for (int f = 0; f < failures; f++) {
                failed[f] = 1 + random.nextInt(n);
            }
            assertThat(states(g, failed)).as("round %d, edges %s, failed %s", round, edges, java.util.Arrays.toString(failed))
                .isEqualTo(reference(edges, failed));
        }
    }

    @Test
    void concurrentQueriesGiveTheSameAnswers() throws Exception {
        List<E> edges = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 2; i < 3000; i++) {
            edges.add(new E(i, 1 + random.nextInt(i - 1), true, random.nextBoolean() ? "g" : null, 1));
            edges.add(new E(i, 1 + random.nextInt(i - 1), true, null, 0));
        }
        DependencyGraph g = graph(edges);
        Map<Long, String> expected = states(g, 5);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Map<Long, String>>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> states(g, 5)));
            }
            for (Future<Map<Long, String>> r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).isNotEmpty();
    }

    /** The definition, computed the slow way: iterate "down" to a fixed point, then BFS for distances. */
    static Map<Long, String> reference(List<E> edges, long[] failed) {
        Set<Long> down = new HashSet<>();
        for (long f : failed) {
            down.add(f);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, int[]> groups = new HashMap<>(); // source/group -> {size, notDown, min}
            Set<Long> candidates = new HashSet<>();
            for (E e : edges) {
                if (!e.impacting()) {
                    continue;
                }
                if (e.group() == null) {
                    if (down.contains(e.target())) {
                        candidates.add(e.source());
                    }
                } else {
                    int[] gs = groups.computeIfAbsent(e.source() + "/" + e.group(), k -> new int[3]);
                    gs[0]++;
                    gs[1] += down.contains(e.target()) ? 0 : 1;
                    gs[2] = Math.max(gs[2], Math.max(1, e.minimumUp()));
                }
            }
            groups.forEach((k, gs) -> {
                if (gs[1] < Math.min(gs[2], gs[0])) {
                    candidates.add(Long.parseLong(k.substring(0, k.indexOf('/'))));
                }
            });
            for (long c : candidates) {
                changed |= down.add(c);
            }
        }
        Map<Long, Integer> distance = new HashMap<>();
        ArrayDeque<Long> queue = new ArrayDeque<>();
        for (long f : failed) {
            if (distance.putIfAbsent(f, 0) == null) {
                queue.add(f);
            }
        }
        while (!queue.isEmpty()) {
            long t = queue.poll();
            for (E e : edges) {
                if (e.impacting() && e.target() == t && !distance.containsKey(e.source())) {
                    distance.put(e.source(), distance.get(t) + 1);
                    queue.add(e.source());
                }
            }
        }
        Map<Long, String> out = new HashMap<>();
        distance.forEach((id, d) -> {
            if (d > 0) {
                out.put(id, (down.contains(id) ? State.DOWN : State.DEGRADED) + "@" + d);
            }
        });
        return out;
    }

    private static Set<Long> down(DependencyGraph g, long... failed) {
        Set<Long> d = new HashSet<>();
        for (long f : failed) {
            d.add(f);
        }
        g.impact(failed).impacted().stream().filter(i -> i.state() == State.DOWN).forEach(i -> d.add(i.id()));
        return d;
    }

    @Test
    void dependencyPathsAreTheShortestChainsToWhatACiReliesOn() {
        // 4 -> 3 -> 2 -> 1 and a shortcut 4 -> 1; 5 relies on nothing of them.
        DependencyGraph g = graph(List.of(new E(2, 1, true, null, 0), new E(3, 2, true, null, 0), new E(4, 3, true, null, 0),
            new E(4, 1, true, null, 0), new E(5, 6, true, null, 0), new E(3, 7, false, null, 0)));
        Map<Long, long[]> paths = g.dependencyPaths(4, Set.of(1L, 2L, 5L, 7L, 99L));
        assertThat(paths.keySet()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(paths.get(1L)).containsExactly(4, 1);
        assertThat(paths.get(2L)).containsExactly(4, 3, 2);
        assertThat(g.dependencyPaths(1, Set.of(4L))).as("never upwards").isEmpty();
    }

    @Test
    void jointlyDownIsWhatTwoSetsTakeDownTogetherButNeitherAlone() {
        // 10 runs on 1 or 2 (one is enough); 20 depends on 10; 30 on 1 alone.
        DependencyGraph g = graph(List.of(new E(10, 1, true, "pair", 1), new E(10, 2, true, "pair", 1), new E(20, 10, true, null, 0),
            new E(30, 1, true, null, 0)));
        List<long[]> joint = g.jointlyDown(new long[] {1}, List.of(new long[] {2}, new long[] {3}, new long[] {1}));
        assertThat(joint.get(0)).containsExactly(10, 20);
        assertThat(joint.get(1)).isEmpty();
        assertThat(joint.get(2)).isEmpty();
        // Against the reference on random graphs: down(a and b) minus down(a) minus down(b).
        Random r = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<E> edges = new ArrayList<>();
            for (int k = 0; k < 60; k++) {
                long s = 1 + r.nextInt(30);
                long t = 1 + r.nextInt(30);
                boolean grouped = r.nextInt(3) == 0;
                edges.add(new E(s, t, r.nextInt(8) > 0, grouped ? "g" : null, grouped ? 1 + r.nextInt(3) : 0));
            }
            DependencyGraph rg = graph(edges);
            long[] a = {1 + r.nextInt(30), 1 + r.nextInt(30)};
            long[] b = {1 + r.nextInt(30)};
            Set<Long> expected = down(rg, a[0], a[1], b[0]);
            expected.removeAll(down(rg, a));
            expected.removeAll(down(rg, b));
            long[] got = rg.jointlyDown(a, List.of(b)).getFirst();
            assertThat(java.util.Arrays.stream(got).boxed().toList()).as("round " + round).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
