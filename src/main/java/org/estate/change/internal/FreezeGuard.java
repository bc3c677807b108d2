package org.estate.change.internal;

import java.util.List;
import java.util.Map;

import org.estate.platform.AuditLog;
import org.estate.platform.ConflictException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValueLimits;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Freezes when a change is about to be scheduled. A hard freeze covering the change's CIs over its
 * window keeps a normal or standard change out (emergency only); a soft one lets it in when a
 * manager confirms with a reason ({@code freezeReason}), recorded in the change's history. An
 * emergency change is not stopped (its collisions still show the freeze).
 */
@Component
class FreezeGuard {

    private final FreezeLookup freezes;
    private final AuditLog audit;

    FreezeGuard(FreezeLookup freezes, AuditLog audit) {
        this.freezes = freezes;
        this.audit = audit;
    }

    /** How a refusal is told: 409 naming the freeze (approval), or 422 naming {@code plannedStart} (creating a standard change). */
    enum Refusal { CONFLICT, FIELD }

    /** A manager's confirmation of scheduling in soft freezes, to record in the change's history. */
    record Confirmation(String freezes, String by, String reason) {
    }

    /**
     * Checks that {@code c} may be scheduled now: throws when a freeze keeps it out; the confirmation
     * to {@link #record} when it goes into a soft freeze; null when no freeze covers it.
     */
    Confirmation check(ChangeRow c, String freezeReason, ChangeActor actor, Refusal refusal) {
        if ("emergency".equals(c.type()) || c.plannedStart() == null || c.plannedEnd() == null) {
            return null;
        }
        List<FreezeLookup.FreezeHit> hits = freezes.covering(c.plannedStart(), c.plannedEnd(), c.cis());
        for (FreezeLookup.FreezeHit h : hits) {
            if (h.hard()) {
                refuse("The hard freeze '" + h.name() + "' (" + h.start() + " to " + h.end() + ") covers CI " + h.path().getFirst()
                    + " in this window: only an emergency change may be scheduled in it", refusal);
            }
        }
        if (hits.isEmpty()) {
            return null;
        }
        String names = String.join("', '", hits.stream().map(FreezeLookup.FreezeHit::name).toList());
        String reason = freezeReason == null ? null : freezeReason.strip();
        if (reason == null || reason.isEmpty()) {
            refuse("The soft freeze '" + names + "' covers CI " + hits.getFirst().path().getFirst()
                + " in this window: a manager confirms scheduling it with a reason (freezeReason)", refusal);
        }
        String problem = ValueLimits.textProblem(reason, ChangeFields.MAX_NOTE, true);
        if (problem != null) {
            throw new ValidationException("freezeReason", problem);
        }
        if (!actor.manager()) {
            throw new AccessDeniedException("Only a manager may confirm scheduling in the soft freeze '" + names + "'");
        }
        return new Confirmation(names, actor.username(), reason);
    }

    /** Records a confirmation in the change's history, in the transaction that schedules it. */
    void record(String ref, Confirmation c) {
        if (c != null) {
            audit.record(ChangeService.ENTITY, ref, "freeze-confirmed", ref + " scheduled in the soft freeze '" + c.freezes()
                + "', confirmed by " + c.by() + ": " + c.reason(), Map.of("freezeReason", new AuditLog.Change(null, c.reason())));
        }
    }

    private static void refuse(String message, Refusal refusal) {
        if (refusal == Refusal.FIELD) {
            throw new ValidationException("plannedStart", message);
        }
        throw new ConflictException(message);
    }
}
