package org.estate.servicedesk;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Business time on a calendar: a time zone, opening intervals per weekday and holidays on which
 * it is shut. Immutable and thread-safe.
 *
 * <p>All arithmetic is done on real instants: each opening interval of a local date is turned into
 * the two instants at which it starts and ends in the calendar's zone, so a day on which the clocks
 * change has its real length (a 24-hour calendar's spring-forward day is 23 hours long), an
 * interval ending at 24:00 ends at the next day's start of day, and a span that crosses midnight
 * or a holiday is split day by day. Counting is to the second; the API rounds down to minutes.
 */
public final class BusinessCalendar {

    /** An opening interval of a day, in minutes from midnight: {@code from} inclusive, {@code to} exclusive, to ≤ 1440. */
    public record Interval(int from, int to) {
        public Interval {
            if (from < 0 || to > 1440 || from >= to) {
                throw new IllegalArgumentException("An interval runs from 00:00 to 24:00 and ends after it starts");
            }
        }

        public static Interval of(String from, String to) {
            return new Interval(minutes(from), minutes(to));
        }

        public String fromText() {
            return text(from);
        }

        public String toText() {
            return text(to);
        }

        public int minutes() {
            return to - from;
        }

        static int minutes(String hhmm) {
            if (hhmm == null || !hhmm.matches("\\d{2}:\\d{2}")) {
                throw new IllegalArgumentException("'" + hhmm + "' is not a time: use HH:MM, 00:00 to 24:00");
            }
            int h = Integer.parseInt(hhmm.substring(0, 2));
            int m = Integer.parseInt(hhmm.substring(3));
            if (m > 59 || h > 24 || (h == 24 && m != 0)) {
                throw new IllegalArgumentException("'" + hhmm + "' is not a time: use HH:MM, 00:00 to 24:00");
            }
            return h * 60 + m;
        }

        static String text(int minutes) {
            return String.format("%02d:%02d", minutes / 60, minutes % 60);
        }
    }

    /** The last date business time is counted to: a due time after it cannot be written as a date and is refused. */
    public static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);
    /** The first date business time is counted from. */
    public static final LocalDate FIRST_DATE = LocalDate.of(1, 1, 1);

    /** A due time that would fall after {@link #LAST_DATE} (or a span outside the dates counted). */
    public static final class OutOfRange extends RuntimeException {
        public OutOfRange(String message) {
            super(message);
        }
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Interval>> hours;
    private final int[][] daily;
    private final Set<LocalDate> holidays;
    private final TreeSet<LocalDate> holidayOrder;
    private final long weekSeconds;

    public BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Interval>> hours, Collection<LocalDate> holidays) {
        this.zone = zone;
        Map<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
        this.daily = new int[7][];
        boolean open = false;
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Interval> list = new ArrayList<>(hours.getOrDefault(day, List.of()));
            list.sort(Comparator.comparingInt(Interval::from));
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i).from() < list.get(i - 1).to()) {
                    throw new IllegalArgumentException(day + ": intervals " + list.get(i - 1).fromText() + "–"
                        + list.get(i - 1).toText() + " and " + list.get(i).fromText() + "–" + list.get(i).toText() + " overlap");
                }
            }
            copy.put(day, List.copyOf(list));
            int[] flat = new int[list.size() * 2];
            for (int i = 0; i < list.size(); i++) {
                flat[2 * i] = list.get(i).from();
                flat[2 * i + 1] = list.get(i).to();
            }
            daily[day.ordinal()] = flat;
            open |= !list.isEmpty();
        }
        if (!open) {
            throw new IllegalArgumentException("A calendar needs at least one opening interval");
        }
        this.hours = java.util.Collections.unmodifiableMap(copy);
        this.holidays = Set.copyOf(new HashSet<>(holidays));
        this.holidayOrder = new TreeSet<>(this.holidays);
        this.weekSeconds = weekMinutes() * 60L;
    }

    /** Opening minutes in an ordinary week (no holidays, no clock change). */
    public int weekMinutes() {
        int sum = 0;
        for (int[] iv : daily) {
            for (int i = 0; i < iv.length; i += 2) {
                sum += iv[i + 1] - iv[i];
            }
        }
        return sum;
    }

    /**
     * How many whole weeks from {@code date} hold exactly {@link #weekMinutes()} of business time
     * each: none of their days is a holiday or has a clock change. Lets the arithmetic jump over
     * ordinary weeks instead of walking them day by day, so that it is quick whatever the span.
     */
    private long ordinaryWeeks(LocalDate date) {
        long days = ChronoUnit.DAYS.between(date, LAST_DATE.plusDays(1));
        LocalDate holiday = holidayOrder.ceiling(date);
        if (holiday != null) {
            days = Math.min(days, ChronoUnit.DAYS.between(date, holiday));
        }
        ZoneOffsetTransition t = zone.getRules().nextTransition(date.atStartOfDay(zone).toInstant().minusSeconds(1));
        if (t != null) {
            days = Math.min(days, ChronoUnit.DAYS.between(date, LocalDate.ofInstant(t.getInstant(), zone)));
        }
        return Math.max(0, days / 7);
    }

    /** Every day 00:00–24:00, no holidays: business time is real time. */
    public static BusinessCalendar always(ZoneId zone) {
        Map<DayOfWeek, List<Interval>> h = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            h.put(d, List.of(new Interval(0, 1440)));
        }
        return new BusinessCalendar(zone, h, List.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<DayOfWeek, List<Interval>> hours() {
        return hours;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate date = local.toLocalDate();
        if (holidays.contains(date)) {
            return false;
        }
        int[] iv = daily[date.getDayOfWeek().ordinal()];
        for (int i = 0; i < iv.length; i += 2) {
            if (!at.isBefore(start(date, iv[i])) && at.isBefore(end(date, iv[i + 1]))) {
                return true;
            }
        }
        return false;
    }

    /** Business time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration elapsed(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        long seconds = 0;
        LocalDate date = LocalDate.ofInstant(from, zone);
        LocalDate last = LocalDate.ofInstant(to, zone);
        LocalDate first = date;
        for (; !date.isAfter(last); date = date.plusDays(1)) {
            if (date.isAfter(first) && weekSeconds > 0) {
                // Whole ordinary weeks strictly inside the span count a full week each.
                long weeks = Math.min(ordinaryWeeks(date), ChronoUnit.DAYS.between(date, last) / 7);
                if (weeks > 0) {
                    seconds += weeks * weekSeconds;
                    date = date.plusWeeks(weeks).minusDays(1);
                    continue;
                }
            }
            if (holidays.contains(date)) {
                continue;
            }
            int[] iv = daily[date.getDayOfWeek().ordinal()];
            for (int i = 0; i < iv.length; i += 2) {
                Instant s = start(date, iv[i]);
                Instant e = end(date, iv[i + 1]);
                Instant a = s.isAfter(from) ? s : from;
                Instant b = e.isBefore(to) ? e : to;
                if (b.isAfter(a)) {
                    seconds += b.getEpochSecond() - a.getEpochSecond();
                }
            }
        }
        return Duration.ofSeconds(seconds);
    }

    /** Whole business minutes between two instants. */
    public long elapsedMinutes(Instant from, Instant to) {
        return elapsed(from, to).toMinutes();
    }

    /**
     * The instant at which {@code amount} of business time, counted from {@code start}, is used up.
     * A zero amount is due at {@code start}; an amount that ends exactly at a closing time is due
     * at that closing time, not at the next opening.
     */
    public Instant due(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        long remaining = amount.getSeconds();
        if (remaining == 0) {
            return start;
        }
        LocalDate date = LocalDate.ofInstant(start, zone);
        LocalDate first = date;
        for (; !date.isAfter(LAST_DATE); date = date.plusDays(1)) {
            if (date.isAfter(first) && weekSeconds > 0 && remaining > 2 * weekSeconds) {
                // Jump over ordinary weeks, keeping at least one week to count day by day.
                long weeks = Math.min(ordinaryWeeks(date), remaining / weekSeconds - 1);
                if (weeks > 0) {
                    remaining -= weeks * weekSeconds;
                    date = date.plusWeeks(weeks).minusDays(1);
                    continue;
                }
            }
            if (holidays.contains(date)) {
                continue;
            }
            int[] iv = daily[date.getDayOfWeek().ordinal()];
            for (int i = 0; i < iv.length; i += 2) {
                Instant e = end(date, iv[i + 1]);
                if (!e.isAfter(start)) {
                    continue;
                }
                Instant s = start(date, iv[i]);
                Instant a = s.isAfter(start) ? s : start;
                long length = e.getEpochSecond() - a.getEpochSecond();
                if (remaining <= length) {
                    return a.plusSeconds(remaining);
                }
                remaining -= length;
            }
        }
        throw new OutOfRange("That much business time from " + start + " runs past " + LAST_DATE + " on this calendar");
    }

    public Instant due(Instant start, long minutes) {
        return due(start, Duration.ofMinutes(minutes));
    }

    /** The length of an ordinary open day: the longest weekday's opening minutes (what "a day" of a target means). */
    public int dayMinutes() {
        int max = 0;
        for (int[] iv : daily) {
            int sum = 0;
            for (int i = 0; i < iv.length; i += 2) {
                sum += iv[i + 1] - iv[i];
            }
            max = Math.max(max, sum);
        }
        return max;
    }

    private Instant start(LocalDate date, int minute) {
        return ZonedDateTime.of(date, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
    }

    private Instant end(LocalDate date, int minute) {
        if (minute == 1440) {
            return date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return start(date, minute);
    }
}
