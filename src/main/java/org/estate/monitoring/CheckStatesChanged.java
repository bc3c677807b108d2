package org.estate.monitoring;

import java.util.List;

/**
 * Checks' states changed: every change one transaction recorded (a batch of results, a pause, a
 * resume), in the order recorded. One event per transaction, not per check, so a mass outage — a
 * core switch taking 5,000 checks down in a minute, or 100,000 imported checks reporting for the
 * first time — is a few hundred events for the reactions to work through, not 100,000. Published
 * through the event publication registry, so the reaction (root-cause grouping, incidents) survives
 * a crash.
 */
public record CheckStatesChanged(List<CheckStateChanged> changes) {

    public CheckStatesChanged {
        changes = List.copyOf(changes);
    }

    public static CheckStatesChanged of(CheckStateChanged change) {
        return new CheckStatesChanged(List.of(change));
    }
}
