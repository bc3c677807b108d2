package org.estate.monitoring.internal;

import java.util.Map;

/**
 * A check as the engine runs it: its settings and its normalised target with the secrets opened
 * (so never returned or logged as it is). {@code version} changes with every edit.
 */
public record CheckDefinition(long id, String name, String type, Long ciId, int intervalSeconds, int timeoutMs,
                              int failureThreshold, int recoveryThreshold, boolean enabled,
                              Map<String, Object> target, long version) {

    @Override
    public String toString() {
        return "CheckDefinition[id=" + id + ", name=" + name + ", type=" + type + ", version=" + version + "]";
    }
}
