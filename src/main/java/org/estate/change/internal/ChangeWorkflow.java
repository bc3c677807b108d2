package org.estate.change.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.estate.change.ChangeView;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A change's way through the workflow: submitted for assessment, decided by approval, moved on to
 * implementing, review and closed (or cancelled). Each move and its history are one transaction.
 */
@Service
public class ChangeWorkflow {

    public static final List<String> OUTCOMES = List.of("successful", "successful-with-issues", "failed-backed-out", "failed");
    private static final Set<String> FAILED = Set.of("failed", "failed-backed-out");
    private static final String ENTITY = ChangeService.ENTITY;
    private static final List<String> STATUSES = ChangeService.STATUSES;

    private final ChangeStore store;
    private final ChangeService changes;
    private final ChangeTemplates templates;
    private final ChangeMail mail;
    private final ChangeApprovals approvals;
    private final CollisionFlags flags;
    private final AuditLog audit;
    private final Clock clock;

    ChangeWorkflow(ChangeStore store, ChangeService changes, ChangeTemplates templates, ChangeMail mail, ChangeApprovals approvals,
                   CollisionFlags flags, AuditLog audit, Clock clock) {
        this.flags = flags;
        this.store = store;
        this.changes = changes;
        this.templates = templates;
        this.mail = mail;
        this.approvals = approvals;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the CAB decides this change (a normal change of high or very-high risk) rather than one manager. */
    public static boolean needsCab(ChangeView v) {
        return ChangeApprovals.needsCab(v);
    }

    /** The moves {@link #changeStatus} allows from a status (approval decides assessment → scheduled or rejected). */
    public static List<String> moves(String status) {
        return switch (status == null ? "" : status) {
            case "draft", "assessment" -> List.of("cancelled");
            case "scheduled" -> List.of("implementing", "cancelled");
            case "implementing" -> List.of("review", "closed");
            case "review" -> List.of("closed");
            default -> List.of();
        };
    }

    /** A status move asked for: {@code outcome} and {@code review} when closing, {@code note} for the timeline. */
    public record StatusChange(String status, String outcome, String review, String note) {
    }

    /** Draft → assessment, by the requester, the implementer or a manager; a normal change needs its three plans. */
    @Transactional
    public ChangeView submit(String ref, ChangeActor actor) {
        ChangeRow cur = store.get(ref);
        ChangeService.mayAct(cur, actor, "submit");
        if (!"draft".equals(cur.status())) {
            throw new ConflictException(cur.ref() + " is " + cur.status() + ": only a draft is submitted");
        }
        if ("normal".equals(cur.type())) {
            List<FieldError> errors = new ArrayList<>();
            if (cur.implementationPlan() == null) {
                errors.add(new FieldError("implementationPlan", "A normal change needs an implementation plan before it is submitted"));
            }
            if (cur.backoutPlan() == null) {
                errors.add(new FieldError("backoutPlan", "A normal change needs a back-out plan before it is submitted"));
            }
            if (cur.testPlan() == null) {
                errors.add(new FieldError("testPlan", "A normal change needs a test plan before it is submitted"));
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
        }
        Instant now = clock.instant();
        ChangeRow next = cur.withSubmitted(now);
        store.update(next, cur.version(), now);
        audit.record(ENTITY, cur.ref(), "status", cur.ref() + " submitted for assessment", Map.of("status", new Change("draft", "assessment")));
        ChangeRow stored = store.get(cur.ref());
        flags.written(cur, stored, false);
        ChangeView v = changes.view(stored);
        mail.awaitingApproval(next, ChangeApprovals.needsCab(v), v.risk().level());
        return v;
    }

    /**
     * Moves a change along scheduled → implementing → review → closed, or cancels it. 409 for a
     * move the workflow forbids (approval decides assessment → scheduled/rejected); 422 when the
     * outcome, or the review a failed or emergency change needs, is missing. A failed standard
     * change suspends its template.
     */
    @Transactional
    public ChangeView changeStatus(String ref, StatusChange move, ChangeActor actor) {
        ChangeRow cur = store.get(ref);
        ChangeService.mayAct(cur, actor, "move");
        String to = move == null ? null : move.status();
        if (to == null || !STATUSES.contains(to)) {
            throw new ValidationException("status", "Give the status: " + String.join(", ", STATUSES));
        }
        List<String> allowed = moves(cur.status());
        if (!allowed.contains(to)) {
            String hint = "draft".equals(cur.status()) && "assessment".equals(to) ? " (submit it with POST /api/v1/changes/" + cur.ref() + "/submit)"
                : "assessment".equals(cur.status()) && Set.of("scheduled", "rejected").contains(to)
                ? " (an approval decides it: POST /api/v1/changes/" + cur.ref() + "/approvals)" : "";
            throw new ConflictException(cur.ref() + " cannot move from " + cur.status() + " to " + to + hint);
        }
        List<FieldError> errors = new ArrayList<>();
        String note = ChangeFields.text(move.note() == null ? Map.of() : Map.of("note", move.note()), "note", null, ChangeFields.MAX_NOTE, true, errors);
        String outcome = cur.outcome();
        String review = cur.review();
        if (move.outcome() != null) {
            if (!OUTCOMES.contains(move.outcome())) {
                errors.add(new FieldError("outcome", "The outcome is one of " + String.join(", ", OUTCOMES)));
            } else if (Set.of("review", "closed").contains(to)) {
                outcome = move.outcome();
            }
        }
        if (move.review() != null) {
            review = ChangeFields.text(Map.of("review", move.review()), "review", review, ChangeFields.MAX_TEXT, true, errors);
        }
        if (Set.of("review", "closed").contains(to) && outcome == null && errors.isEmpty()) {
            errors.add(new FieldError("outcome", "Give the outcome: " + String.join(", ", OUTCOMES)));
        }
        if ("closed".equals(to) && outcome != null && (FAILED.contains(outcome) || "emergency".equals(cur.type())) && review == null
            && errors.stream().noneMatch(e -> e.field().equals("review"))) {
            errors.add(new FieldError("review", "A " + (FAILED.contains(outcome) ? "failed" : "emergency")
                + " change needs a post-implementation review before it is closed"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant();
        ChangeRow next = cur.withClosing(to, outcome, review);
        store.update(next, cur.version(), now);
        Map<String, Change> diff = new LinkedHashMap<>();
        diff.put("status", new Change(cur.status(), to));
        if (!Objects.equals(cur.outcome(), outcome)) {
            diff.put("outcome", new Change(cur.outcome(), outcome));
        }
        if (!Objects.equals(cur.review(), review)) {
            diff.put("review", new Change(cur.review(), review));
        }
        audit.record(ENTITY, cur.ref(), "status", cur.ref() + " moved to " + to + (note == null ? "" : ": " + note), diff);
        if (cur.template() != null && outcome != null && FAILED.contains(outcome) && !Objects.equals(cur.outcome(), outcome)) {
            templates.suspend(cur.template(), cur.ref() + " from it ended " + outcome);
        }
        ChangeRow stored = store.get(cur.ref());
        flags.written(cur, stored, false);
        return changes.view(stored);
    }

    @Transactional
    public ChangeView decide(String ref, String decision, String note, ChangeActor actor) {
        return decide(ref, decision, note, null, actor);
    }

    /** As above; {@code freezeReason}: a manager confirms scheduling into a soft freeze (without it, 409 naming the freeze). */
    @Transactional
    public ChangeView decide(String ref, String decision, String note, String freezeReason, ChangeActor actor) {
        ChangeRow cur = store.get(ref);
        ChangeView before = changes.view(cur);
        ChangeRow after = approvals.decide(cur, before, decision, note, freezeReason, actor);
        ChangeRow stored = after == null ? store.get(cur.ref()) : after;
        flags.written(cur, stored, false);
        return changes.view(stored);
    }

}
