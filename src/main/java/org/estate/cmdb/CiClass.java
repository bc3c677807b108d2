package org.estate.cmdb;

import java.util.List;
import java.util.Optional;

/** A class of configuration item (server, database, business-service, ...) and its attributes in order. */
public record CiClass(String key, String label, String description, List<AttributeDefinition> attributes) {

    public Optional<AttributeDefinition> attribute(String key) {
        return attributes.stream().filter(a -> a.key().equals(key)).findFirst();
    }
}
