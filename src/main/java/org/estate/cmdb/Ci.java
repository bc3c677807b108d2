package org.estate.cmdb;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A configuration item as the API and pages show it. Attribute values are canonical: text as
 * strings, numbers as {@link java.math.BigDecimal}, booleans, dates as ISO strings.
 */
public record Ci(long id, @JsonProperty("class") String ciClass, String name, String status, String criticality,
                 String owner, String description, LocalDate endOfLife, LocalDate endOfSupport, List<String> tags,
                 Map<String, Object> attributes, Instant createdAt, Instant updatedAt, long version) {
}
