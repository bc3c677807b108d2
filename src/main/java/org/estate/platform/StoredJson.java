package org.estate.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads JSON that Estate stored itself (attribute values, audit changes), tolerant of values
 * stored before today's limits: a number outside {@link ValueLimits} comes back as its stored text
 * (never converted, so a 1,001-digit integer costs nothing), and a document that is not JSON at
 * all comes back as its text. A reader never fails on what is in the database, so any record can
 * still be read, repaired and deleted.
 */
public final class StoredJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE).build())
        .build();

    private StoredJson() {
    }

    /**
     * The value as plain Java: {@code Map} (in order), {@code List}, {@code String},
     * {@code BigDecimal} (canonical, within limits), {@code Boolean} or null. Not JSON: the text.
     */
    public static Object read(String text) {
        if (text == null) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            JsonToken t = p.nextToken();
            return t == null ? null : value(p, t);
        } catch (JacksonException | IllegalStateException e) {
            return text;
        }
    }

    /** Reads a stored JSON object; anything else (or bad JSON) comes back under the key {@code "stored"}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Object v = read(text);
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("stored", v);
        return wrapped;
    }

    private static Object value(JsonParser p, JsonToken t) {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String name = p.currentName();
                    map.put(name, value(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    list.add(value(p, n));
                }
                return list;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                String s = p.getString();
                ValueLimits.Decimal d = ValueLimits.decimal(s);
                return d.problem() == null ? d.value() : s;
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> {
                return p.getString();
            }
        }
    }
}
