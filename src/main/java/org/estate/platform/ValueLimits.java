package org.estate.platform;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The range and precision of every typed value Estate stores, so that what is accepted is stored
 * and read back exactly, and what is not is refused with a reason (never shifted, rounded or left
 * to burn CPU):
 *
 * <ul>
 *   <li>numbers: at most {@value #MAX_INTEGER_DIGITS} digits before the decimal point and
 *       {@value #MAX_FRACTION_DIGITS} after it (so at most 38 significant digits); exponent notation
 *       such as {@code 1.5e3} is accepted when the value fits; the text of a number is refused past
 *       {@value #MAX_NUMBER_TEXT} characters before any arithmetic is done. Trailing zeros after the
 *       point are not kept ({@code 1.50} reads back as {@code 1.5});</li>
 *   <li>dates: {@link #MIN_DATE} to {@link #MAX_DATE} ({@code yyyy-mm-dd}, four-digit years);</li>
 *   <li>instants: {@link #MIN_INSTANT} to {@link #MAX_INSTANT};</li>
 *   <li>text: an explicit maximum length per field, and no control characters (other than tab and
 *       line breaks where a field may hold several lines) nor unpaired surrogates, which a database
 *       could not store as given.</li>
 * </ul>
 */
public final class ValueLimits {

    public static final int MAX_INTEGER_DIGITS = 28;
    public static final int MAX_FRACTION_DIGITS = 10;
    public static final int MAX_NUMBER_TEXT = 100;
    public static final LocalDate MIN_DATE = LocalDate.of(1, 1, 1);
    public static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");
    public static final String NUMBER_RULE = "at most " + MAX_INTEGER_DIGITS + " digits before the decimal point and "
        + MAX_FRACTION_DIGITS + " after it";

    private ValueLimits() {
    }

    /** A number, or why it is refused. */
    public record Decimal(BigDecimal value, String problem) {
    }

    /** Parses the text of a number (length-capped before parsing) and checks its range. */
    public static Decimal decimal(String text) {
        if (text == null || text.isBlank()) {
            return new Decimal(null, "Must be a number, like 8 or 99.95");
        }
        String t = text.strip();
        if (t.length() > MAX_NUMBER_TEXT) {
            return new Decimal(null, "Must be a number with " + NUMBER_RULE);
        }
        try {
            return decimal(new BigDecimal(t));
        } catch (NumberFormatException | ArithmeticException e) {
            return new Decimal(null, "Must be a number, like 8 or 99.95");
        }
    }

    /** Checks the range of a number and makes it canonical (no trailing zeros, no exponent). */
    public static Decimal decimal(BigDecimal number) {
        if (number.signum() == 0) {
            return new Decimal(BigDecimal.ZERO, null);
        }
        // precision - scale is the number of digits before the point: cheap, whatever the exponent.
        long integerDigits = (long) number.precision() - number.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return new Decimal(null, "Must be a number with " + NUMBER_RULE + " (this one is too large)");
        }
        if (number.precision() > 1000) {
            return new Decimal(null, "Must be a number with " + NUMBER_RULE);
        }
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() > MAX_FRACTION_DIGITS) {
            return new Decimal(null, "Must be a number with " + NUMBER_RULE + " (this one has too many decimal places)");
        }
        return new Decimal(stripped.scale() < 0 ? stripped.setScale(0) : stripped, null);
    }

    /** Parses a {@code yyyy-mm-dd} date within range; null with a problem otherwise. */
    public static LocalDate date(String text, java.util.function.Consumer<String> problem) {
        String t = text == null ? "" : text.strip();
        if (t.length() != 10) {
            problem.accept("Must be a real date like 2027-03-31, between 0001-01-01 and 9999-12-31");
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(t);
            if (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
                problem.accept("Must be a date between 0001-01-01 and 9999-12-31");
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            problem.accept("Must be a real date like 2027-03-31, between 0001-01-01 and 9999-12-31");
            return null;
        }
    }

    /** Whether an instant is within the range Estate stores. */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(MIN_INSTANT) && !instant.isAfter(MAX_INSTANT);
    }

    /**
     * Why a text cannot be stored as given (too long, a control character, an unpaired surrogate),
     * or null when it can. {@code multiline} allows tab, line feed and carriage return.
     */
    public static String textProblem(String text, int maxLength, boolean multiline) {
        if (text == null) {
            return null;
        }
        if (text.length() > maxLength) {
            return "Must be " + maxLength + " characters or fewer";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "Contains an invalid character (an unpaired surrogate)";
            }
            boolean lineBreakOrTab = c == '\t' || c == '\n' || c == '\r';
            if ((c < 0x20 || c == 0x7F) && !(multiline && lineBreakOrTab)) {
                return multiline ? "Must not contain control characters" : "Must be one line, without control characters";
            }
        }
        return null;
    }
}
