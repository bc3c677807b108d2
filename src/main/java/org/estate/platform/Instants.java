package org.estate.platform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * Reading instants as people and scripts write them, in one place: ISO-8601 with an offset from an
 * API parameter or body, and a time typed on a form. Each caller still decides its own range and how
 * it reports a problem (400, 422, a form error).
 */
public final class Instants {

    /** The longest text read as an instant; longer is refused before any parsing. */
    public static final int MAX_LENGTH = 64;

    private Instants() {
    }

    /**
     * ISO-8601 with an offset ({@code 2027-01-04T09:00:00Z}, {@code 2027-01-04T09:00+01:00}), or null
     * when the text is not one. A '+' left unencoded in a query string arrives as a space and is put back.
     */
    public static Instant iso(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A time typed on a form (31/03/2027 14:05 in London, or ISO-8601), as the API's ISO text; a
     * missing or unreadable one is put in {@code errors} under {@code field} and answers null.
     */
    public static String formTime(String value, String field, String label, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.putIfAbsent(field, "Enter the " + label.toLowerCase(Locale.ROOT));
            return null;
        }
        Instant i = CsvValues.instant(label, value, p -> errors.putIfAbsent(field, p));
        return i == null ? null : i.toString();
    }
}
