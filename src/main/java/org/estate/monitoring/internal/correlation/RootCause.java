package org.estate.monitoring.internal.correlation;

import java.time.Instant;
import java.util.List;

/**
 * One root cause found in the current states: a failing CI that relies on no other down CI (or a
 * failing check that watches no CI). {@code key} names it ({@code ci:12}, {@code check:5});
 * {@code check} is its worst check, {@code checks} all its failing checks; {@code kind} is
 * {@code outage}, {@code redundancy-lost} or {@code degraded}; {@code priority} and {@code reason}
 * follow from the worst business service it puts down; {@code affectedCis} are the root's and its
 * symptoms' CIs that the CMDB knows.
 */
public record RootCause(String key, Long ci, String name, long check, String state, Instant since, List<Long> checks,
                        List<Symptom> symptoms, List<Service> services, String kind, String priority, String reason,
                        List<Long> affectedCis) {

    /** A failing check on a CI that relies on the root cause. */
    public record Symptom(long ci, String ciName, long check, String checkName, String state) {
    }

    /** A business service the root cause puts down or degrades. */
    public record Service(long id, String name, String state, String criticality) {
    }

    public static String ciKey(long ci) {
        return "ci:" + ci;
    }

    public static String checkKey(long check) {
        return "check:" + check;
    }
}
