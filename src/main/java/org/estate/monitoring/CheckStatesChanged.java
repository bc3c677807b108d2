package org.estate.monitoring;

import java.util.List;

/**
 * Checks' states changed: the changes one transaction recorded (a batch of results, a pause, a
 * resume), in the order recorded, up to {@link #MAX_CHANGES} to an event. Grouped, not one event
 * per check, so a mass outage — a core switch taking 5,000 checks down in a minute, or 100,000
 * imported checks reporting for the first time — is a few thousand events for the reactions to
 * work through, not 100,000. Published through the event publication registry, so the reaction
 * (root-cause grouping, incidents) survives a crash; the cap keeps each stored event within the
 * registry's column on H2 (4,000 characters).
 */
public record CheckStatesChanged(List<CheckStateChanged> changes) {

    /** The most changes one event names (each serialises to at most about 130 characters). */
    public static final int MAX_CHANGES = 24;

    public CheckStatesChanged {
        changes = List.copyOf(changes);
    }

    public static CheckStatesChanged of(CheckStateChanged change) {
        return new CheckStatesChanged(List.of(change));
    }
}
