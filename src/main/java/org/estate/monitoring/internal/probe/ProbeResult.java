package org.estate.monitoring.internal.probe;

import java.util.Map;

/**
 * What one run of a check found. {@code state} is {@code up}, {@code degraded} or {@code down}
 * ({@code ok} is false only for {@code down}); {@code message} says why in plain words (at most
 * 1,000 characters, never a secret); {@code values} are the measures worth keeping (status code,
 * days to expiry, bits per second…), JSON-friendly, small.
 */
public record ProbeResult(boolean ok, String state, long latencyMs, String message, Map<String, Object> values) {

    public static ProbeResult up(long latencyMs, String message, Map<String, Object> values) {
        return new ProbeResult(true, "up", latencyMs, message, values);
    }

    public static ProbeResult degraded(long latencyMs, String message, Map<String, Object> values) {
        return new ProbeResult(true, "degraded", latencyMs, message, values);
    }

    public static ProbeResult down(long latencyMs, String message, Map<String, Object> values) {
        return new ProbeResult(false, "down", latencyMs, message, values);
    }
}
