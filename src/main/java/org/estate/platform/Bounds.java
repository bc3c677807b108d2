package org.estate.platform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The range of every date and instant Estate accepts: years 0001 to 9999, what both databases
 * store and ISO-8601 writes without a sign. A value outside is refused at the edge, naming the
 * field, so that nothing reaches SQL or date arithmetic that cannot be stored or read back.
 */
public final class Bounds {

    // One range for the whole application: the stored values' limits (ValueLimits) are the edge's.
    public static final LocalDate MIN_DATE = ValueLimits.MIN_DATE;
    public static final LocalDate MAX_DATE = ValueLimits.MAX_DATE;
    public static final Instant MIN_INSTANT = ValueLimits.MIN_INSTANT;
    public static final Instant MAX_INSTANT = ValueLimits.MAX_INSTANT;
    /** The longest value a query parameter may have; longer is refused with 400. */
    public static final int MAX_PARAMETER_LENGTH = 1000;
    public static final String RANGE = "between 0001-01-01 and 9999-12-31";

    private Bounds() {
    }

    public static boolean within(Instant i) {
        return i == null || (!i.isBefore(MIN_INSTANT) && !i.isAfter(MAX_INSTANT));
    }

    public static boolean within(LocalDate d) {
        return d == null || (!d.isBefore(MIN_DATE) && !d.isAfter(MAX_DATE));
    }

    /**
     * An instant from a query parameter: ISO-8601 with an offset (a '+' left unencoded in a query
     * string arrives as a space and is put back), years 0001 to 9999; otherwise 400 naming the field.
     */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field, "Give " + field + " as ISO-8601 with an offset, e.g. 2026-11-23T09:00:00Z");
        }
        Instant i = Instants.iso(value);
        if (i == null) {
            throw new BadRequestException(field, field + " is not ISO-8601 with an offset, e.g. 2026-11-23T09:00:00Z");
        }
        if (!within(i)) {
            throw new BadRequestException(field, field + " must be " + RANGE);
        }
        return i;
    }

    /** A date from a query parameter: ISO-8601 (2026-11-23), years 0001 to 9999; otherwise 400 naming the field. */
    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field, "Give " + field + " as a date, e.g. 2026-11-23");
        }
        LocalDate d;
        try {
            d = value.length() > 32 ? null : LocalDate.parse(value.trim());
        } catch (DateTimeException e) {
            d = null;
        }
        if (d == null) {
            throw new BadRequestException(field, field + " is not a date such as 2026-11-23");
        }
        if (!within(d)) {
            throw new BadRequestException(field, field + " must be " + RANGE);
        }
        return d;
    }
}
