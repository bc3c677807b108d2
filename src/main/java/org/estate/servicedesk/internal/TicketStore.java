package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketRow.sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.platform.NotFoundException;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.SlaClock.Stop;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The ticket tables at the level of rows: reading (and locking) a ticket, who may see it, inserting
 * one, its timeline events, its affected CIs and its clock stops. No rules beyond visibility.
 */
@Component
class TicketStore {

    /** Refs are a prefix and a number ({@code INC-123}); nothing longer can name a ticket. */
    static final int MAX_REF = 30;

    private final JdbcClient jdbc;
    private final CalendarService calendars;

    TicketStore(JdbcClient jdbc, CalendarService calendars) {
        this.jdbc = jdbc;
        this.calendars = calendars;
    }

    TicketRow row(String ref) {
        return jdbc.sql("SELECT " + TicketRow.COLUMNS + " FROM sd_ticket WHERE ref = ?").param(ref).query(TicketRow::map).optional()
            .orElseThrow(() -> new NotFoundException("No ticket " + ref));
    }

    TicketRow row(long id) {
        return jdbc.sql("SELECT " + TicketRow.COLUMNS + " FROM sd_ticket WHERE id = ?").param(id).query(TicketRow::map).single();
    }

    TicketRow lock(String ref) {
        return jdbc.sql("SELECT " + TicketRow.COLUMNS + " FROM sd_ticket WHERE ref = ? FOR UPDATE").param(ref).query(TicketRow::map)
            .optional().orElseThrow(() -> new NotFoundException("No ticket " + ref));
    }

    /** A ticket the actor may see: a requester sees only their own (404 for anyone else's). */
    TicketRow visible(String ref, String type, Actor actor) {
        // One answer for "no such ticket" and "not yours": the message tells a requester nothing about other people's tickets.
        NotFoundException none = new NotFoundException("No " + (type == null ? "ticket" : type) + " " + ref);
        if (ref == null || ref.length() > MAX_REF) {
            throw none;
        }
        TicketRow row = jdbc.sql("SELECT " + TicketRow.COLUMNS + " FROM sd_ticket WHERE ref = ?").param(ref).query(TicketRow::map)
            .optional().orElseThrow(() -> none);
        if ((type != null && !type.equals(row.type())) || (actor.requesterOnly() && !actor.username().equals(row.requester()))) {
            throw none;
        }
        return row;
    }

    /** Inserts a ticket row; the SLA columns are filled by {@link TicketViews#refreshSla}. */
    long insert(String ref, String type, String title, String description, String status, String holdReason, String impact,
                String urgency, String priority, String category, TicketView.Reporter reporter, String requester, String team,
                String assignee, String item, String answers, String approval, SlaPolicyService.Targets targets, Instant now,
                String raisedBy) {
        long calendarRevision = calendars.current(targets.calendarKey()).id();
        var holder = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sd_ticket (ref, ticket_type, title, description, status, hold_reason, impact, urgency, priority, category,
                    reporter_name, reporter_email, reporter_phone, requester, team_key, assignee, catalogue_item, answers, approval,
                    opened_at, policy_revision_id, calendar_revision_id, notified, imported, created_at, updated_at, version, raised_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, FALSE, ?, ?, 0, ?)""")
            .params(ref, type, title, description, status, holdReason, impact, urgency, priority, category,
                reporter == null ? null : TicketChecks.blank(reporter.name()), reporter == null ? null : TicketChecks.blank(reporter.email()),
                reporter == null ? null : TicketChecks.blank(reporter.phone()), requester, team, assignee, item, answers, approval,
                sql(now), targets.revisionId(), calendarRevision, sql(now), sql(now), raisedBy)
            .update(holder, "id");
        return holder.getKey().longValue();
    }

    /** Who raised the ticket (signed in when it was logged); null for imported history. */
    String raisedBy(long ticketId) {
        return jdbc.sql("SELECT raised_by FROM sd_ticket WHERE id = ?").param(ticketId).query(String.class).optional().orElse(null);
    }

    long event(long ticketId, Instant at, String actor, String kind, String visibility, String text) {
        var holder = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO sd_ticket_event (ticket_id, occurred_at, actor, kind, visibility, body) VALUES (?, ?, ?, ?, ?, ?)")
            .params(ticketId, sql(at), actor, kind, visibility, text).update(holder, "id");
        return holder.getKey().longValue();
    }

    List<Long> cis(long ticketId) {
        return jdbc.sql("SELECT ci_id FROM sd_ticket_ci WHERE ticket_id = ? ORDER BY ci_id").param(ticketId).query(Long.class).list();
    }

    void linkCis(long ticketId, List<Long> cis) {
        for (long ci : cis) {
            jdbc.sql("INSERT INTO sd_ticket_ci (ticket_id, ci_id) VALUES (?, ?)").params(ticketId, ci).update();
        }
    }

    void replaceCis(long ticketId, List<Long> cis) {
        jdbc.sql("DELETE FROM sd_ticket_ci WHERE ticket_id = ?").param(ticketId).update();
        linkCis(ticketId, cis);
    }

    void openHold(long ticketId, String reason, Instant now) {
        jdbc.sql("INSERT INTO sd_ticket_clock (ticket_id, kind, reason, started_at) VALUES (?, 'hold', ?, ?)")
            .params(ticketId, reason, sql(now)).update();
    }

    void closeHold(long ticketId, Instant now) {
        jdbc.sql("UPDATE sd_ticket_clock SET ended_at = ? WHERE ticket_id = ? AND kind = 'hold' AND ended_at IS NULL")
            .params(sql(now), ticketId).update();
    }

    /** The clock stops of each ticket, oldest first. */
    Map<Long, List<Stop>> stops(Collection<Long> ids) {
        Map<Long, List<Stop>> map = new HashMap<>();
        if (ids.isEmpty()) {
            return map;
        }
        jdbc.sql("SELECT ticket_id, kind, reason, started_at, ended_at FROM sd_ticket_clock WHERE ticket_id IN ("
                + String.join(",", ids.stream().map(i -> "?").toList()) + ") ORDER BY started_at, id")
            .params(new ArrayList<Object>(ids))
            .query(rs -> {
                map.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Stop(rs.getString(2), rs.getString(3),
                    TicketRow.ts(rs, "started_at"), TicketRow.ts(rs, "ended_at")));
            });
        return map;
    }

    List<Stop> stops(long id) {
        return stops(List.of(id)).getOrDefault(id, List.of());
    }
}
