package org.estate.monitoring.internal.probe;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.platform.ValidationException;

/**
 * One type of check ({@code http}, {@code tcp}…): what its target holds, which of those fields are
 * secrets, and how to probe it. One Spring bean per type; {@link CheckTypes} finds them by key.
 */
public interface CheckType {

    /** The type's key in the API: {@code http}, {@code tcp}, {@code ping}, {@code dns}, {@code tls}, {@code snmp}, {@code database}, {@code heartbeat}, {@code external}. */
    String key();

    /**
     * Failures in a row before {@code down} when the check does not say: 3 for probes (a dropped
     * packet is retried), 1 where the result is a report rather than a probe (a job that says it
     * failed has failed; there is nothing to retry).
     */
    default int defaultFailureThreshold() {
        return 3;
    }

    /** Target fields that are secrets: stored sealed, never returned, never logged. */
    Set<String> secretFields();

    /**
     * Checks a target as a client sent it (secrets included) and returns it normalised: defaults
     * filled in, values in their canonical form, unknown keys refused. Each problem is added to
     * {@code errors} with the field named {@code target.<key>} (e.g. {@code target.url}).
     */
    Map<String, Object> normalise(Map<String, Object> target, List<ValidationException.FieldError> errors);

    /**
     * A prober for a normalised target (secrets included). Types whose results are pushed rather
     * than probed ({@code heartbeat}, {@code external}) return one that judges what was pushed, or
     * null when there is nothing to run.
     */
    Prober prepare(long checkId, Map<String, Object> target);
}
