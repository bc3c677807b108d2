package org.estate.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header matching of the one CSV reading convention: a header cell names a column by its key
 * ({@code endOfLife}) or by its label as pages show it ({@code End of life}), ignoring case and
 * surrounding spaces. A label that two different columns share must be given by key.
 */
public final class CsvHeader {

    /** A column an import understands. */
    public record Column(String key, String label) {
    }

    private CsvHeader() {
    }

    /** For each header cell, the key of the column it names, or null when it names none. */
    public static List<String> keys(List<String> header, Collection<Column> columns) {
        Map<String, String> byKey = new HashMap<>();
        Map<String, String> byLabel = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (Column c : columns) {
            byKey.put(norm(c.key()), c.key());
            if (c.label() != null) {
                String previous = byLabel.putIfAbsent(norm(c.label()), c.key());
                if (previous != null && !previous.equals(c.key())) {
                    ambiguous.add(norm(c.label()));
                }
            }
        }
        List<String> keys = new ArrayList<>(header.size());
        for (String cell : header) {
            String n = norm(cell);
            String key = byKey.get(n);
            if (key == null && !ambiguous.contains(n)) {
                key = byLabel.get(n);
            }
            keys.add(key);
        }
        return keys;
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
