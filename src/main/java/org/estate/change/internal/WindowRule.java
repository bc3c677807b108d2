package org.estate.change.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.estate.platform.ValidationException.FieldError;

import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * A recurring maintenance window: an RFC 5545 RRULE (parsed and expanded by ical4j only) in an
 * IANA zone, from a local date, each occurrence starting at a local time and lasting a number of
 * minutes of elapsed time.
 *
 * <p>Bounds, so that no request can make it work without end: a rule recurs at most daily
 * ({@code FREQ} {@code DAILY}, {@code WEEKLY}, {@code MONTHLY} or {@code YEARLY}); the time of day
 * is {@code startTime}, so {@code BYHOUR}, {@code BYMINUTE} and {@code BYSECOND} are refused; an
 * occurrence lasts at most {@value #MAX_MINUTES} minutes; open-ended rules are expanded only over
 * the range asked about, at most {@value #MAX_OCCURRENCES} occurrences at a time.
 *
 * <p>Local times: ical4j gives the dates; each occurrence starts at {@code startTime} on its date in
 * the zone, resolved as RFC 5545 resolves a DATE-TIME. A start that does not exist (inside the
 * spring-forward gap, e.g. 01:30 Europe/London on the last Sunday of March) moves forward by the
 * length of the gap (02:30 BST, the same instant as 01:30 GMT); a start that occurs twice (the
 * autumn overlap) is the first of the two (the summer-time one).
 */
record WindowRule(String rrule, ZoneId zone, LocalTime startTime, int minutes, LocalDate from, Recur<ZonedDateTime> recur,
                  ConcurrentHashMap<Long, List<Instant>> chunks) {

    static final int MAX_MINUTES = 7 * 24 * 60;
    static final int MAX_OCCURRENCES = 10_000;
    static final int MAX_RRULE = 500;
    private static final Set<Frequency> FREQUENCIES = Set.of(Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY);
    /** Occurrences are expanded and kept per chunk of this many days (longer than the longest window). */
    private static final long CHUNK_DAYS = 32;
    private static final int MAX_CHUNKS = 512;

    /** A rule read back from the database (checked when it was saved). */
    static WindowRule stored(String rrule, ZoneId zone, LocalTime startTime, int minutes, LocalDate from) {
        return new WindowRule(rrule, zone, startTime, minutes, from, new Recur<>(rrule), new ConcurrentHashMap<>());
    }

    /** The rule's RRULE checked and parsed, or null with the problem added to {@code errors}. */
    static Recur<ZonedDateTime> parse(String rrule, List<FieldError> errors) {
        if (rrule == null || rrule.isBlank()) {
            errors.add(new FieldError("rrule", "Give the recurrence rule, like FREQ=WEEKLY;BYDAY=SU"));
            return null;
        }
        String text = normalise(rrule);
        if (text.length() > MAX_RRULE) {
            errors.add(new FieldError("rrule", "A recurrence rule has at most " + MAX_RRULE + " characters"));
            return null;
        }
        Recur<ZonedDateTime> recur;
        try {
            recur = new Recur<>(text);
        } catch (RuntimeException e) {
            errors.add(new FieldError("rrule", "Not an RFC 5545 recurrence rule (like FREQ=WEEKLY;BYDAY=SU): "
                + ChangeStore.abbreviate(String.valueOf(e.getMessage()))));
            return null;
        }
        if (recur.getFrequency() == null || !FREQUENCIES.contains(recur.getFrequency())) {
            errors.add(new FieldError("rrule", "A maintenance window recurs at most daily: FREQ is DAILY, WEEKLY, MONTHLY or YEARLY"));
            return null;
        }
        if (!recur.getHourList().isEmpty() || !recur.getMinuteList().isEmpty() || !recur.getSecondList().isEmpty()) {
            errors.add(new FieldError("rrule", "The time of day is startTime: leave BYHOUR, BYMINUTE and BYSECOND out of the rule"));
            return null;
        }
        if (recur.getInterval() > 1000) {
            errors.add(new FieldError("rrule", "INTERVAL is at most 1000"));
            return null;
        }
        return recur;
    }

    /** The rule as stored: upper case, without an {@code RRULE:} prefix. */
    static String normalise(String rrule) {
        String t = rrule.strip().toUpperCase(Locale.ROOT);
        return t.startsWith("RRULE:") ? t.substring(6) : t;
    }

    static WindowRule of(Recur<ZonedDateTime> recur, ZoneId zone, LocalTime startTime, int minutes, LocalDate from) {
        return new WindowRule(recur.toString(), zone, startTime, minutes, from, recur, new ConcurrentHashMap<>());
    }

    Duration duration() {
        return Duration.ofMinutes(minutes);
    }

    /** The start of the occurrence on this local date. */
    private Instant startOn(LocalDate date) {
        return ZonedDateTime.ofLocal(LocalDateTime.of(date, startTime), zone, null).toInstant();
    }

    /** Starts of the occurrences starting in {@code [from, to)}, in order, expanded by ical4j (at most {@value #MAX_OCCURRENCES}). */
    List<Instant> starts(Instant from, Instant to) {
        ZonedDateTime seed = ZonedDateTime.ofLocal(LocalDateTime.of(this.from, startTime), zone, null);
        if (!to.isAfter(from) || !to.isAfter(seed.toInstant().minus(Duration.ofDays(1)))) {
            return List.of();
        }
        // A day either side: the instants are worked out again from the local dates below.
        ZonedDateTime a = from.minus(Duration.ofDays(1)).atZone(zone);
        ZonedDateTime b = to.plus(Duration.ofDays(1)).atZone(zone);
        List<Instant> out = new ArrayList<>();
        for (ZonedDateTime d : recur.getDates(seed, a.isBefore(seed) ? seed : a, b, MAX_OCCURRENCES + 4)) {
            Instant s = startOn(d.toLocalDate());
            if (!s.isBefore(from) && s.isBefore(to) && out.size() < MAX_OCCURRENCES) {
                out.add(s);
            }
        }
        return out;
    }

    /** Starts in {@code [from, to)} from the chunks kept in memory (a repeated question costs a lookup). */
    List<Instant> cachedStarts(Instant from, Instant to) {
        long first = Math.floorDiv(from.getEpochSecond(), CHUNK_DAYS * 86_400);
        long last = Math.floorDiv(to.minusNanos(1).getEpochSecond(), CHUNK_DAYS * 86_400);
        if (last - first > 32) {
            return starts(from, to);
        }
        if (chunks.size() > MAX_CHUNKS) {
            chunks.clear();
        }
        List<Instant> out = new ArrayList<>();
        for (long c = first; c <= last; c++) {
            long chunk = c;
            List<Instant> starts = chunks.computeIfAbsent(chunk, k -> List.copyOf(starts(Instant.ofEpochSecond(k * CHUNK_DAYS * 86_400),
                Instant.ofEpochSecond((k + 1) * CHUNK_DAYS * 86_400))));
            for (Instant s : starts) {
                if (!s.isBefore(from) && s.isBefore(to)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The start of the first occurrence that has not ended by {@code now}, or null when there is none in the next ten years. */
    Instant next(Instant now) {
        Instant from = now.minus(duration());
        for (int days : new int[] {40, 400, 3660}) {
            for (Instant s : cachedStarts(from, now.plus(Duration.ofDays(days)))) {
                if (s.plus(duration()).isAfter(now)) {
                    return s;
                }
            }
        }
        return null;
    }
}
