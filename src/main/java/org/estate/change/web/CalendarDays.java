package org.estate.change.web;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.estate.change.FreezeView;
import org.estate.change.internal.ChangeCalendar;
import org.estate.change.internal.ChangeLabels;

/**
 * Lays the calendar out in days of Europe/London: what each day shows (changes, freezes, window
 * occurrences overlapping it) and the time each runs that day, for the month grid and the week list.
 */
final class CalendarDays {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    /** One thing on a day: {@code kind} change, freeze or window; {@code href} null when it has no page. */
    record Item(String kind, String text, String href, String time, Instant start) {
    }

    record Day(LocalDate date, boolean inRange, boolean today, List<Item> items) {
        public String label() {
            return date.format(DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK));
        }
    }

    private CalendarDays() {
    }

    /** The Monday on or before the first of the month, to the Sunday on or after its last day. */
    static LocalDate[] monthGrid(LocalDate anyDay) {
        LocalDate first = anyDay.withDayOfMonth(1);
        LocalDate last = first.plusMonths(1).minusDays(1);
        return new LocalDate[] {first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
            last.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY))};
    }

    static LocalDate[] week(LocalDate anyDay) {
        LocalDate monday = anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new LocalDate[] {monday, monday.plusDays(6)};
    }

    static Instant startOf(LocalDate d) {
        return d.atStartOfDay(LONDON).toInstant();
    }

    /** Every day from {@code first} to {@code last}, with what overlaps it; {@code inRange} says whether it is in [rangeFirst, rangeLast]. */
    static List<Day> days(LocalDate first, LocalDate last, LocalDate rangeFirst, LocalDate rangeLast, LocalDate today,
                          ChangeCalendar.View view) {
        List<Item> all = new ArrayList<>();
        for (ChangeCalendar.Entry c : view.changes()) {
            all.add(new Item("change", c.ref() + " " + c.title() + " (" + ChangeLabels.statusLabel(c.status()) + ")",
                "/changes/" + c.ref(), null, c.start()));
        }
        List<Instant[]> spans = new ArrayList<>();
        view.changes().forEach(c -> spans.add(new Instant[] {c.start(), c.end()}));
        for (FreezeView f : view.freezes()) {
            all.add(new Item("freeze", "Freeze: " + f.name() + (f.hard() ? " (hard)" : " (soft)"), null, null, f.start()));
            spans.add(new Instant[] {f.start(), f.end()});
        }
        for (ChangeCalendar.Maintenance m : view.maintenance()) {
            all.add(new Item("window", "Maintenance window: " + m.name(), null, null, m.start()));
            spans.add(new Instant[] {m.start(), m.end()});
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Instant from = startOf(d);
            Instant to = startOf(d.plusDays(1));
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Instant[] span = spans.get(i);
                if (span[0].isBefore(to) && span[1].isAfter(from)) {
                    Item it = all.get(i);
                    items.add(new Item(it.kind(), it.text(), it.href(), time(span[0], span[1], from, to), it.start()));
                }
            }
            items.sort(Comparator.comparing(Item::start));
            days.add(new Day(d, !d.isBefore(rangeFirst) && !d.isAfter(rangeLast), d.equals(today), items));
        }
        return days;
    }

    /** When something runs on the day [dayStart, dayEnd), in London time. */
    private static String time(Instant start, Instant end, Instant dayStart, Instant dayEnd) {
        boolean startsToday = !start.isBefore(dayStart);
        boolean endsToday = !end.isAfter(dayEnd);
        String s = TIME.format(ZonedDateTime.ofInstant(start, LONDON));
        String e = TIME.format(ZonedDateTime.ofInstant(end, LONDON));
        if (startsToday && endsToday && end.equals(dayEnd)) {
            return "from " + s;
        }
        if (startsToday && endsToday) {
            return s + " to " + e;
        }
        if (startsToday) {
            return "from " + s;
        }
        return endsToday && !end.equals(dayEnd) ? "until " + e : "all day";
    }

    static List<List<Day>> weeks(List<Day> days) {
        List<List<Day>> weeks = new ArrayList<>();
        for (int i = 0; i < days.size(); i += 7) {
            weeks.add(days.subList(i, Math.min(days.size(), i + 7)));
        }
        return weeks;
    }
}
