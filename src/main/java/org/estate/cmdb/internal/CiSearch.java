package org.estate.cmdb.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.estate.platform.SearchContribution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CMDB's part in the search box: CIs by name or by any attribute value, looked up in
 * {@code ci.search_text} (trigram-indexed on PostgreSQL). Exact names come first (an index lookup),
 * then the candidates containing the text, ranked here: a name or value equal to the text, then
 * starting with it, then containing it. Viewers and up only: requesters see no CMDB.
 */
@Component
class CiSearch implements SearchContribution {

    /** How many candidates are ranked for a group: enough that prefixes are seldom missed, few enough to stay fast. */
    static final int WINDOW = 200;
    private static final String COLUMNS = "id, name, attributes";

    private final JdbcClient jdbc;
    private final CiStore store;

    CiSearch(JdbcClient jdbc, CiStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    private record Candidate(long id, String name, int rank, String match) {
    }

    @Override
    @Transactional(readOnly = true)
    public List<Group> search(Query query) {
        if (!query.staff()) {
            return List.of();
        }
        String q = query.lower();
        Map<Long, Candidate> found = new LinkedHashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM ci WHERE name IN (:raw, :lower) LIMIT :limit")
            .param("raw", query.text()).param("lower", q).param("limit", query.limit())
            .query((rs, n) -> candidate(rs.getLong(1), rs.getString(2), rs.getString(3), q)).list()
            .forEach(c -> found.put(c.id(), c));
        jdbc.sql("SELECT " + COLUMNS + " FROM ci WHERE search_text LIKE :pattern LIMIT :window")
            .param("pattern", query.contains()).param("window", WINDOW)
            .query((rs, n) -> candidate(rs.getLong(1), rs.getString(2), rs.getString(3), q)).list()
            .forEach(c -> found.putIfAbsent(c.id(), c));
        List<Hit> hits = found.values().stream().filter(c -> c.rank() < 6)
            .sorted(Comparator.comparingInt(Candidate::rank).thenComparing(Candidate::name).thenComparingLong(Candidate::id))
            .limit(query.limit())
            .map(c -> new Hit(c.id(), null, c.name(), "/cmdb/cis/" + c.id(), c.match())).toList();
        return List.of(new Group("ci", hits));
    }

    /**
     * Rank: 0 name equal, 1 value equal, 2 name starts with, 3 value starts with, 4 name contains,
     * 5 value contains, 6 neither (a stale candidate).
     */
    private Candidate candidate(long id, String name, String attributes, String q) {
        int nameRank = SearchContribution.rank(q, name);
        int best = nameRank < 3 ? nameRank * 2 : 6;
        String match = "name";
        if (best > 0 && attributes != null) {
            for (Map.Entry<String, Object> e : store.parseAttributes(attributes).entrySet()) {
                if (e.getValue() instanceof Boolean) {
                    continue;
                }
                String value = e.getValue() instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(e.getValue());
                int r = SearchContribution.rank(q, value);
                if (r < 3 && r * 2 + 1 < best) {
                    best = r * 2 + 1;
                    match = e.getKey() + ": " + value;
                }
            }
        }
        return new Candidate(id, name, best, match);
    }

    /** See {@link org.estate.cmdb.Cmdb#cisNamedLike}. */
    @Transactional(readOnly = true)
    Map<Long, String> namedLike(String text, int limit) {
        String q = text.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return Map.of();
        }
        List<Candidate> found = new ArrayList<>(jdbc.sql("SELECT " + COLUMNS + " FROM ci WHERE search_text LIKE :pattern "
                + "AND LOWER(name) LIKE :pattern LIMIT :window")
            .param("pattern", "%" + Query.escapeLike(q) + "%").param("window", Math.max(limit, WINDOW))
            .query((rs, n) -> new Candidate(rs.getLong(1), rs.getString(2), SearchContribution.rank(q, rs.getString(2)), "name"))
            .list());
        found.sort(Comparator.comparingInt(Candidate::rank).thenComparing(Candidate::name));
        Map<Long, String> names = new LinkedHashMap<>();
        found.stream().limit(limit).forEach(c -> names.put(c.id(), c.name()));
        return names;
    }
}
