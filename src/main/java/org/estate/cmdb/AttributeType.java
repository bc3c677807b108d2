package org.estate.cmdb;

import java.util.Optional;

/** The type of a CI attribute; {@link #key()} is the name used in the API and CSV. */
public enum AttributeType {
    TEXT("text"), NUMBER("number"), BOOLEAN("boolean"), DATE("date"), IP_ADDRESS("ip-address"), URL("url"),
    EMAIL("email"), ENUM("enum");

    private final String key;

    AttributeType(String key) {
        this.key = key;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String key() {
        return key;
    }

    public static Optional<AttributeType> fromKey(String key) {
        for (AttributeType t : values()) {
            if (t.key.equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
