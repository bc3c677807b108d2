package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketChecks.abbreviate;
import static org.estate.servicedesk.internal.TicketChecks.text;
import static org.estate.servicedesk.internal.TicketRow.sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.TicketEvent;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.TicketService.StatusChange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workflow: updates on a ticket (work notes, customer updates, the requester's comments) and
 * status changes along new → in-progress → on-hold → resolved → closed, with reopening within the
 * reopen period. Holds and resolution stop the SLA clock; every change recomputes it.
 */
@Component
class TicketWorkflow {

    private final JdbcClient jdbc;
    private final TicketStore store;
    private final TicketViews views;
    private final AuditLog audit;
    private final TicketMail mail;
    private final Clock clock;
    private final Duration reopenPeriod;

    TicketWorkflow(JdbcClient jdbc, TicketStore store, TicketViews views, AuditLog audit, TicketMail mail, Clock clock,
                   @Value("${estate.servicedesk.reopen-period:5d}") Duration reopenPeriod) {
        this.jdbc = jdbc;
        this.store = store;
        this.views = views;
        this.audit = audit;
        this.mail = mail;
        this.clock = clock;
        this.reopenPeriod = reopenPeriod;
    }

    Duration reopenPeriod() {
        return reopenPeriod;
    }

    /** Adds a work note (internal) or a customer update (emailed to the reporter; the first one is the response). */
    @Transactional
    public TicketEvent addUpdate(String ref, String type, String text, String visibility, Actor actor) {
        TicketRow cur = store.visible(ref, type, actor);
        List<FieldError> errors = new ArrayList<>();
        text(errors, "text", text, true, 20000);
        String vis = actor.requesterOnly() ? "customer" : visibility;
        if (!"internal".equals(vis) && !"customer".equals(vis)) {
            errors.add(new FieldError("visibility", "visibility must be internal or customer"));
        }
        if (!actor.requesterOnly() && !actor.engineer()) {
            throw new AccessDeniedException("Viewers read tickets; engineers update them");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        cur = store.lock(ref);
        Instant now = clock.instant();
        String kind = actor.requesterOnly() ? "comment" : "customer".equals(vis) ? "customer" : "note";
        if ("closed".equals(cur.status())) {
            throw new ConflictException(ref + " is closed; raise a new ticket");
        }
        boolean reopen = "comment".equals(kind) && "resolved".equals(cur.status());
        if (reopen && !reopenable(cur, now)) {
            throw new ConflictException(ref + " was resolved more than " + days() + " ago, so a reply no longer reopens it; raise a new ticket");
        }
        long eventId = store.event(cur.id(), now, actor.username(), kind, vis, text.trim());
        Map<String, Change> changes = new LinkedHashMap<>();
        if ("customer".equals(kind) && cur.respondedAt() == null) {
            jdbc.sql("UPDATE sd_ticket SET responded_at = ? WHERE id = ?").params(sql(now), cur.id()).update();
            changes.put("respondedAt", new Change(null, now));
        }
        if ("comment".equals(kind) && "on-hold".equals(cur.status()) && "awaiting-customer".equals(cur.holdReason())) {
            // The customer has answered: the clock runs again.
            store.closeHold(cur.id(), now);
            jdbc.sql("UPDATE sd_ticket SET status = 'in-progress', hold_reason = NULL WHERE id = ?").param(cur.id()).update();
            store.event(cur.id(), now, "system", "status", "customer", "Status on-hold → in-progress (the customer replied)");
            changes.put("status", new Change("on-hold", "in-progress"));
        }
        if (reopen) {
            // "Reply and we will reopen it": the requester's reply within the reopen period reopens the ticket.
            reopen(cur, now, changes);
            store.event(cur.id(), now, "system", "status", "customer", "Status resolved → in-progress (reopened: the customer replied)");
        }
        jdbc.sql("UPDATE sd_ticket SET updated_at = ?, version = version + 1 WHERE id = ?").params(sql(now), cur.id()).update();
        views.refreshSla(cur.id(), now);
        changes.put("update", new Change(null, vis + ": " + abbreviate(text.trim(), 200)));
        audit.record(cur.entity(), ref, "updated", (kind.equals("note") ? "Work note on " : "Update on ") + ref, changes);
        if ("customer".equals(kind)) {
            mail.customerUpdate(cur, text.trim());
        } else if (reopen) {
            mail.reopenedByReply(cur, actor.username(), text.trim());
        } else if ("comment".equals(kind)) {
            mail.customerComment(cur, actor.username(), text.trim());
        }
        return new TicketEvent(eventId, now, actor.username(), kind, vis, text.trim());
    }

    /** Moves a ticket along the workflow; 409 for a move it forbids. */
    @Transactional
    public TicketView changeStatus(String ref, String type, StatusChange change, Actor actor) {
        TicketRow visible = store.visible(ref, type, actor);
        if (actor.requesterOnly() || !actor.engineer()) {
            throw new AccessDeniedException("Only the service desk moves tickets along the workflow");
        }
        List<FieldError> errors = new ArrayList<>();
        String to = change.status();
        if (to == null || !TicketService.STATUSES.contains(to)) {
            throw new ValidationException("status", "Choose the new status: new, in-progress, on-hold, resolved or closed");
        }
        if ("on-hold".equals(to) && (change.holdReason() == null || !TicketService.HOLD_REASONS.contains(change.holdReason()))) {
            errors.add(new FieldError("holdReason", "Say what the ticket is waiting for: the reporter (awaiting-customer), a supplier (awaiting-supplier) or a planned change (awaiting-change)"));
        }
        if ("resolved".equals(to)) {
            if (change.resolutionCode() == null || !TicketService.RESOLUTION_CODES.contains(change.resolutionCode())) {
                errors.add(new FieldError("resolutionCode", "Choose how it was resolved: " + String.join(", ", TicketService.RESOLUTION_CODES)));
            }
            if (change.note() == null || change.note().isBlank()) {
                errors.add(new FieldError("note", "Say how it was resolved: the reporter is sent this note"));
            }
        }
        text(errors, "note", change.note(), false, 4000);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        TicketRow cur = store.lock(visible.ref());
        String from = cur.status();
        if (from.equals(to) || !TicketService.TRANSITIONS.get(from).contains(to)) {
            throw new ConflictException(ref + " cannot move from " + from + " to " + to
                + (TicketService.TRANSITIONS.get(from).isEmpty() ? " (it is closed)" : "; from " + from + " it can go to " + TicketService.TRANSITIONS.get(from)));
        }
        if ("request".equals(cur.type()) && "pending".equals(cur.approval())) {
            throw new ConflictException(ref + " is awaiting approval; it moves on when a manager approves it");
        }
        Instant now = clock.instant();
        if ("resolved".equals(from) && "in-progress".equals(to) && !reopenable(cur, now)) {
            throw new ConflictException(ref + " was resolved more than " + days() + " ago; raise a new ticket");
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("status", new Change(from, to));
        Instant respondedAt = cur.respondedAt();
        Instant resolvedAt = cur.resolvedAt();
        Instant closedAt = cur.closedAt();
        String holdReason = null;
        String resolutionCode = cur.resolutionCode();
        String resolutionNote = cur.resolutionNote();
        if ("on-hold".equals(from)) {
            store.closeHold(cur.id(), now);
        }
        switch (to) {
            case "in-progress" -> {
                if ("resolved".equals(from)) {
                    // Reopened: the resolution clock resumes from where it stopped.
                    endStop(cur.id(), now);
                    resolvedAt = null;
                    resolutionCode = null;
                    resolutionNote = null;
                    changes.put("resolvedAt", new Change(cur.resolvedAt(), null));
                }
                if (respondedAt == null) {
                    respondedAt = now;
                }
            }
            case "on-hold" -> {
                holdReason = change.holdReason();
                store.openHold(cur.id(), holdReason, now);
                changes.put("holdReason", new Change(null, holdReason));
            }
            case "resolved" -> {
                resolvedAt = now;
                resolutionCode = change.resolutionCode();
                resolutionNote = change.note().trim();
                if (respondedAt == null) {
                    respondedAt = now;
                }
                jdbc.sql("INSERT INTO sd_ticket_clock (ticket_id, kind, reason, started_at) VALUES (?, 'stopped', 'resolved', ?)")
                    .params(cur.id(), sql(now)).update();
                changes.put("resolutionCode", new Change(cur.resolutionCode(), resolutionCode));
            }
            case "closed" -> closedAt = now;
            default -> { }
        }
        if (!Objects.equals(respondedAt, cur.respondedAt())) {
            changes.put("respondedAt", new Change(cur.respondedAt(), respondedAt));
        }
        jdbc.sql("""
                UPDATE sd_ticket SET status = ?, hold_reason = ?, responded_at = ?, resolved_at = ?, closed_at = ?,
                    resolution_code = ?, resolution_note = ?, updated_at = ?, version = version + 1 WHERE id = ?""")
            .params(to, holdReason, sql(respondedAt), sql(resolvedAt), sql(closedAt), resolutionCode, resolutionNote, sql(now), cur.id())
            .update();
        String text = "Status " + from + " → " + to + (holdReason != null ? " (" + holdReason + ")" : "")
            + ("resolved".equals(to) ? " (" + resolutionCode + "): " + resolutionNote
            : change.note() != null && !change.note().isBlank() ? ": " + change.note().trim() : "");
        store.event(cur.id(), now, actor.username(), "status", "resolved".equals(to) || "closed".equals(to) || "resolved".equals(from)
            ? "customer" : "internal", text);
        views.refreshSla(cur.id(), now);
        audit.record(cur.entity(), ref, "updated", ref + " " + from + " → " + to, changes);
        TicketRow after = store.row(ref);
        if ("resolved".equals(to)) {
            mail.resolved(after);
        }
        return views.view(after, actor, true);
    }

    /** A resolved ticket may be reopened until the reopen period after its resolution has passed. */
    boolean reopenable(TicketRow t, Instant now) {
        return t.resolvedAt() == null || !now.isAfter(t.resolvedAt().plus(reopenPeriod));
    }

    boolean takesReplies(String status, Instant resolvedAt) {
        Instant now = clock.instant();
        return !"closed".equals(status) && (!"resolved".equals(status) || resolvedAt == null || !now.isAfter(resolvedAt.plus(reopenPeriod)));
    }

    private String days() {
        long d = reopenPeriod.toDays();
        return d >= 1 ? d + (d == 1 ? " day" : " days") : reopenPeriod.toMinutes() + " minutes";
    }

    private void endStop(long ticketId, Instant now) {
        jdbc.sql("UPDATE sd_ticket_clock SET ended_at = ? WHERE ticket_id = ? AND kind = 'stopped' AND ended_at IS NULL")
            .params(sql(now), ticketId).update();
    }

    /** Reopens a resolved ticket as a status change to in-progress does: the resolution clock resumes where it stopped. */
    private void reopen(TicketRow cur, Instant now, Map<String, Change> changes) {
        endStop(cur.id(), now);
        Instant respondedAt = cur.respondedAt() == null ? now : cur.respondedAt();
        jdbc.sql("""
                UPDATE sd_ticket SET status = 'in-progress', hold_reason = NULL, responded_at = ?, resolved_at = NULL,
                    resolution_code = NULL, resolution_note = NULL WHERE id = ?""")
            .params(sql(respondedAt), cur.id()).update();
        changes.put("status", new Change("resolved", "in-progress"));
        changes.put("resolvedAt", new Change(cur.resolvedAt(), null));
        if (cur.respondedAt() == null) {
            changes.put("respondedAt", new Change(null, respondedAt));
        }
    }
}
