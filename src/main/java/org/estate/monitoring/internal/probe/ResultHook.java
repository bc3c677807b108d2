package org.estate.monitoring.internal.probe;

import java.util.Map;

/**
 * Something to do with a result beyond recording it (a TLS check updates its certificate CI from
 * what the server presented). The engine calls every hook whose {@link #type()} matches, after the
 * result is recorded and outside the recording transaction; a hook's failure is logged, never fatal.
 */
public interface ResultHook {

    /** The check type whose results this hook wants. */
    String type();

    void after(long checkId, Long ciId, Map<String, Object> target, ProbeResult result);
}
