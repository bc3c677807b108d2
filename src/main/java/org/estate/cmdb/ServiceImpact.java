package org.estate.cmdb;

import java.util.List;

/**
 * What failed CIs do to the business services, without naming everything else: {@code impacted}
 * counts every CI that is not up (as {@link Impact#impacted()} does), {@code services} are the
 * business services among them, nearest first, then by name.
 */
public record ServiceImpact(int impacted, List<Service> services) {

    /** A business service that is {@code down} or {@code degraded}, with its criticality. */
    public record Service(long id, String name, String criticality, String state, int distance) {
    }
}
