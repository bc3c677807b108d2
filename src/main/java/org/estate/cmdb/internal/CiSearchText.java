package org.estate.cmdb.internal;

import java.util.Locale;
import java.util.Map;

/**
 * The text a CI is found by, in lower case, one item per line: its name, every attribute value
 * (IP address, host name, serial number, model..., as the CSV export writes them), its owner and
 * its description. Kept in the {@code ci.search_text} column by every write of a CI in the same
 * statement, so it is never stale. Both the search box ({@link CiSearch}, which then ranks by name
 * and values only) and the CI list's text filter ({@link CiList}) match it with one
 * {@code LIKE '%text%'}: PostgreSQL answers that from a trigram index (V31), H2 by reading its own
 * index of the column (V55), which is small enough to stay in H2's cache, instead of the CI rows.
 */
final class CiSearchText {

    /** The column's size: a CI's name and values are far shorter, this only keeps a hostile one storable. */
    static final int MAX = 200_000;

    private CiSearchText() {
    }

    static String of(String name, String owner, String description, Map<String, Object> attributes) {
        StringBuilder text = new StringBuilder(name.toLowerCase(Locale.ROOT));
        if (attributes != null) {
            for (Object value : attributes.values()) {
                String v = value == null ? null : CsvExporter.cell(value);
                if (v != null && !v.isBlank()) {
                    text.append('\n').append(v.toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String v : new String[] {owner, description}) {
            if (v != null && !v.isBlank()) {
                text.append('\n').append(v.toLowerCase(Locale.ROOT));
            }
        }
        return text.length() > MAX ? text.substring(0, MAX) : text.toString();
    }
}
