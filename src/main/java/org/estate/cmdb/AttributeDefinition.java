package org.estate.cmdb;

import java.util.List;

/**
 * One attribute of a CI class. {@code options} lists the allowed values of an {@code enum}
 * attribute (empty otherwise); {@code builtIn} is false for attributes an admin added.
 */
public record AttributeDefinition(String key, String label, AttributeType type, boolean required, List<String> options,
                                  boolean builtIn) {
}
