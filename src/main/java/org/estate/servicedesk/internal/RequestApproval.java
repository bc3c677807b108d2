package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketChecks.blank;
import static org.estate.servicedesk.internal.TicketChecks.text;
import static org.estate.servicedesk.internal.TicketRow.sql;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.TicketView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Approval of service requests: a manager, never the requester nor whoever raised it, approves or rejects a request waiting for it. */
@Component
class RequestApproval {

    private final JdbcClient jdbc;
    private final TicketStore store;
    private final TicketViews views;
    private final AuditLog audit;
    private final TicketMail mail;
    private final Clock clock;

    RequestApproval(JdbcClient jdbc, TicketStore store, TicketViews views, AuditLog audit, TicketMail mail, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.views = views;
        this.audit = audit;
        this.mail = mail;
        this.clock = clock;
    }

    /**
     * The one approval rule, whatever the path (API, page, an admin): a manager decides, and never
     * on a request they raised or that is raised for them. Null when the actor may decide.
     */
    String refusal(TicketRow request, Actor actor) {
        if (!actor.manager()) {
            return "Only a manager may approve or reject a request";
        }
        if (actor.username().equals(request.requester())) {
            return "You cannot approve " + request.ref() + ": it is raised for you; another manager must decide";
        }
        if (actor.username().equals(store.raisedBy(request.id()))) {
            return "You cannot approve " + request.ref() + ": you raised it" + (request.requester() == null ? "" : " for "
                + request.requester()) + "; another manager must decide";
        }
        return null;
    }

    /** Why the actor may not decide on the request now (null when they may): for pages, which offer the form only when they may. */
    @Transactional(readOnly = true)
    public String refusal(String ref, Actor actor) {
        return refusal(store.visible(ref, "request", actor), actor);
    }

    /** A manager (never the requester nor whoever raised it) approves or rejects a request waiting for approval. */
    @Transactional
    public TicketView decide(String ref, String decision, String note, Actor actor) {
        TicketRow cur = store.visible(ref, "request", actor);
        String refusal = refusal(cur, actor);
        if (refusal != null) {
            throw new AccessDeniedException(refusal);
        }
        List<FieldError> errors = new ArrayList<>();
        if (!"approved".equals(decision) && !"rejected".equals(decision)) {
            errors.add(new FieldError("decision", "decision must be approved or rejected"));
        }
        if ("rejected".equals(decision) && (note == null || note.isBlank())) {
            errors.add(new FieldError("note", "Say why the request is rejected: the requester is told"));
        }
        text(errors, "note", note, false, 2000);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        cur = store.lock(ref);
        refusal = refusal(cur, actor);
        if (refusal != null) {
            // The requester changed since it was read: the rule holds on the row as it is now.
            throw new AccessDeniedException(refusal);
        }
        if (!"pending".equals(cur.approval())) {
            throw new ConflictException(ref + " is not waiting for approval (approval: " + cur.approval() + ")");
        }
        Instant now = clock.instant();
        store.closeHold(cur.id(), now);
        if ("approved".equals(decision)) {
            jdbc.sql("""
                    UPDATE sd_ticket SET approval = 'approved', approver = ?, approval_note = ?, approved_at = ?, status = 'new',
                        hold_reason = NULL, updated_at = ?, version = version + 1 WHERE id = ?""")
                .params(actor.username(), blank(note), sql(now), sql(now), cur.id()).update();
        } else {
            jdbc.sql("""
                    UPDATE sd_ticket SET approval = 'rejected', approver = ?, approval_note = ?, approved_at = ?, status = 'closed',
                        hold_reason = NULL, resolution_code = 'rejected', resolution_note = ?, responded_at = COALESCE(responded_at, ?),
                        resolved_at = ?, closed_at = ?, updated_at = ?, version = version + 1 WHERE id = ?""")
                .params(actor.username(), note.trim(), sql(now), note.trim(), sql(now), sql(now), sql(now), sql(now), cur.id()).update();
        }
        store.event(cur.id(), now, actor.username(), "approval", "customer", ("approved".equals(decision) ? "Approved" : "Rejected")
            + (blank(note) == null ? "" : ": " + note.trim()));
        views.refreshSla(cur.id(), now);
        audit.record("request", ref, "updated", ref + " " + decision + " by " + actor.username(), Map.of(
            "approval", new Change("pending", decision), "status", new Change(cur.status(), "approved".equals(decision) ? "new" : "closed")));
        TicketRow after = store.row(ref);
        mail.decided(after);
        return views.view(after, actor, true);
    }
}
