package org.estate.change.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.change.ChangeView;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.DeskDirectory;
import org.estate.servicedesk.TeamView;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Approval of a change in assessment. A normal {@code low}/{@code medium} change and an emergency
 * change need one manager's approval; a normal {@code high}/{@code very-high} change needs two, by
 * distinct members of the team {@value #CAB}. Nobody decides a change they requested or implement.
 * One rejection (with a note) rejects it.
 */
@Component
class ChangeApprovals {

    static final String CAB = "cab";

    private final ChangeStore store;
    private final DeskDirectory desk;
    private final ChangeMail mail;
    private final AuditLog audit;
    private final Clock clock;
    private FreezeGuard freezeGuard;

    @org.springframework.beans.factory.annotation.Autowired
    void setFreezeGuard(FreezeGuard freezeGuard) {
        this.freezeGuard = freezeGuard;
    }

    ChangeApprovals(ChangeStore store, DeskDirectory desk, ChangeMail mail, AuditLog audit, Clock clock) {
        this.store = store;
        this.desk = desk;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    static boolean needsCab(ChangeView v) {
        return "normal".equals(v.type()) && Set.of("high", "very-high").contains(v.risk().level());
    }

    /** Records the decision; the change as it now is (scheduled, rejected, or still awaiting a second CAB approval). */
    ChangeRow decide(ChangeRow c, ChangeView v, String decision, String note, ChangeActor actor) {
        return decide(c, v, decision, note, null, actor);
    }

    /** As above; {@code freezeReason} is a manager's confirmation of scheduling into a soft freeze ({@link FreezeGuard}). */
    ChangeRow decide(ChangeRow c, ChangeView v, String decision, String note, String freezeReason, ChangeActor actor) {
        if (!"assessment".equals(c.status())) {
            throw new ConflictException(c.ref() + " is " + c.status() + ": it is not awaiting approval");
        }
        if (actor.username().equals(c.requester())) {
            throw new AccessDeniedException("You requested " + c.ref() + ": someone else must decide it");
        }
        if (actor.username().equals(c.implementer())) {
            throw new AccessDeniedException("You implement " + c.ref() + ": someone else must decide it");
        }
        boolean cab = needsCab(v);
        if (cab) {
            boolean member = desk.team(CAB).map(TeamView::members).orElse(List.of()).contains(actor.username());
            if (!member) {
                throw new AccessDeniedException(c.ref() + " is " + v.risk().level() + " risk: members of the CAB (team '" + CAB + "') decide it");
            }
        } else if (!actor.manager()) {
            throw new AccessDeniedException(c.ref() + " is decided by a manager");
        }
        List<FieldError> errors = new java.util.ArrayList<>();
        if (!"approved".equals(decision) && !"rejected".equals(decision)) {
            errors.add(new FieldError("decision", "The decision is approved or rejected"));
        }
        String text = ChangeFields.text(note == null ? Map.of() : Map.of("note", note), "note", null, ChangeFields.MAX_NOTE, true, errors);
        if ("rejected".equals(decision) && text == null && errors.stream().noneMatch(e -> e.field().equals("note"))) {
            errors.add(new FieldError("note", "Say why the change is rejected"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        List<ChangeView.Approval> earlier = store.approvals(c.id());
        if (earlier.stream().anyMatch(a -> a.by().equals(actor.username()))) {
            throw new ConflictException("You have already approved " + c.ref() + ": a second approval must come from another CAB member");
        }
        Instant now = clock.instant();
        long approvals = earlier.stream().filter(a -> "approved".equals(a.decision())).count() + ("approved".equals(decision) ? 1 : 0);
        String next = "rejected".equals(decision) ? "rejected" : approvals >= (cab ? 2 : 1) ? "scheduled" : null;
        // The approval that would schedule the change meets the freezes first (409 naming one).
        FreezeGuard.Confirmation confirmed = "scheduled".equals(next) ? freezeGuard.check(c, freezeReason, actor, FreezeGuard.Refusal.CONFLICT)
            : null;
        store.addApproval(c.id(), actor.username(), decision, text, now);
        audit.record(ChangeService.ENTITY, c.ref(), decision, c.ref() + " " + decision + " by " + actor.username()
            + (cab ? " (CAB)" : "") + (text == null ? "" : ": " + text),
            next == null ? Map.of("approvals", new Change(approvals - 1, approvals)) : Map.of("status", new Change(c.status(), next)));
        if (next == null) {
            store.update(c, c.version(), now); // the version moves on, so a client holding the old ETag sees the approval
            return null;
        }
        ChangeRow moved = c.withStatus(next);
        store.update(moved, c.version(), now);
        freezeGuard.record(c.ref(), confirmed);
        mail.decided(c, decision, actor.username(), text);
        return store.get(c.ref());
    }
}
