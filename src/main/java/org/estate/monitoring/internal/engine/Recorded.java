package org.estate.monitoring.internal.engine;

import java.time.Instant;
import java.util.Map;

import org.estate.monitoring.internal.probe.ProbeResult;

/**
 * A result to record, with what the engine knew of its check when it ran ({@code nextRunAt} is
 * the scheduled next run to store, null for a pushed or on-demand result), and after recording
 * the state it left the check in ({@code state}, null when the check no longer exists).
 */
record Recorded(long checkId, Instant at, ProbeResult result, Long ciId, String type, Map<String, Object> target,
                int failureThreshold, int recoveryThreshold, boolean enabled, Instant nextRunAt) {

    static Recorded of(Definition d, Instant at, ProbeResult result, Instant nextRunAt) {
        var c = d.check();
        return new Recorded(c.id(), at, result, c.ciId(), c.type(), c.target(), c.failureThreshold(), c.recoveryThreshold(),
            c.enabled(), nextRunAt);
    }
}
