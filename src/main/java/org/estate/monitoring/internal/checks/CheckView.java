package org.estate.monitoring.internal.checks;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A check as the API and pages show it: its definition, its target without secrets
 * ({@code secretsSet} names the secret fields that hold a value), and its live state from
 * {@code mon_check_status}. {@code pingUrl} is set only in the answer that issued it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckView(long id, String name, String type, Long ci, String ciName, int intervalSeconds, int timeoutMs,
                        int failureThreshold, int recoveryThreshold, boolean enabled, Map<String, Object> target,
                        List<String> secretsSet, String secretsProblem, String state, Instant since, LastResult lastResult,
                        Instant createdAt, Instant updatedAt, long version, String pingUrl) {

    /** The latest result the engine recorded, or null before the first run. */
    public record LastResult(Instant at, boolean ok, String state, Long latencyMs, String message, Map<String, Object> values) {
    }

    CheckView withPingUrl(String url) {
        return new CheckView(id, name, type, ci, ciName, intervalSeconds, timeoutMs, failureThreshold, recoveryThreshold, enabled,
            target, secretsSet, secretsProblem, state, since, lastResult, createdAt, updatedAt, version, url);
    }

    CheckView withCiName(String n) {
        return new CheckView(id, name, type, ci, n, intervalSeconds, timeoutMs, failureThreshold, recoveryThreshold, enabled,
            target, secretsSet, secretsProblem, state, since, lastResult, createdAt, updatedAt, version, pingUrl);
    }
}
