package org.estate.monitoring.internal.correlation;

import java.time.Instant;

/** A check as the correlator sees it: its CI (or null), its current state and since when, and whether it flaps. */
public record CheckState(long check, String name, Long ci, String state, Instant since, boolean flapping) {

    public boolean down() {
        return "down".equals(state);
    }

    public boolean failing() {
        return "down".equals(state) || "degraded".equals(state);
    }
}
