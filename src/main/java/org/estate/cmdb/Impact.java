package org.estate.cmdb;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What stops working when the {@code failed} CIs fail: every other CI that is not up, business
 * services first, then by distance (hops from the nearest failed CI) and name.
 */
public record Impact(List<Long> failed, List<Impacted> impacted) {

    /** One impacted CI; {@code state} is {@code down} or {@code degraded}. */
    public record Impacted(long id, @JsonProperty("class") String ciClass, String name, String state, int distance) {
    }
}
