package org.estate.cmdb.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.Ci;
import org.estate.cmdb.CiFilter;
import org.estate.platform.FilterValues;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.platform.SortOptions;
import org.estate.platform.SqlDialect;
import org.estate.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CI list: its filter as SQL and its sortable columns, shared by the API list, the list page
 * and the CSV export, so all three hold the same CIs in the same order.
 */
@Component
class CiList {

    static final SortOptions<Ci> SORT = SortOptions.<Ci>by("name")
        .key("name", "name_key", Ci::name)
        // By the class's label, as the pages show it ("Physical server", not "server"); lists are sorted in SQL only.
        .text("class", "(SELECT c.label FROM ci_class c WHERE c.class_key = ci.class_key)", Ci::ciClass)
        .value("status", "status", Ci::status)
        .value("criticality", "CASE criticality WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END",
            ci -> CiValidator.CRITICALITIES.indexOf(ci.criticality()))
        .text("owner", "owner", Ci::owner)
        .value("updated", "updated_at", Ci::updatedAt)
        .tieBreaker("id", Ci::id);

    /** The SQL condition of a filter. */
    record Where(String sql, Map<String, Object> params) {
    }

    private final JdbcClient jdbc;
    private final CiStore store;
    private final ClassCatalogue catalogue;
    private final SqlDialect dialect;

    CiList(JdbcClient jdbc, CiStore store, ClassCatalogue catalogue, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.store = store;
        this.catalogue = catalogue;
        this.dialect = dialect;
    }

    @Transactional(readOnly = true)
    PageResult<Ci> search(CiFilter filter, Sort sort, Paging paging) {
        Where w = where(filter);
        if (w.params().containsKey("q") && dialect.postgres()) {
            // The pattern is a parameter: a generic plan (chosen after a few runs of the same statement)
            // cannot know it is selective and reads the whole table instead of the trigram index.
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
        }
        long total = jdbc.sql("SELECT count(*) FROM ci" + w.sql()).params(w.params()).query(Long.class).single();
        List<Ci> items = jdbc.sql("SELECT " + CiStore.COLUMNS + " FROM ci" + w.sql() + orderBy(sort) + " LIMIT :limit OFFSET :offset")
            .params(w.params()).param("limit", paging.size()).param("offset", paging.offset())
            .query(store.mapper()).stream().map(CiRecord::toCi).toList();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    String orderBy(Sort sort) {
        return SORT.orderBy(sort == null ? SORT.parse(null) : sort, dialect);
    }

    /**
     * Class, status and criticality each take one or more values (any of them); a value that is
     * not one of the list's is 422 naming the filter. {@code q} matches the name, owner,
     * description and any attribute value (host name, IP address, serial…), case-insensitively:
     * all of them are in {@code search_text} (lower case, see {@link CiSearchText}), which
     * PostgreSQL answers from its trigram index.
     */
    Where where(CiFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        in(where, params, errors, "class_key", "class", filter.ciClass(), List.copyOf(catalogue.all().keySet()));
        in(where, params, errors, "status", "status", filter.status(), CiValidator.STATUSES);
        in(where, params, errors, "criticality", "criticality", filter.criticality(), CiValidator.CRITICALITIES);
        if (filter.tag() != null && !filter.tag().isBlank()) {
            where.append(" AND (';' || tags || ';') LIKE :tag");
            params.put("tag", "%;" + CiService.escapeLike(filter.tag().trim()) + ";%");
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            where.append(" AND search_text LIKE :q");
            params.put("q", "%" + CiService.escapeLike(filter.q().trim().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Where(where.toString(), params);
    }

    private static void in(StringBuilder where, Map<String, Object> params, List<ValidationException.FieldError> errors,
                           String column, String param, String given, List<String> allowed) {
        try {
            List<String> values = FilterValues.anyOf(param, given == null ? null : List.of(given), allowed);
            if (!values.isEmpty()) {
                where.append(" AND ").append(column).append(" IN (:").append(param).append(')');
                params.put(param, values);
            }
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
    }
}
