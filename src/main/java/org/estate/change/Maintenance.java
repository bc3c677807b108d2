package org.estate.change;

import java.time.Instant;

/**
 * "Which CIs are in maintenance at T?" — for monitoring, which asks on every failed check, so it is
 * cheap: one indexed query for changes, maintenance windows from memory.
 */
public interface Maintenance {

    /**
     * The CIs of changes {@code scheduled} whose planned window contains {@code at}, of changes
     * {@code implementing} from their planned start until they leave implementing (an overrunning
     * change stays in maintenance), and of maintenance windows with an occurrence containing it.
     */
    MaintenanceView at(Instant at);
}
