package org.estate.monitoring.internal;

import java.time.Instant;

import org.estate.monitoring.internal.probe.ProbeResult;

/** The engine that runs checks, as the rest of the module calls it. */
public interface CheckEngine {

    /** What a run gave and the state it left the check in. */
    record Run(Instant at, ProbeResult result, String state) {
    }

    /**
     * Runs the check now, records the result exactly as a scheduled run would (thresholds, state
     * change, incidents) and returns it.
     *
     * @throws org.estate.platform.NotFoundException for an unknown check
     */
    Run runNow(long checkId);

    /** Records a result that was pushed rather than probed (a heartbeat ping, an Alertmanager alert). */
    void record(long checkId, ProbeResult result, Instant at);

    /** The check was created, edited, paused or deleted: the engine takes it up at once. */
    void definitionChanged(long checkId);
}
