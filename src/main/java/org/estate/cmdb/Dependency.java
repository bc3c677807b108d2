package org.estate.cmdb;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Something a CI relies on, {@code distance} hops away along impacting relationships. */
public record Dependency(long id, @JsonProperty("class") String ciClass, String name, int distance) {
}
