package org.estate.change;

import java.time.Instant;
import java.util.List;

/**
 * The CIs in maintenance at an instant. Each CI is listed once, for the reason that lasts longest:
 * {@code change} names the change (scheduled, or implementing and perhaps overrunning: then
 * {@code until}, its planned end, may be past), {@code window} the maintenance window.
 */
public record MaintenanceView(Instant at, List<InMaintenance> cis) {

    public record InMaintenance(long id, String name, String reason, Instant until, String change, Long window) {
    }
}
