package org.estate.monitoring.internal.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An import's new checks first run spread over their interval, never all at once. */
@Tag("unit")
class FirstRunSpreadTests {

    @Test
    void importedChecksStartWithinOneIntervalAndEvenlySpread() {
        Instant now = Instant.parse("2031-05-01T09:00:00Z");
        int n = 600;
        List<Long> offsets = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Instant first = CheckCsv.firstRun(now, 60, k);
            assertThat(first).isBetween(now, now.plusSeconds(60).minusMillis(1));
            offsets.add(Duration.between(now, first).toMillis());
        }
        assertThat(CheckCsv.firstRun(now, 60, 0)).as("the first of an import runs at once").isEqualTo(now);
        // Every second of the interval gets between a half and twice its share (10 a second).
        int[] perSecond = new int[60];
        offsets.forEach(ms -> perSecond[(int) (ms / 1000)]++);
        for (int s = 0; s < 60; s++) {
            assertThat(perSecond[s]).as("checks first due in second " + s).isBetween(5, 20);
        }
    }
}
