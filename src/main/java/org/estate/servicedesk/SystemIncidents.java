package org.estate.servicedesk;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Incidents raised by the system rather than a person (monitoring opens one per root cause):
 * opened at a priority set directly with its reason, updated with work notes, resolved with a
 * code, resolved as a duplicate of another, re-prioritised. Each call writes in its own
 * transaction (or joins the caller's), audited under {@code actor}; a P1/P2 opened or raised this
 * way publishes {@link IncidentBecameUrgent} as any other does. Unknown refs are
 * {@link org.estate.platform.NotFoundException}; bad input a {@link org.estate.platform.ValidationException}.
 */
public interface SystemIncidents {

    /** The resolution code for an incident whose every check is up again. */
    String RECOVERED = "monitoring-recovered";
    /** The resolution code for an incident folded into another. */
    String DUPLICATE = "duplicate";

    /**
     * A new incident: {@code priority} P1–P4 with the {@code priorityReason} that set it,
     * {@code affectedCis} the CIs it names (unknown ids are refused), {@code actor} who raised it
     * (e.g. {@code monitoring}).
     */
    record Opening(String title, String description, String priority, String priorityReason, List<Long> affectedCis,
                   String actor) {
    }

    /**
     * Where an incident stands: {@code status} new, in-progress, on-hold, resolved or closed;
     * {@code taken} when an engineer has it (it is assigned, or in progress or on hold); {@code team}
     * the team it is assigned to (null when none), {@code title} its title.
     */
    record State(String ref, String status, String priority, String assignee, boolean taken, String team, String title) {

        /** Not resolved or closed. */
        public boolean open() {
            return !"resolved".equals(status) && !"closed".equals(status);
        }
    }

    /** Opens the incident and returns its ref. */
    String open(Opening opening);

    /** Adds an internal work note; false (and nothing written) when the incident is closed. */
    boolean addUpdate(String ref, String text, String actor);

    /** Adds these CIs to those the incident names (those it names already are left alone). */
    void addAffectedCis(String ref, Collection<Long> cis, String actor);

    /** Resolves an open incident with {@code resolutionCode} and {@code note}; false when it was not open. */
    boolean resolve(String ref, String resolutionCode, String note, String actor);

    /**
     * Resolves {@code ref} as a duplicate of {@code of} (code {@code duplicate}; the note names
     * {@code of}, and {@code of} gets a work note naming {@code ref}); false when {@code ref} was not open.
     */
    boolean resolveAsDuplicate(String ref, String of, String note, String actor);

    /** The incident's state, empty for an unknown ref. */
    Optional<State> state(String ref);

    /** Sets the priority with its reason; raising it to P1/P2 publishes {@link IncidentBecameUrgent}. */
    void changePriority(String ref, String priority, String reason, String actor);
}
