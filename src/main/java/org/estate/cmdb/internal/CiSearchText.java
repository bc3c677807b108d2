package org.estate.cmdb.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * The text the search box looks in for a CI: its name and every attribute value (IP address, host
 * name, serial number, model...), in lower case, one per line. Kept in the {@code ci.search_text}
 * column by every write of a CI in the same statement, so it is never stale; PostgreSQL indexes it
 * with trigrams (V31), so that "contains" is an index lookup there.
 */
final class CiSearchText {

    /** The column's size: a CI's name and values are far shorter, this only keeps a hostile one storable. */
    static final int MAX = 200_000;

    private CiSearchText() {
    }

    static String of(String name, Map<String, Object> attributes) {
        StringBuilder text = new StringBuilder(name.toLowerCase(Locale.ROOT));
        if (attributes != null) {
            for (Object value : attributes.values()) {
                // Booleans are left out: "true" would find every CI with a flag.
                String v = value instanceof BigDecimal d ? d.toPlainString() : value instanceof String s ? s : null;
                if (v != null && !v.isBlank()) {
                    text.append('\n').append(v.toLowerCase(Locale.ROOT));
                }
            }
        }
        return text.length() > MAX ? text.substring(0, MAX) : text.toString();
    }
}
