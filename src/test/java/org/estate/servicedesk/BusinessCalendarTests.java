package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.estate.servicedesk.BusinessCalendar.Interval;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Business-time arithmetic, with expected figures worked out by hand (in the comments) for the
 * cases SLA tools are known to get wrong: clocks changing, bank holidays, closing times, spans
 * crossing midnight.
 */
@Tag("unit")
class BusinessCalendarTests {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final List<LocalDate> BANK_HOLIDAYS = List.of(
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        "2027-01-01").stream().map(LocalDate::parse).toList();

    static BusinessCalendar supportHours() {
        Map<DayOfWeek, List<Interval>> h = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            h.put(d, List.of(Interval.of("07:00", "24:00")));
        }
        return new BusinessCalendar(LONDON, h, List.of());
    }

    static BusinessCalendar officeHours() {
        Map<DayOfWeek, List<Interval>> h = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            h.put(d, List.of(Interval.of("09:00", "17:00")));
        }
        return new BusinessCalendar(LONDON, h, BANK_HOLIDAYS);
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void officeHoursSkipTheWeekend() {
        // Fri 20 Nov 2026 16:00 GMT to Mon 23 Nov 10:00: 60 min on Friday + 60 on Monday.
        assertThat(officeHours().elapsedMinutes(at("2026-11-20T16:00:00Z"), at("2026-11-23T10:00:00Z"))).isEqualTo(120);
    }

    @Test
    void bankHolidaysAreShut() {
        // Thu 24 Dec 16:00 + 120 min: 60 on the 24th; Christmas (Fri 25th), the weekend and the
        // Boxing Day substitute (Mon 28th) are shut; the other 60 run to Tue 29 Dec 10:00.
        BusinessCalendar office = officeHours();
        assertThat(office.due(at("2026-12-24T16:00:00Z"), 120)).isEqualTo(at("2026-12-29T10:00:00Z"));
        assertThat(office.elapsedMinutes(at("2026-12-24T16:00:00Z"), at("2026-12-29T10:00:00Z"))).isEqualTo(120);
        assertThat(office.isOpen(at("2026-12-28T12:00:00Z"))).isFalse();
        assertThat(office.isOpen(at("2026-12-29T12:00:00Z"))).isTrue();
    }

    @Test
    void aThreeDayTargetOverEasterCountsOnlyWorkingDays() {
        // Opened Thu 2 Apr 2026 10:00 BST (09:00Z); 3 days = 1440 min. Thu 10:00–17:00 = 420,
        // Good Friday and Easter Monday shut, Tue 7th 480 (900), Wed 8th 480 (1380), Thu 9th 60 → 10:00 BST.
        assertThat(officeHours().due(at("2026-04-02T09:00:00Z"), 3 * 480)).isEqualTo(at("2026-04-09T09:00:00Z"));
    }

    @Test
    void springForwardOutsideSupportHoursCostsNothing() {
        // Sat 28 Mar 2026 23:30 GMT to Sun 29 Mar 07:30 BST (06:30Z): 30 min + 30 min; 7 real hours.
        assertThat(supportHours().elapsedMinutes(at("2026-03-28T23:30:00Z"), at("2026-03-29T06:30:00Z"))).isEqualTo(60);
    }

    @Test
    void autumnBackAcrossSupportHours() {
        // Sat 24 Oct 2026 23:00 BST (22:00Z) to Sun 25 Oct 08:00 GMT: 60 min before midnight + 60 after 07:00.
        assertThat(supportHours().elapsedMinutes(at("2026-10-24T22:00:00Z"), at("2026-10-25T08:00:00Z"))).isEqualTo(120);
        // A P1's 4 hours opened Sat 24 Oct 22:30 BST (21:30Z): 90 min to midnight BST (23:00Z),
        // 150 more from 07:00 GMT → 09:30Z.
        assertThat(supportHours().due(at("2026-10-24T21:30:00Z"), 240)).isEqualTo(at("2026-10-25T09:30:00Z"));
    }

    @Test
    void theDaysTheClocksChangeHaveTheirRealLength() {
        BusinessCalendar always = BusinessCalendar.always(LONDON);
        // Local 29 Mar 2026 00:00 GMT to 30 Mar 00:00 BST is 23 hours; 25 Oct 00:00 BST to 26 Oct 00:00 GMT is 25.
        assertThat(always.elapsedMinutes(at("2026-03-29T00:00:00Z"), at("2026-03-29T23:00:00Z"))).isEqualTo(23 * 60);
        assertThat(always.elapsedMinutes(at("2026-10-24T23:00:00Z"), at("2026-10-26T00:00:00Z"))).isEqualTo(25 * 60);
        // A calendar open 00:00–03:00 every day: on the spring-forward day local 01:00–02:00 does not exist.
        Map<DayOfWeek, List<Interval>> early = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            early.put(d, List.of(Interval.of("00:00", "03:00")));
        }
        BusinessCalendar nights = new BusinessCalendar(LONDON, early, List.of());
        assertThat(nights.elapsedMinutes(at("2026-03-29T00:00:00Z"), at("2026-03-29T12:00:00Z"))).isEqualTo(120);
        assertThat(nights.elapsedMinutes(at("2026-10-24T23:00:00Z"), at("2026-10-25T12:00:00Z"))).isEqualTo(240);
        assertThat(nights.due(at("2026-03-29T00:00:00Z"), 120)).isEqualTo(at("2026-03-29T02:00:00Z"));
    }

    @Test
    void workEndingAtClosingTimeIsDueAtClosingTime() {
        // Mon 23 Nov 09:00 + one 8-hour day is due at 17:00 that day, not at 09:00 on Tuesday.
        assertThat(officeHours().due(at("2026-11-23T09:00:00Z"), 480)).isEqualTo(at("2026-11-23T17:00:00Z"));
    }

    @Test
    void workStartedWhileShutStartsAtTheNextOpening() {
        assertThat(officeHours().due(at("2026-11-21T12:00:00Z"), 15)).isEqualTo(at("2026-11-23T09:15:00Z"));
        assertThat(officeHours().due(at("2026-11-21T12:00:00Z"), 0)).isEqualTo(at("2026-11-21T12:00:00Z"));
    }

    @Test
    void intervalsMeetAcrossMidnight() {
        Map<DayOfWeek, List<Interval>> h = new EnumMap<>(DayOfWeek.class);
        h.put(DayOfWeek.MONDAY, List.of(Interval.of("22:00", "24:00")));
        h.put(DayOfWeek.TUESDAY, List.of(Interval.of("00:00", "02:00"), Interval.of("20:00", "21:00")));
        BusinessCalendar c = new BusinessCalendar(ZoneId.of("UTC"), h, List.of());
        // Mon 23 Nov 23:00 to Tue 01:00: 60 + 60.
        assertThat(c.elapsedMinutes(at("2026-11-23T23:00:00Z"), at("2026-11-24T01:00:00Z"))).isEqualTo(120);
        assertThat(c.due(at("2026-11-23T23:30:00Z"), 180)).isEqualTo(at("2026-11-24T20:30:00Z"));
    }

    @Test
    void aYearOfOfficeHours() {
        // 2026 has 261 weekdays, 8 of them bank holidays: 253 × 480 minutes.
        assertThat(officeHours().elapsedMinutes(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))).isEqualTo(253 * 480);
        assertThat(officeHours().dayMinutes()).isEqualTo(480);
    }

    @Test
    void dueAndElapsedAgreeEverywhere() {
        Random random = new Random(42);
        BusinessCalendar[] calendars = {officeHours(), supportHours(), BusinessCalendar.always(LONDON)};
        Instant base = at("2025-12-20T00:00:00Z");
        for (int i = 0; i < 5_000; i++) {
            BusinessCalendar c = calendars[i % calendars.length];
            Instant start = base.plusSeconds(random.nextLong(400L * 86_400));
            long minutes = random.nextInt(10 * 480);
            Instant due = c.due(start, minutes);
            assertThat(c.elapsedMinutes(start, due)).as("start %s minutes %d", start, minutes).isEqualTo(minutes);
            // One minute earlier there is less than the amount left.
            if (minutes > 0) {
                assertThat(c.elapsed(start, due.minusSeconds(60))).isLessThan(Duration.ofMinutes(minutes));
            }
        }
    }

    @Test
    void badCalendarsAreRefused() {
        assertThatThrownBy(() -> Interval.of("17:00", "09:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interval.of("24:30", "25:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessCalendar(LONDON, Map.of(), List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new BusinessCalendar(LONDON, Map.of(DayOfWeek.MONDAY,
            List.of(Interval.of("09:00", "13:00"), Interval.of("12:00", "17:00"))), List.of())).hasMessageContaining("overlap");
    }

    @Test
    void jumpingWholeWeeksAgreesWithCountingDayByDay() {
        Random random = new Random(7);
        for (BusinessCalendar c : List.of(officeHours(), supportHours())) {
            for (int n = 0; n < 15; n++) {
                Instant from = at("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(5 * 365 * 86400));
                Instant to = from.plusSeconds((long) random.nextInt(3 * 365) * 86400 + random.nextInt(86400));
                long byDay = 0;
                for (Instant a = from; a.isBefore(to); a = a.plusSeconds(86400)) {
                    Instant b = a.plusSeconds(86400).isAfter(to) ? to : a.plusSeconds(86400);
                    byDay += c.elapsed(a, b).getSeconds();
                }
                assertThat(c.elapsed(from, to).getSeconds()).as(from + " to " + to).isEqualTo(byDay);
                long minutes = random.nextInt(200_000) + 1;
                Instant due = c.due(from, minutes);
                assertThat(c.elapsed(from, due).toMinutes()).as("due " + minutes + " from " + from).isEqualTo(minutes);
                assertThat(c.elapsed(from, due.minusSeconds(1)).getSeconds()).isLessThan(minutes * 60);
            }
        }
    }

    @Test
    void aDueTimePastTheLastDateIsRefusedNotLoopedFor() {
        Map<DayOfWeek, List<Interval>> h = new EnumMap<>(DayOfWeek.class);
        h.put(DayOfWeek.MONDAY, List.of(Interval.of("10:00", "10:01")));
        BusinessCalendar thin = new BusinessCalendar(LONDON, h, List.of());
        // One minute a week: 100,000 minutes is 100,000 weeks (about 1,917 years); 525,600 from 9000 would end after 9999.
        Instant far = thin.due(at("2026-11-23T00:00:00Z"), 100_000);
        assertThat(far.atZone(LONDON).getYear()).isBetween(3930, 3960);
        assertThat(thin.elapsedMinutes(at("2026-11-23T00:00:00Z"), far)).isEqualTo(100_000);
        assertThatThrownBy(() -> thin.due(at("9000-01-01T00:00:00Z"), 525_600))
            .isInstanceOf(BusinessCalendar.OutOfRange.class);
        assertThat(supportHours().elapsedMinutes(at("0001-01-01T00:00:00Z"), at("9999-12-31T23:59:59Z"))).isGreaterThan(3_000_000_000L);
    }
}
