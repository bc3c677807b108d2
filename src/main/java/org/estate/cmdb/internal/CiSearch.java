package org.estate.cmdb.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.estate.platform.SearchContribution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The CMDB's part in the search box: CIs by name or by any attribute value, looked up in
 * {@code ci.search_text} (see {@link CiSearchText}). Exact names come first (an index lookup), then
 * the candidates containing the text, ranked here: a name or value equal to the text, then
 * starting with it, then containing it; a CI whose text matched only by its owner or description
 * is not shown. Viewers and up only: requesters see no CMDB.
 *
 * <p>The candidates are found in two steps: the ids of the CIs whose text contains the search
 * text (PostgreSQL: its trigram index; H2: a scan of its index of the column, V55, which stays in
 * memory, never of the CI rows), then those CIs by id. The candidates are kept for the rest of the
 * transaction, so that the service desk's search by affected CI name ({@link #namedLike}) in the
 * same search request does not read the CIs a second time.
 */
@Component
class CiSearch implements SearchContribution {

    /** How many candidates are ranked for a group: enough that prefixes are seldom missed, few enough to stay fast. */
    static final int WINDOW = 200;
    private static final String COLUMNS = "id, name, attributes";
    /** The key of the transaction's candidates (a map of lower-case text to candidates). */
    private static final Object CANDIDATES = new Object();

    private final JdbcClient jdbc;
    private final CiStore store;

    CiSearch(JdbcClient jdbc, CiStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    private record Candidate(long id, String name, int rank, String match) {
    }

    /** A CI whose search text holds the text. */
    private record Row(long id, String name, String attributes) {
    }

    /** The CIs whose search text contains {@code lower}: at most {@link #WINDOW}; all of them when fewer. */
    private record Containing(List<Row> rows, boolean complete) {
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
        for (Row r : containing(q).rows()) {
            found.computeIfAbsent(r.id(), id -> candidate(r.id(), r.name(), r.attributes(), q));
        }
        List<Hit> hits = found.values().stream().filter(c -> c.rank() < 6)
            .sorted(Comparator.comparingInt(Candidate::rank).thenComparing(Candidate::name).thenComparingLong(Candidate::id))
            .limit(query.limit())
            .map(c -> new Hit(c.id(), null, c.name(), "/cmdb/cis/" + c.id(), c.match())).toList();
        return List.of(new Group("ci", hits));
    }

    /** The candidates for {@code lower}, asked of the database once per read-only transaction (nothing changes meanwhile). */
    private Containing containing(String lower) {
        if (!TransactionSynchronizationManager.isSynchronizationActive() || !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return read(lower);
        }
        @SuppressWarnings("unchecked")
        Map<String, Containing> cache = (Map<String, Containing>) TransactionSynchronizationManager.getResource(CANDIDATES);
        if (cache == null) {
            Map<String, Containing> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(CANDIDATES, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CANDIDATES);
                }
            });
            cache = fresh;
        }
        return cache.computeIfAbsent(lower, this::read);
    }

    private Containing read(String lower) {
        // Only the id: on H2 the scan then reads the narrow index of search_text, not the CI rows.
        List<Long> ids = jdbc.sql("SELECT id FROM ci WHERE search_text LIKE :pattern LIMIT :window")
            .param("pattern", "%" + Query.escapeLike(lower) + "%").param("window", WINDOW + 1)
            .query(Long.class).list();
        boolean complete = ids.size() <= WINDOW;
        List<Long> window = complete ? ids : ids.subList(0, WINDOW);
        if (window.isEmpty()) {
            return new Containing(List.of(), true);
        }
        List<Row> rows = jdbc.sql("SELECT " + COLUMNS + " FROM ci WHERE id IN (:ids) ORDER BY id").param("ids", window)
            .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        return new Containing(rows, complete);
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
        List<Candidate> found = new ArrayList<>();
        Containing containing = containing(q);
        if (containing.complete()) {
            // Every CI whose text holds q is here, so every CI whose name does.
            for (Row r : containing.rows()) {
                if (r.name().toLowerCase(Locale.ROOT).contains(q)) {
                    found.add(new Candidate(r.id(), r.name(), SearchContribution.rank(q, r.name()), "name"));
                }
            }
        } else {
            found.addAll(jdbc.sql("SELECT id, name FROM ci WHERE search_text LIKE :pattern AND LOWER(name) LIKE :pattern LIMIT :window")
                .param("pattern", "%" + Query.escapeLike(q) + "%").param("window", Math.max(limit, WINDOW))
                .query((rs, n) -> new Candidate(rs.getLong(1), rs.getString(2), SearchContribution.rank(q, rs.getString(2)), "name"))
                .list());
        }
        found.sort(Comparator.comparingInt(Candidate::rank).thenComparing(Candidate::name));
        Map<Long, String> names = new LinkedHashMap<>();
        found.stream().limit(limit).forEach(c -> names.put(c.id(), c.name()));
        return names;
    }
}
