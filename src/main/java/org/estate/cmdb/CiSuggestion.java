package org.estate.cmdb;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A CI as a picker offers it: {@code label} is what to type to name it without doubt,
 * "Name (Class label)", which {@link Cmdb#named(String)} reads back.
 */
public record CiSuggestion(long id, String name, @JsonProperty("class") String ciClass, String classLabel, String label) {
}
