package org.estate.monitoring.internal.checks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.estate.cmdb.Cmdb;
import org.estate.platform.FilterValues;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.platform.SortOptions;
import org.estate.platform.SqlDialect;
import org.estate.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The check list: filtered, sorted and paged in one query over {@code mon_check} and its status
 * row (plus one count and one look-up of the CIs' names), the same for the API, the page and the
 * CSV export.
 */
@Service
public class CheckList {

    public static final List<String> STATES = List.of("up", "degraded", "down", "unknown", "paused", "maintenance");

    /** Any of {@code types} and {@code states}; the CI watched; words in the name. */
    public record Filter(List<String> types, List<String> states, Long ci, String q) {
    }

    public static final SortOptions<CheckView> SORT = SortOptions.<CheckView>by("name")
        .text("name", "c.name", CheckView::name).value("type", "c.check_type", CheckView::type)
        .value("state", "s.state", CheckView::state).value("since", "s.since", CheckView::since)
        .value("id", "c.id", CheckView::id).tieBreaker("c.id", CheckView::id);

    private final JdbcClient jdbc;
    private final SqlDialect dialect;
    private final CheckStore store;
    private final CheckFields fields;
    private final Cmdb cmdb;

    CheckList(JdbcClient jdbc, SqlDialect dialect, CheckStore store, CheckFields fields, Cmdb cmdb) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.store = store;
        this.fields = fields;
        this.cmdb = cmdb;
    }

    /** The check types, in order. */
    public List<String> types() {
        return fields.types();
    }

    /** Reads the filter parameters: 422 naming the parameter for an unknown type or state, a bad CI or over-long text. */
    public Filter filter(List<String> type, List<String> state, String ci, String q) {
        List<String> types = FilterValues.anyOf("type", type, fields.types());
        List<String> states = FilterValues.anyOf("state", state, STATES);
        Long ciId = null;
        if (ci != null && !ci.isBlank()) {
            List<ValidationException.FieldError> errors = CheckFields.errors();
            ciId = fields.ci(ci.strip(), errors);
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
        }
        if (q != null && q.length() > 200) {
            throw new ValidationException("q", "Search for at most 200 characters");
        }
        return new Filter(types, states, ciId, q == null || q.isBlank() ? null : q.strip());
    }

    @Transactional(readOnly = true)
    public PageResult<CheckView> search(Filter f, Sort sort, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = where(f, params);
        long total = jdbc.sql("SELECT COUNT(*) FROM mon_check c LEFT JOIN mon_check_status s ON s.check_id = c.id" + where)
            .params(params).query(Long.class).single();
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        List<CheckView> items = jdbc.sql(CheckStore.SELECT + where + SORT.orderBy(sort, dialect) + " LIMIT :limit OFFSET :offset")
            .params(params).query(CheckStore::row).list().stream().map(store::view).toList();
        return new PageResult<>(named(items), paging.page(), paging.size(), total);
    }

    /** Every check the list gives for this filter and order, in pages, without holding them all. */
    @Transactional(readOnly = true)
    public void each(Filter f, Sort sort, Consumer<CheckStore.Row> row) {
        Map<String, Object> params = new HashMap<>();
        String where = where(f, params);
        jdbc.sql(CheckStore.SELECT + where + SORT.orderBy(sort, dialect)).params(params)
            .query(rs -> {
                row.accept(CheckStore.row(rs, 0));
            });
    }

    /** The CI names of these checks, in one query. */
    List<CheckView> named(List<CheckView> items) {
        Set<Long> ids = new HashSet<>();
        items.forEach(c -> {
            if (c.ci() != null) {
                ids.add(c.ci());
            }
        });
        if (ids.isEmpty()) {
            return items;
        }
        Map<Long, String> names = cmdb.names(ids);
        return items.stream().map(c -> c.ci() == null ? c : c.withCiName(names.get(c.ci()))).toList();
    }

    private static String where(Filter f, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        where.append(FilterValues.in("c.check_type", "types", f.types())).append(FilterValues.in("s.state", "states", f.states()));
        if (!f.types().isEmpty()) {
            params.put("types", f.types());
        }
        if (!f.states().isEmpty()) {
            params.put("states", f.states());
        }
        if (f.ci() != null) {
            where.append(" AND c.ci_id = :ci");
            params.put("ci", f.ci());
        }
        if (f.q() != null) {
            where.append(" AND LOWER(c.name) LIKE :q");
            params.put("q", "%" + f.q().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return where.toString();
    }
}
