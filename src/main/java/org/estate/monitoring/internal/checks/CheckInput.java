package org.estate.monitoring.internal.checks;

import java.util.Map;

/** A check's definition after validation: the target split into what is stored plainly and the secrets to seal. */
record CheckInput(String name, String type, Long ci, int intervalSeconds, int timeoutMs, int failureThreshold,
                  int recoveryThreshold, boolean enabled, Map<String, Object> target, Map<String, Object> secrets) {

    @Override
    public String toString() {
        return "CheckInput[name=" + name + ", type=" + type + "]";
    }
}
