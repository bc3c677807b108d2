package org.estate.monitoring.internal;

import java.time.Instant;

/**
 * Whether a CI's results count as maintenance at an instant: the CI is in maintenance (the change
 * module's answer) or relies on one that is. Asked on every failed result, so it is cheap.
 */
public interface MaintenanceFilter {

    boolean inMaintenance(Long ciId, Instant at);
}
