package org.estate.cmdb.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.cmdb.GraphView;
import org.estate.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CI and its neighbours a few steps out, every relationship type, for the picture on the CI
 * page. Distance is signed: negative for what relies on the CI (sources), positive for what it
 * relies on (targets). Capped so that the picture stays readable around a core switch.
 */
@Service
class NeighbourhoodService {

    static final int MAX_NODES = 60;

    private final JdbcClient jdbc;

    NeighbourhoodService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(long source, String type, long target) {
    }

    static final int MAX_DEPTH = 4;

    GraphView around(long id, int depth) {
        return around(id, depth, List.of());
    }

    /** Following only relationships of {@code types} (all when empty); 422 for a depth outside 1 to 4 or an unknown type. */
    @Transactional(readOnly = true)
    GraphView around(long id, int depth, java.util.Collection<String> types) {
        List<org.estate.platform.ValidationException.FieldError> errors = new ArrayList<>();
        if (depth < 1 || depth > MAX_DEPTH) {
            errors.add(new org.estate.platform.ValidationException.FieldError("depth", "Choose a depth from 1 to " + MAX_DEPTH + " steps"));
        }
        List<String> wanted = types == null ? List.of() : List.copyOf(new LinkedHashSet<>(types));
        for (String t : wanted) {
            if (t == null || org.estate.cmdb.RelationshipType.fromKey(t).isEmpty()) {
                errors.add(new org.estate.platform.ValidationException.FieldError("types", "‘" + (t == null ? "" : t.length() > 40
                    ? t.substring(0, 39) + "…" : t) + "’ is not a relationship type; use "
                    + String.join(", ", java.util.Arrays.stream(org.estate.cmdb.RelationshipType.values()).map(r -> r.key()).toList())));
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new org.estate.platform.ValidationException(errors);
        }
        String typeFilter = wanted.isEmpty() ? "" : " AND rel_type IN (:types)";
        Map<Long, Integer> distance = new LinkedHashMap<>();
        distance.put(id, 0);
        Set<Row> edges = new LinkedHashSet<>();
        List<Long> frontier = List.of(id);
        for (int step = 1; step <= depth && !frontier.isEmpty(); step++) {
            List<Row> rows = jdbc.sql("""
                    SELECT source_id, rel_type, target_id FROM ci_relationship
                    WHERE (source_id IN (:ids) OR target_id IN (:ids))""" + typeFilter + " ORDER BY id")
                .param("ids", frontier).params(wanted.isEmpty() ? Map.of() : Map.of("types", wanted))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
            List<Long> next = new ArrayList<>();
            for (Row r : rows) {
                boolean fromSource = distance.containsKey(r.source()) && frontier.contains(r.source());
                long other = fromSource ? r.target() : r.source();
                int base = distance.getOrDefault(fromSource ? r.source() : r.target(), 0);
                if (!distance.containsKey(other)) {
                    if (distance.size() >= MAX_NODES) {
                        continue;
                    }
                    // The first step decides the side (relies on: +, relied on by: -); later steps
                    // keep going outwards on that side.
                    int d = base == 0 ? (fromSource ? 1 : -1) : (base > 0 ? base + 1 : base - 1);
                    distance.put(other, d);
                    next.add(other);
                }
                edges.add(r);
            }
            frontier = next;
        }
        Map<Long, String[]> names = new HashMap<>();
        jdbc.sql("SELECT id, class_key, name FROM ci WHERE id IN (:ids)").param("ids", List.copyOf(distance.keySet()))
            .query(rs -> {
                names.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
            });
        if (!names.containsKey(id)) {
            throw new NotFoundException("No CI with id " + id);
        }
        List<GraphView.Node> nodes = new ArrayList<>();
        distance.forEach((ci, d) -> {
            String[] n = names.get(ci);
            if (n != null) {
                nodes.add(new GraphView.Node(ci, n[0], n[1], d));
            }
        });
        List<GraphView.Edge> edgeList = edges.stream()
            .filter(e -> distance.containsKey(e.source()) && distance.containsKey(e.target()))
            .map(e -> new GraphView.Edge(e.source(), e.type(), e.target())).toList();
        return new GraphView(id, nodes, edgeList);
    }
}
