package org.estate.monitoring.internal.probe;

import java.time.Duration;

/**
 * A check's target, ready to run: made once per version of the check's definition and reused for
 * every run (so it may keep what the next run needs, such as an SNMP counter's last reading).
 * Runs on a virtual thread; several checks' probers run at once, one prober never twice at once.
 */
public interface Prober {

    /** Probes once, within {@code timeout}. Never throws for a failure of the target: that is a {@code down} result. */
    ProbeResult probe(Duration timeout);
}
