package org.estate.change.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.estate.change.ChangeView;
import org.estate.platform.FilterValues;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.platform.SortOptions;
import org.estate.platform.SqlDialect;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The change list: filtered, sorted and paged in SQL, then each change read with its impact and risk. */
@Service
public class ChangeSearch {

    /** The list's filters: any of {@code statuses} and {@code types}; a window overlapping {@code from}–{@code to}. */
    public record Filter(List<String> statuses, List<String> types, String team, Long ci, Instant from, Instant to, String q) {
    }

    public static final SortOptions<ChangeView> SORT = SortOptions.<ChangeView>by("-start")
        .value("start", "planned_start", ChangeView::plannedStart).value("end", "planned_end", ChangeView::plannedEnd)
        .text("title", "title", ChangeView::title).value("status", "status", ChangeView::status)
        .value("type", "change_type", ChangeView::type).value("updated", "updated_at", ChangeView::updatedAt)
        .value("ref", "id", v -> ChangeRow.idOf(v.ref())).tieBreaker("id", v -> ChangeRow.idOf(v.ref()));

    private final JdbcClient jdbc;
    private final SqlDialect dialect;
    private final ChangeStore store;
    private final ChangeService changes;
    private final DeskDirectory desk;

    ChangeSearch(JdbcClient jdbc, SqlDialect dialect, ChangeStore store, ChangeService changes, DeskDirectory desk) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.store = store;
        this.changes = changes;
        this.desk = desk;
    }

    /** Reads the filter parameters: 422 naming the parameter for an unknown status, type or team, a bad CI id or instant. */
    public Filter filter(List<String> status, List<String> type, String team, String ci, String from, String to, String q) {
        List<String> statuses = FilterValues.anyOf("status", status, ChangeService.STATUSES);
        List<String> types = FilterValues.anyOf("type", type, ChangeService.TYPES);
        if (team != null && !team.isBlank() && desk.team(team.strip()).isEmpty()) {
            throw new ValidationException("team", "No team '" + ChangeStore.abbreviate(team) + "'");
        }
        Long ciId = null;
        if (ci != null && !ci.isBlank()) {
            try {
                ciId = Long.parseLong(ci.strip());
            } catch (NumberFormatException e) {
                throw new ValidationException("ci", "ci is a CI id (a whole number)");
            }
        }
        if (q != null && q.length() > 200) {
            throw new ValidationException("q", "Search for at most 200 characters");
        }
        return new Filter(statuses, types, team == null || team.isBlank() ? null : team.strip(), ciId, instant("from", from),
            instant("to", to), q == null || q.isBlank() ? null : q.strip());
    }

    private static Instant instant(String param, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant i = ChangeFields.parseInstant(value);
        if (i == null || !org.estate.platform.ValueLimits.inRange(i)) {
            throw new ValidationException(param, param + " must be an instant like 2027-03-31T02:00:00Z");
        }
        return i;
    }

    @Transactional(readOnly = true)
    public PageResult<ChangeView> search(Filter f, Sort sort, Paging paging) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        where.append(FilterValues.in("status", "statuses", f.statuses())).append(FilterValues.in("change_type", "types", f.types()));
        if (f.team() != null) {
            where.append(" AND team_key = :team");
        }
        if (f.ci() != null) {
            where.append(" AND id IN (SELECT change_id FROM chg_change_ci WHERE ci_id = :ci)");
        }
        if (f.from() != null) {
            where.append(" AND planned_end > :from");
        }
        if (f.to() != null) {
            where.append(" AND planned_start < :to");
        }
        long refId = f.q() == null ? -1 : ChangeRow.idOf(f.q());
        if (f.q() != null) {
            where.append(" AND (id = :refId OR LOWER(title) LIKE :q OR LOWER(description) LIKE :q)");
        }
        var count = jdbc.sql("SELECT COUNT(*) FROM chg_change" + where);
        var page = jdbc.sql("SELECT id FROM chg_change" + where + SORT.orderBy(sort, dialect) + " LIMIT :limit OFFSET :offset");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (!f.statuses().isEmpty()) {
            params.put("statuses", f.statuses());
        }
        if (!f.types().isEmpty()) {
            params.put("types", f.types());
        }
        params.put("team", f.team());
        params.put("ci", f.ci());
        params.put("from", f.from() == null ? null : Timestamp.from(f.from()));
        params.put("to", f.to() == null ? null : Timestamp.from(f.to()));
        params.put("refId", refId);
        params.put("q", f.q() == null ? null : "%" + f.q().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
            .replace("%", "\\%").replace("_", "\\_") + "%");
        String countSql = where.toString();
        params.keySet().removeIf(k -> !countSql.contains(":" + k));
        long total = count.params(params).query(Long.class).single();
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        List<Long> ids = page.params(params).query(Long.class).list();
        List<ChangeView> items = store.rows(ids).stream().map(changes::view).toList();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }
}
