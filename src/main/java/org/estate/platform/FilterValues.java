package org.estate.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The list filters that take a value from a fixed set (status, priority, class…): one or more
 * values, comma-separated or with the parameter repeated ({@code status=live&status=retired}),
 * meaning any of them. A value outside the set is 422 naming the parameter, never a silent empty
 * list. Values match case-insensitively and come back in their canonical spelling.
 */
public final class FilterValues {

    private FilterValues() {
    }

    /** The values given for {@code param} (empty: no filter), each one of {@code allowed}. */
    public static List<String> anyOf(String param, List<String> given, Collection<String> allowed) {
        List<String> values = new ArrayList<>();
        if (given == null) {
            return values;
        }
        for (String raw : given) {
            if (raw == null) {
                continue;
            }
            for (String part : raw.split(",")) {
                String v = part.trim();
                if (v.isEmpty()) {
                    continue;
                }
                String canonical = allowed.stream().filter(a -> a.equalsIgnoreCase(v)).findFirst()
                    .orElseThrow(() -> new ValidationException(param, "Unknown " + param + " '"
                        + (v.length() > 60 ? v.substring(0, 60) + "…" : v) + "': use " + String.join(", ", allowed)));
                if (!values.contains(canonical)) {
                    values.add(canonical);
                }
            }
        }
        return values;
    }

    /** {@code column IN (:param)} for the values, or nothing when there are none. */
    public static String in(String column, String param, List<String> values) {
        return values.isEmpty() ? "" : " AND " + column + " IN (:" + param + ")";
    }
}
