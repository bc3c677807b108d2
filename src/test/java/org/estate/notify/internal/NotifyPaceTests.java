package org.estate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pace kept to GOV.UK Notify: at most a second's worth at once, then the configured rate. */
@Tag("unit")
class NotifyPaceTests {

    private static final class Ticking extends Clock {
        Instant now = Instant.parse("2027-01-05T22:40:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void threeThousandAMinuteIsFiftyASecondAfterABurstOfFiveSecondsWorth() {
        Ticking clock = new Ticking();
        NotifyPace pace = new NotifyPace(clock, 3000);
        int taken = 0;
        while (pace.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(250);
        clock.now = clock.now.plus(Duration.ofMillis(100));
        taken = 0;
        while (pace.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(5);
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        taken = 0;
        while (pace.tryTake()) {
            taken++;
        }
        assertThat(taken).as("ten idle minutes save up no more than five seconds' worth").isEqualTo(250);
    }

    @Test
    void aSlowRateStillLetsOneThrough() {
        Ticking clock = new Ticking();
        NotifyPace pace = new NotifyPace(clock, 6); // one every 10 s: the burst is half a message
        assertThat(pace.tryTake()).isFalse();
        clock.now = clock.now.plus(Duration.ofSeconds(5));
        assertThat(pace.tryTake()).isTrue();
        assertThat(pace.tryTake()).isFalse();
    }
}
