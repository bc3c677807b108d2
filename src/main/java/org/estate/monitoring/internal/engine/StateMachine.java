package org.estate.monitoring.internal.engine;

import org.estate.monitoring.internal.probe.ProbeResult;

/**
 * How one result moves a check's state (README "The engine", thresholds):
 * <ul>
 * <li>a failure ({@code ok} false) outside maintenance adds to the failures in a row; at the check's
 *     failure threshold the state becomes {@code down} (before that it stays as it was);</li>
 * <li>a failure while the CI is in maintenance is stored as {@code maintenance} and puts the check in
 *     {@code maintenance} at once (no threshold: it silences), resetting both counts;</li>
 * <li>a good result ({@code up} or {@code degraded}) adds to the successes in a row; a check that is
 *     {@code down} comes back (as the result's state) only at the recovery threshold; from any other
 *     state it takes the result's state at once. So {@code degraded} counts as a success for the
 *     thresholds: it never makes a check {@code down} and it ends a run of failures.</li>
 * <li>a paused check keeps {@code paused} whatever it records.</li>
 * </ul>
 */
final class StateMachine {

    static final String UP = "up";
    static final String DEGRADED = "degraded";
    static final String DOWN = "down";
    static final String MAINTENANCE = "maintenance";
    static final String UNKNOWN = "unknown";
    static final String PAUSED = "paused";

    /** The state stored with the result, the counts after it and the check's state after it. */
    record Step(String resultState, int failures, int successes, String state) {
    }

    private StateMachine() {
    }

    /** The state a result is stored as: {@code up}, {@code degraded}, {@code down} or {@code maintenance}. */
    static String resultState(ProbeResult r, boolean inMaintenance) {
        if (!r.ok()) {
            return inMaintenance ? MAINTENANCE : DOWN;
        }
        return DEGRADED.equals(r.state()) ? DEGRADED : UP;
    }

    static Step apply(String current, int failures, int successes, boolean enabled, int failureThreshold,
                      int recoveryThreshold, String resultState) {
        String next;
        int f;
        int s;
        switch (resultState) {
            case MAINTENANCE -> {
                f = 0;
                s = 0;
                next = MAINTENANCE;
            }
            case DOWN -> {
                f = failures + 1;
                s = 0;
                next = f >= Math.max(1, failureThreshold) ? DOWN : current;
            }
            default -> {
                f = 0;
                s = successes + 1;
                next = DOWN.equals(current) && s < Math.max(1, recoveryThreshold) ? DOWN : resultState;
            }
        }
        if (!enabled) {
            next = PAUSED;
        }
        return new Step(resultState, f, s, next);
    }

    /** The small number a result's state is stored as (mon_result.state). */
    static int code(String resultState) {
        return switch (resultState) {
            case UP -> 0;
            case DEGRADED -> 1;
            case DOWN -> 2;
            default -> 3;
        };
    }

    static String state(int code) {
        return switch (code) {
            case 0 -> UP;
            case 1 -> DEGRADED;
            case 2 -> DOWN;
            default -> MAINTENANCE;
        };
    }
}
