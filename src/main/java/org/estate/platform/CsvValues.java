package org.estate.platform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading cell values in the one CSV convention, the same for every import:
 *
 * <ul>
 * <li>a value from a fixed list (class, status, enum, level) matches its key or its label, in any
 * case and ignoring surrounding spaces ({@code Live}, {@code LIVE}, {@code live});</li>
 * <li>a date is ISO ({@code 2027-03-31}) or UK day-first ({@code 31/03/2027}, {@code 31/3/2027});
 * month-first and impossible dates are refused, never guessed;</li>
 * <li>an instant is ISO-8601 with an offset, or a UK day-first date and time
 * ({@code 31/03/2027 14:05}) read in Europe/London, as Excel writes them;</li>
 * <li>in an update an empty cell keeps the stored value, and {@value #CLEAR} clears it (the
 * exports write a real value {@code (clear)} as {@code '(clear)}, see {@link CsvCells}).</li>
 * </ul>
 *
 * Every refusal names the field's label, shows the bad value and says what would be accepted.
 */
public final class CsvValues {

    /** The cell that clears a value in an update. */
    public static final String CLEAR = "(clear)";
    public static final String DATE_FORMS = "a date like 2027-03-31 or 31/03/2027 (day first)";
    public static final String INSTANT_FORMS = "a time like 2027-03-31T14:05:00Z (ISO-8601 with an offset) or 31/03/2027 14:05 (UK time, day first)";
    private static final Pattern UK_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern UK_DATE_TIME = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** One allowed value: its key (what is stored) and the label pages show. */
    public record Option(String key, String label) {
    }

    private CsvValues() {
    }

    /** Whether a cell asks to clear the value. */
    public static boolean isClear(String cell) {
        return cell != null && cell.strip().equalsIgnoreCase(CLEAR);
    }

    /** The key of the option {@code value} names by key or label (any case), or null. */
    public static String option(String value, Collection<Option> options) {
        String n = CsvHeader.norm(value);
        for (Option o : options) {
            if (CsvHeader.norm(o.key()).equals(n)) {
                return o.key();
            }
        }
        for (Option o : options) {
            if (o.label() != null && CsvHeader.norm(o.label()).equals(n)) {
                return o.key();
            }
        }
        return null;
    }

    /** Options whose label is the key capitalised with spaces for hyphens ("on-premises" → "On premises"). */
    public static List<Option> options(Collection<String> keys) {
        return keys.stream().map(k -> new Option(k, label(k))).toList();
    }

    /** "on-premises" → "On premises": how pages show a key. */
    public static String label(String key) {
        return key == null || key.isEmpty() ? "" : Character.toUpperCase(key.charAt(0)) + key.substring(1).replace('-', ' ');
    }

    /** "Status 'alive' is not one of: Planned (planned), Live (live)". */
    public static String notAnOption(String fieldLabel, String value, Collection<Option> options) {
        StringBuilder s = new StringBuilder();
        for (Option o : options) {
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(o.label() == null || o.label().equals(o.key()) ? o.key() : o.label() + " (" + o.key() + ")");
        }
        return fieldLabel + " '" + shown(value.strip()) + "' is not one of: " + s;
    }

    /** A date in ISO or UK day-first form, or null with the problem given (naming the label and the value). */
    public static LocalDate date(String fieldLabel, String value, Consumer<String> problem) {
        String t = value == null ? "" : value.strip();
        Matcher uk = UK_DATE.matcher(t);
        String bad = fieldLabel + " '" + shown(t) + "' is not ";
        try {
            if (uk.matches()) {
                int day = Integer.parseInt(uk.group(1));
                int month = Integer.parseInt(uk.group(2));
                if (month > 12 && day <= 12) {
                    problem.accept(bad + "a date: dates are day first (31/03/2027), not month first");
                    return null;
                }
                return bounded(LocalDate.of(Integer.parseInt(uk.group(3)), month, day), fieldLabel, t, problem);
            }
            if (t.length() == 10) {
                return bounded(LocalDate.parse(t), fieldLabel, t, problem);
            }
        } catch (DateTimeException e) {
            problem.accept(bad + "a real date: use " + DATE_FORMS);
            return null;
        }
        problem.accept(bad + "a date: use " + DATE_FORMS);
        return null;
    }

    private static LocalDate bounded(LocalDate d, String fieldLabel, String t, Consumer<String> problem) {
        if (d.isBefore(ValueLimits.MIN_DATE) || d.isAfter(ValueLimits.MAX_DATE)) {
            problem.accept(fieldLabel + " '" + shown(t) + "' is not a date between 0001-01-01 and 9999-12-31");
            return null;
        }
        return d;
    }

    /** An instant in ISO-8601 with an offset or UK day-first date and time (Europe/London), years 1 to 9999; or null with the problem. */
    public static Instant instant(String fieldLabel, String value, Consumer<String> problem) {
        String t = value == null ? "" : value.strip();
        String bad = fieldLabel + " '" + shown(t) + "' is not ";
        Instant instant = null;
        try {
            Matcher uk = UK_DATE_TIME.matcher(t);
            if (uk.matches()) {
                int day = Integer.parseInt(uk.group(1));
                int month = Integer.parseInt(uk.group(2));
                if (month > 12 && day <= 12) {
                    problem.accept(bad + "a time: dates are day first (31/03/2027 14:05), not month first");
                    return null;
                }
                LocalDateTime local = LocalDateTime.of(Integer.parseInt(uk.group(3)), month, day, Integer.parseInt(uk.group(4)),
                    Integer.parseInt(uk.group(5)), uk.group(6) == null ? 0 : Integer.parseInt(uk.group(6)));
                instant = local.atZone(LONDON).toInstant();
            } else if (t.length() <= 64) {
                instant = OffsetDateTime.parse(t).toInstant();
            }
        } catch (DateTimeParseException e) {
            instant = null;
        } catch (DateTimeException e) {
            problem.accept(bad + "a real time: use " + INSTANT_FORMS);
            return null;
        }
        if (instant == null) {
            problem.accept(bad + INSTANT_FORMS.substring(0, 1).toLowerCase(Locale.ROOT).concat(INSTANT_FORMS.substring(1)));
            return null;
        }
        if (!ValueLimits.inRange(instant)) {
            problem.accept(bad + "a time in the years 1 to 9999");
            return null;
        }
        return instant;
    }

    /** A value echoed in a message, cut short: a message never carries a megabyte back. */
    public static String shown(String s) {
        return s == null || s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
