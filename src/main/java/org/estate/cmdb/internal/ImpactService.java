package org.estate.cmdb.internal;

import java.sql.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.estate.cmdb.Dependency;
import org.estate.cmdb.Impact;
import org.estate.cmdb.ServiceImpact;
import org.estate.cmdb.internal.graph.DependencyGraph;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Impact analysis and dependencies on this node's in-memory graph; names come from the database. */
@Service
class ImpactService {

    static final int MAX_FAILED = 1000;
    private static final String BUSINESS_SERVICE = "business-service";

    private final GraphCache graphs;
    private final JdbcTemplate jdbc;

    ImpactService(GraphCache graphs, JdbcTemplate jdbc) {
        this.graphs = graphs;
        this.jdbc = jdbc;
    }

    private record Named(String classKey, String name, String criticality) {
    }

    Impact impact(Collection<Long> failedIds) {
        if (failedIds == null || failedIds.isEmpty()) {
            throw new ValidationException("failed", "List the ids of the CIs that have failed");
        }
        if (failedIds.size() > MAX_FAILED) {
            throw new ValidationException("failed", "At most " + MAX_FAILED + " failed CIs at once");
        }
        List<Long> failed = List.copyOf(new LinkedHashSet<>(failedIds));
        DependencyGraph graph = graphs.current();
        long[] ids = failed.stream().mapToLong(Long::longValue).toArray();
        var result = graph.impact(ids);
        // One query names the failed CIs (checking they exist) and everything impacted.
        List<Long> wanted = new ArrayList<>(failed.size() + result.impacted().size());
        wanted.addAll(failed);
        result.impacted().forEach(i -> wanted.add(i.id()));
        Map<Long, Named> names = names(wanted);
        List<Long> unknown = failed.stream().filter(id -> !names.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new ValidationException("failed", "No CI with id " + unknown.stream().map(String::valueOf)
                .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        List<Impact.Impacted> impacted = new ArrayList<>(result.impacted().size());
        for (var i : result.impacted()) {
            Named n = names.get(i.id());
            if (n != null) {
                impacted.add(new Impact.Impacted(i.id(), n.classKey(), n.name(), i.state().name().toLowerCase(Locale.ROOT), i.distance()));
            }
        }
        impacted.sort(Comparator.comparing((Impact.Impacted i) -> !BUSINESS_SERVICE.equals(i.ciClass()))
            .thenComparingInt(Impact.Impacted::distance).thenComparing(Impact.Impacted::name).thenComparingLong(Impact.Impacted::id));
        return new Impact(failed, impacted);
    }

    List<Dependency> dependencies(long id) {
        if (names(List.of(id)).isEmpty()) {
            throw new NotFoundException("No CI with id " + id);
        }
        var deps = graphs.current().dependencies(id);
        Map<Long, Named> names = names(deps.stream().map(d -> d.id()).toList());
        List<Dependency> out = new ArrayList<>(deps.size());
        for (var d : deps) {
            Named n = names.get(d.id());
            if (n != null) {
                out.add(new Dependency(d.id(), n.classKey(), n.name(), d.distance()));
            }
        }
        return out;
    }

    Map<Long, Map<Long, List<Long>>> dependencyPaths(Collection<Long> from, Collection<Long> targets) {
        DependencyGraph graph = graphs.current();
        java.util.Set<Long> wanted = new java.util.HashSet<>(targets);
        Map<Long, Map<Long, List<Long>>> out = new java.util.LinkedHashMap<>();
        for (Long f : new LinkedHashSet<>(from)) {
            Map<Long, List<Long>> paths = new HashMap<>();
            graph.dependencyPaths(f, wanted).forEach((to, path) -> paths.put(to, java.util.Arrays.stream(path).boxed().toList()));
            out.put(f, paths);
        }
        return out;
    }

    List<List<Long>> jointlyDownServices(Collection<Long> failed, List<? extends Collection<Long>> others) {
        long[] mine = failed.stream().mapToLong(Long::longValue).distinct().toArray();
        List<long[]> sets = others.stream().map(o -> o.stream().mapToLong(Long::longValue).distinct().toArray()).toList();
        List<long[]> joint = graphs.current().jointlyDown(mine, sets);
        List<Long> all = joint.stream().flatMapToLong(java.util.Arrays::stream).distinct().boxed().toList();
        if (all.isEmpty()) {
            return joint.stream().map(j -> List.<Long>of()).toList();
        }
        // One query tells which of them are business services (usually none, or a handful).
        Map<Long, Named> names = names(all);
        return joint.stream().map(j -> java.util.Arrays.stream(j).filter(id -> names.containsKey(id)
            && BUSINESS_SERVICE.equals(names.get(id).classKey())).boxed().toList()).toList();
    }

    Map<Long, String> nameMap(Collection<Long> ids) {
        Map<Long, String> out = new HashMap<>(ids.size() * 2);
        names(List.copyOf(new LinkedHashSet<>(ids))).forEach((id, n) -> out.put(id, n.name()));
        return out;
    }

    /**
     * The graph's impact, then one query for the business services among the impacted CIs: from
     * the impacted ids when they are fewer than the services, else from the services.
     */
    ServiceImpact serviceImpact(Collection<Long> failedIds) {
        if (failedIds.isEmpty()) {
            return new ServiceImpact(0, List.of());
        }
        var result = graphs.current().impact(failedIds.stream().mapToLong(Long::longValue).distinct().toArray());
        Map<Long, DependencyGraph.Impacted> impacted = new HashMap<>(result.impacted().size() * 2);
        result.impacted().forEach(i -> impacted.put(i.id(), i));
        List<ServiceImpact.Service> services = new ArrayList<>();
        if (!impacted.isEmpty()) {
            long all = jdbc.queryForObject("SELECT COUNT(*) FROM ci WHERE class_key = ?", Long.class, BUSINESS_SERVICE);
            Map<Long, Named> found;
            if (all < impacted.size()) {
                found = new HashMap<>();
                jdbc.query("SELECT id, class_key, name, criticality FROM ci WHERE class_key = ?", rs -> {
                    found.put(rs.getLong(1), new Named(rs.getString(2), rs.getString(3), rs.getString(4)));
                }, BUSINESS_SERVICE);
            } else {
                found = names(List.copyOf(impacted.keySet()));
            }
            found.forEach((id, n) -> {
                DependencyGraph.Impacted i = impacted.get(id);
                if (i != null && BUSINESS_SERVICE.equals(n.classKey())) {
                    services.add(new ServiceImpact.Service(id, n.name(), n.criticality(), i.state().name().toLowerCase(Locale.ROOT),
                        i.distance()));
                }
            });
        }
        services.sort(Comparator.comparingInt(ServiceImpact.Service::distance).thenComparing(ServiceImpact.Service::name)
            .thenComparingLong(ServiceImpact.Service::id));
        return new ServiceImpact(result.impacted().size(), services);
    }

    /** Class and name of each CI, in chunks of one array-bound query each (no N+1, no huge IN lists). */
    private Map<Long, Named> names(List<Long> ids) {
        Map<Long, Named> names = new HashMap<>(ids.size() * 2);
        for (int from = 0; from < ids.size(); from += 20_000) {
            Long[] chunk = ids.subList(from, Math.min(ids.size(), from + 20_000)).toArray(Long[]::new);
            jdbc.query(con -> {
                // A join with UNNEST uses the primary key on both databases; "id = ANY(?)" makes H2
                // compare every row with the whole array.
                var ps = con.prepareStatement("SELECT c.id, c.class_key, c.name, c.criticality FROM UNNEST(?) AS u(id) JOIN ci c ON c.id = u.id");
                Array array = con.createArrayOf("BIGINT", chunk);
                ps.setArray(1, array);
                return ps;
            }, rs -> {
                names.put(rs.getLong(1), new Named(rs.getString(2), rs.getString(3), rs.getString(4)));
            });
        }
        return names;
    }
}
