package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketRow.sql;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.platform.SortOptions;
import org.estate.platform.SqlDialect;
import org.estate.servicedesk.TicketEvent;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.SlaClock.Stop;
import org.estate.servicedesk.internal.TicketService.Filter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reading tickets: one ticket, its timeline, and the filtered, paged list behind every queue. */
@Component
class TicketSearch {

    private final JdbcClient jdbc;
    private final TicketStore store;
    private final TicketViews views;
    private final Clock clock;
    private final SqlDialect dialect;

    static final SortOptions<TicketView> SORT = SortOptions.<TicketView>by("-ref")
        .value("ref", "ref", TicketView::ref)
        .text("title", "title", TicketView::title)
        .value("status", "status", TicketView::status)
        .value("priority", "priority", TicketView::priority)
        .text("team", "team_key", TicketView::team)
        .text("assignee", "assignee", TicketView::assignee)
        .text("reporter", "reporter_name", t -> t.reporter() == null ? null : t.reporter().name())
        .value("opened", "opened_at", TicketView::openedAt)
        .value("updated", "updated_at", TicketView::updatedAt)
        .value("due", "next_due", t -> t.sla() == null ? null : t.sla().resolutionDue())
        .tieBreaker("id", TicketView::ref);

    TicketSearch(JdbcClient jdbc, TicketStore store, TicketViews views, Clock clock, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.store = store;
        this.views = views;
        this.clock = clock;
        this.dialect = dialect;
    }

    @Transactional(readOnly = true)
    public TicketView get(String ref, String type, Actor actor) {
        return views.view(store.visible(ref, type, actor), actor, true);
    }

    @Transactional(readOnly = true)
    public List<TicketEvent> timeline(String ref, String type, Actor actor) {
        TicketRow row = store.visible(ref, type, actor);
        return jdbc.sql("SELECT id, occurred_at, actor, kind, visibility, body FROM sd_ticket_event WHERE ticket_id = ? "
                + (actor.requesterOnly() ? "AND visibility = 'customer' " : "") + "ORDER BY id")
            .param(row.id())
            .query((rs, n) -> new TicketEvent(rs.getLong(1), TicketRow.ts(rs, "occurred_at"), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6))).list();
    }

    @Transactional(readOnly = true)
    public PageResult<TicketView> search(Filter f, Paging paging, Actor actor) {
        return search(f, null, paging, actor);
    }

    /** The list for a filter, in {@code sort}'s order (null: along the index the filter ranges over, newest first otherwise). */
    @Transactional(readOnly = true)
    public PageResult<TicketView> search(Filter f, Sort sort, Paging paging, Actor actor) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        Instant now = clock.instant();
        if (f.type() != null) {
            where.append(" AND ticket_type = ?");
            args.add(f.type());
        }
        if (f.status() != null && !f.status().isEmpty()) {
            where.append(" AND status IN (").append(String.join(",", f.status().stream().map(s -> "?").toList())).append(')');
            args.addAll(f.status());
        }
        if (Boolean.TRUE.equals(f.active())) {
            where.append(" AND status IN ('new', 'in-progress', 'on-hold')");
        }
        if (f.priority() != null && !f.priority().isBlank()) {
            List<String> priorities = List.of(f.priority().split(","));
            where.append(" AND priority IN (").append(String.join(",", priorities.stream().map(p -> "?").toList())).append(')');
            args.addAll(priorities.stream().map(String::trim).toList());
        }
        if (f.team() != null && !f.team().isBlank()
            && jdbc.sql("SELECT COUNT(*) FROM sd_team WHERE team_key = ?").param(f.team().trim()).query(Long.class).single() == 0) {
            throw new org.estate.platform.ValidationException("team", "There is no team '" + f.team().trim() + "'");
        }
        eq(where, args, "team_key", f.team());
        eq(where, args, "assignee", f.assignee());
        if (f.teams() != null) {
            if (f.teams().isEmpty()) {
                where.append(" AND 1 = 0");
            } else {
                where.append(" AND team_key IN (").append(String.join(",", f.teams().stream().map(s -> "?").toList())).append(')');
                args.addAll(f.teams());
            }
        }
        if (Boolean.TRUE.equals(f.unassigned())) {
            where.append(" AND assignee IS NULL AND status IN ('new', 'in-progress', 'on-hold')");
        }
        String requester = actor.requesterOnly() ? actor.username() : f.requester();
        eq(where, args, "requester", requester);
        // breached_at is when a target was or will be missed, so each of these is one index range.
        if (Boolean.TRUE.equals(f.breached())) {
            where.append(" AND breached_at < ?");
            args.add(sql(now));
        } else if (Boolean.FALSE.equals(f.breached())) {
            where.append(" AND (breached_at IS NULL OR breached_at >= ?)");
            args.add(sql(now));
        }
        if (f.dueBefore() != null) {
            where.append(" AND next_due <= ?");
            args.add(sql(f.dueBefore()));
            if (Boolean.FALSE.equals(f.breached())) {
                // Not breached implies the earliest running target is still ahead (breached_at <= next_due),
                // which makes "breaching in the next hour" a tight range on next_due.
                where.append(" AND next_due >= ?");
                args.add(sql(now));
            }
        }
        if (f.dueAfter() != null) {
            where.append(" AND next_due >= ?");
            args.add(sql(f.dueAfter()));
        }
        if (f.breachedAfter() != null || f.breachedBefore() != null) {
            Instant after = f.breachedAfter() == null ? Instant.EPOCH : f.breachedAfter();
            Instant before = f.breachedBefore() == null || f.breachedBefore().isAfter(now) ? now : f.breachedBefore();
            where.append(" AND breached_at >= ? AND breached_at < ?");
            args.addAll(List.of(sql(after), sql(before)));
        }
        if (f.ci() != null) {
            where.append(" AND id IN (SELECT ticket_id FROM sd_ticket_ci WHERE ci_id = ?)");
            args.add(f.ci());
        }
        if (f.q() != null && !f.q().isBlank()) {
            where.append(" AND (ref = ? OR title ILIKE ? OR description ILIKE ?)");
            String like = "%" + f.q().trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.addAll(List.of(f.q().trim().toUpperCase(Locale.ROOT), like, like));
        }
        // Order along the index the filter ranges over, so a page needs no sort of the whole match.
        String order = sort != null ? SORT.orderBy(sort, dialect)
            : f.dueBefore() != null || f.dueAfter() != null ? " ORDER BY next_due, id"
            : f.breachedAfter() != null || f.breachedBefore() != null ? " ORDER BY breached_at DESC, id DESC" : " ORDER BY id DESC";
        long total = jdbc.sql("SELECT COUNT(*) FROM sd_ticket" + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(paging.size());
        pageArgs.add(paging.offset());
        List<TicketRow> rows = jdbc.sql("SELECT " + TicketRow.COLUMNS + " FROM sd_ticket" + where + order + " LIMIT ? OFFSET ?")
            .params(pageArgs).query(TicketRow::map).list();
        Map<Long, List<Stop>> stops = store.stops(rows.stream().map(TicketRow::id).toList());
        List<TicketView> items = rows.stream().map(r -> views.view(r, stops.getOrDefault(r.id(), List.of()), actor, false, now)).toList();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    private static void eq(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value.trim());
        }
    }
}
