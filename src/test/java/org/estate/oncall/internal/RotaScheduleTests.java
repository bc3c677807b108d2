package org.estate.oncall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.estate.oncall.internal.RotaSchedule.Layer;
import org.estate.oncall.internal.RotaSchedule.Override;
import org.estate.oncall.internal.RotaSchedule.Restriction;
import org.estate.oncall.internal.RotaSchedule.Rotation;
import org.estate.oncall.internal.RotaSchedule.Shift;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Rota arithmetic: rotations, wall-clock hand-offs across the clocks changing, restrictions, layer precedence and overrides. */
@Tag("unit")
class RotaScheduleTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final Set<DayOfWeek> WEEKEND = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    private static Instant london(String local) {
        return LocalDateTime.parse(local).atZone(LONDON).toInstant();
    }

    private static Layer layer(String name, Rotation rotation, int hours, String handoff, List<Restriction> restrictions, String... members) {
        return new Layer(name, List.of(members), rotation, hours, LocalDateTime.parse(handoff), restrictions);
    }

    private static String who(RotaSchedule s, String local, Override... overrides) {
        return s.at(london(local), List.of(overrides)).map(Shift::user).orElse(null);
    }

    @Test
    void aWeeklyRotationHandsOverInOrderAndGoesRound() {
        RotaSchedule s = new RotaSchedule(LONDON, List.of(layer("primary", Rotation.WEEKLY, 0, "2027-01-04T09:00", List.of(), "asha", "ben", "cara")));
        assertThat(who(s, "2027-01-04T08:59")).as("before the first hand-off nobody is on the layer").isNull();
        assertThat(who(s, "2027-01-04T09:00")).isEqualTo("asha");
        assertThat(who(s, "2027-01-11T08:59")).isEqualTo("asha");
        assertThat(who(s, "2027-01-11T09:00")).isEqualTo("ben");
        assertThat(who(s, "2027-01-18T09:00")).isEqualTo("cara");
        assertThat(who(s, "2027-01-25T09:00")).as("round again").isEqualTo("asha");
        assertThat(who(s, "2027-12-27T09:00")).as("51 weeks on: 51 mod 3 = 0").isEqualTo("asha");
    }

    @Test
    void aDailyHandOffKeepsItsWallClockTimeWhenTheClocksGoForwardAndBack() {
        RotaSchedule s = new RotaSchedule(LONDON, List.of(layer("primary", Rotation.DAILY, 0, "2027-03-26T09:00", List.of(), "asha", "ben")));
        // British Summer Time starts 01:00 GMT on Sunday 28 March 2027; it ends 01:00 GMT on Sunday 31 October 2027.
        List<Shift> spring = s.shifts(london("2027-03-27T09:00"), london("2027-03-29T09:00"), List.of());
        assertThat(spring).extracting(Shift::user).containsExactly("ben", "asha");
        assertThat(spring.get(0).start().atZone(LONDON).toLocalTime()).hasToString("09:00");
        assertThat(spring.get(1).start().atZone(LONDON).toLocalTime()).as("still 09:00 after the clocks went forward").hasToString("09:00");
        assertThat(Duration.between(spring.get(0).start(), spring.get(0).end())).as("the night the clocks go forward").isEqualTo(Duration.ofHours(23));
        List<Shift> autumn = s.shifts(london("2027-10-30T09:00"), london("2027-11-01T09:00"), List.of());
        assertThat(Duration.between(autumn.get(0).start(), autumn.get(0).end())).as("the night the clocks go back").isEqualTo(Duration.ofHours(25));
        assertThat(autumn.get(1).start().atZone(LONDON).toLocalTime()).hasToString("09:00");
    }

    @Test
    void aHandOffInTheHourThatDoesNotExistHappensAtTheFirstInstantAfterIt() {
        // 01:30 on 28 March 2027 does not exist in London (01:00 becomes 02:00): that day's hand-off is at 02:30 BST.
        RotaSchedule s = new RotaSchedule(LONDON, List.of(layer("nights", Rotation.DAILY, 0, "2027-03-27T01:30", List.of(), "asha", "ben")));
        Shift first = s.shifts(london("2027-03-27T01:30"), london("2027-03-29T01:30"), List.of()).getFirst();
        assertThat(first.end()).isEqualTo(ZonedDateTime.of(LocalDateTime.parse("2027-03-28T01:30"), LONDON).toInstant());
        assertThat(first.end().atZone(LONDON).toLocalTime()).hasToString("02:30");
        assertThat(who(s, "2027-03-28T03:00")).isEqualTo("ben");
    }

    @Test
    void theCouncilRotaCoversSevenUntilMidnightEveryDayAndNobodyOvernight() {
        Restriction rotaHours = new Restriction(EVERY_DAY, 7 * 60, 1440);
        RotaSchedule s = new RotaSchedule(LONDON, List.of(layer("engineers", Rotation.WEEKLY, 0, "2027-01-04T07:00", List.of(rotaHours), "asha", "ben")));
        assertThat(who(s, "2027-01-05T06:59")).isNull();
        assertThat(who(s, "2027-01-05T07:00")).isEqualTo("asha");
        assertThat(who(s, "2027-01-05T23:59")).isEqualTo("asha");
        assertThat(who(s, "2027-01-06T00:00")).isNull();
        List<Shift> week = s.shifts(london("2027-01-04T00:00"), london("2027-01-11T00:00"), List.of());
        assertThat(week).hasSize(7).allMatch(x -> Duration.between(x.start(), x.end()).equals(Duration.ofHours(17)));
    }

    @Test
    void aRestrictionThatCrossesMidnightRunsIntoTheNextDay() {
        // Weekday evenings 17:00 to 08:00 the next morning.
        Restriction evenings = new Restriction(WEEKDAYS, 17 * 60, 8 * 60);
        RotaSchedule s = new RotaSchedule(LONDON, List.of(layer("out-of-hours", Rotation.WEEKLY, 0, "2027-01-04T09:00", List.of(evenings), "asha")));
        assertThat(who(s, "2027-01-04T16:59")).isNull();
        assertThat(who(s, "2027-01-04T17:00")).isEqualTo("asha");
        assertThat(who(s, "2027-01-05T07:59")).as("Monday night into Tuesday morning").isEqualTo("asha");
        assertThat(who(s, "2027-01-05T08:00")).isNull();
        assertThat(who(s, "2027-01-09T07:59")).as("Friday night into Saturday morning").isEqualTo("asha");
        assertThat(who(s, "2027-01-09T17:00")).as("Saturday evening is not a weekday").isNull();
    }

    @Test
    void aHigherLayerCoversALowerOneWhereItHasSomeone() {
        Layer days = layer("weekday cover", Rotation.WEEKLY, 0, "2027-01-04T00:00", List.of(), "asha", "ben");
        Layer evenings = layer("evenings and weekends", Rotation.DAILY, 0, "2027-01-04T00:00",
            List.of(new Restriction(WEEKDAYS, 17 * 60, 1440), new Restriction(WEEKEND, 0, 1440)), "cara", "dev");
        RotaSchedule s = new RotaSchedule(LONDON, List.of(days, evenings));
        assertThat(who(s, "2027-01-04T10:00")).as("the lower layer where the higher is empty").isEqualTo("asha");
        assertThat(who(s, "2027-01-04T18:00")).as("the higher layer where it has someone").isEqualTo("cara");
        assertThat(who(s, "2027-01-05T18:00")).isEqualTo("dev");
        assertThat(who(s, "2027-01-09T10:00")).as("Saturday: the daily layer's sixth shift (index 5)").isEqualTo("dev");
        assertThat(s.at(london("2027-01-04T18:00"), List.of()).orElseThrow().layer()).isEqualTo("evenings and weekends");
    }

    @Test
    void anOverrideWinsForItsSpanAndTheLaterOfTwoOverlappingOverridesWins() {
        RotaSchedule s = new RotaSchedule(LONDON, List.of(layer("primary", Rotation.WEEKLY, 0, "2027-01-04T09:00", List.of(), "asha", "ben")));
        Override swap = new Override(1, "ben", london("2027-01-05T12:00"), london("2027-01-06T12:00"));
        Override later = new Override(2, "cara", london("2027-01-06T00:00"), london("2027-01-06T06:00"));
        assertThat(who(s, "2027-01-05T11:59", swap, later)).isEqualTo("asha");
        assertThat(who(s, "2027-01-05T12:00", swap, later)).isEqualTo("ben");
        assertThat(who(s, "2027-01-06T01:00", swap, later)).isEqualTo("cara");
        assertThat(who(s, "2027-01-06T07:00", swap, later)).isEqualTo("ben");
        assertThat(who(s, "2027-01-06T12:00", swap, later)).isEqualTo("asha");
        List<Shift> day = s.shifts(london("2027-01-05T00:00"), london("2027-01-07T00:00"), List.of(swap, later));
        assertThat(day).extracting(Shift::user).containsExactly("asha", "ben", "cara", "ben", "asha");
        assertThat(day).extracting(Shift::override).containsExactly(false, true, true, true, false);
        assertThat(day.get(0).start()).as("clipped to the span asked").isEqualTo(london("2027-01-05T00:00"));
    }

    @Test
    void shiftsOfOnePersonOnOneLayerAreJoinedAndNeverOverlap() {
        // One member: each daily hand-off is to the same person, so the week is one shift.
        RotaSchedule s = new RotaSchedule(LONDON, List.of(layer("solo", Rotation.DAILY, 0, "2027-01-04T09:00", List.of(), "asha")));
        List<Shift> week = s.shifts(london("2027-01-04T09:00"), london("2027-01-11T09:00"), List.of());
        assertThat(week).hasSize(1);
        assertThat(week.getFirst().end()).isEqualTo(london("2027-01-11T09:00"));
    }

    @Test
    void anNHourRotationHandsOverEveryNHoursOfWallClockTime() {
        RotaSchedule s = new RotaSchedule(LONDON, List.of(layer("twelves", Rotation.HOURS, 12, "2027-03-27T08:00", List.of(), "asha", "ben")));
        assertThat(who(s, "2027-03-27T19:59")).isEqualTo("asha");
        assertThat(who(s, "2027-03-27T20:00")).isEqualTo("ben");
        assertThat(who(s, "2027-03-28T08:00")).as("08:00 after the clocks went forward overnight").isEqualTo("asha");
        assertThat(who(s, "2027-03-28T20:00")).isEqualTo("ben");
    }

    @Test
    void aYearOfShiftsIsContinuousWhereTheLayerAlwaysCovers() {
        RotaSchedule s = new RotaSchedule(LONDON, List.of(
            layer("primary", Rotation.WEEKLY, 0, "2027-01-04T09:00", List.of(), "asha", "ben", "cara"),
            layer("nights", Rotation.DAILY, 0, "2027-01-04T00:00", List.of(new Restriction(EVERY_DAY, 0, 7 * 60)), "dev", "eve")));
        Instant from = london("2027-01-04T09:00");
        Instant to = london("2028-01-03T09:00");
        List<Shift> year = s.shifts(from, to, List.of());
        assertThat(year.getFirst().start()).isEqualTo(from);
        assertThat(year.getLast().end()).isEqualTo(to);
        for (int i = 1; i < year.size(); i++) {
            assertThat(year.get(i).start()).as("no gap or overlap before shift " + i).isEqualTo(year.get(i - 1).end());
            assertThat(year.get(i).user()).isNotEqualTo(year.get(i - 1).user());
        }
        for (Shift x : year) {
            assertThat(s.at(x.start(), List.of()).orElseThrow().user()).isEqualTo(x.user());
        }
    }
}
