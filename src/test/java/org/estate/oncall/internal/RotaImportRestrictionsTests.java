package org.estate.oncall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.estate.oncall.internal.RotaFields.RestrictionInput;
import org.junit.jupiter.api.Test;

/** Spans of the week (PagerDuty and Opsgenie restrictions) as Estate restrictions, and keys from names. */
class RotaImportRestrictionsTests {

    private static final int DAY = 1440;

    @Test
    void aSpanOverSeveralDaysIsCutAtMidnightsAndGatheredByHours() {
        // Monday 09:00 to Friday 17:00.
        List<RestrictionInput> r = WeekSpans.restrictions(List.of(new int[] {9 * 60, 4 * DAY + 17 * 60}));
        assertThat(r).containsExactly(
            new RestrictionInput(List.of("MONDAY"), "09:00", "24:00"),
            new RestrictionInput(List.of("TUESDAY", "WEDNESDAY", "THURSDAY"), "00:00", "24:00"),
            new RestrictionInput(List.of("FRIDAY"), "00:00", "17:00"));
    }

    @Test
    void aSpanPastTheWeeksEndWrapsToMonday() {
        // Sunday 18:00 for 15 hours: to Monday 09:00.
        List<RestrictionInput> r = WeekSpans.restrictions(List.of(new int[] {6 * DAY + 18 * 60, 6 * DAY + 33 * 60}));
        assertThat(r).containsExactly(
            new RestrictionInput(List.of("MONDAY"), "00:00", "09:00"),
            new RestrictionInput(List.of("SUNDAY"), "18:00", "24:00"));
    }

    @Test
    void theWholeWeekIsNoRestrictionAndOverlapsJoin() {
        assertThat(WeekSpans.restrictions(List.of(new int[] {0, 7 * DAY}))).isNull();
        List<RestrictionInput> r = WeekSpans.restrictions(List.of(new int[] {9 * 60, 12 * 60}, new int[] {11 * 60, 14 * 60}));
        assertThat(r).containsExactly(new RestrictionInput(List.of("MONDAY"), "09:00", "14:00"));
    }

    @Test
    void keysAreSlugsOfTheName() {
        assertThat(ImportJson.slug("Infrastructure Primary (UK)")).isEqualTo("infrastructure-primary-uk");
        assertThat(ImportJson.slug("network_oncall")).isEqualTo("network-oncall");
        assertThat(ImportJson.slug("***")).isEqualTo("imported");
        assertThat(ImportJson.slug("x".repeat(80))).hasSize(60);
    }
}
