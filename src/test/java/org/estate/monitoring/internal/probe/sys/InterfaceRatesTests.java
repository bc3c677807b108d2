package org.estate.monitoring.internal.probe.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.estate.monitoring.internal.probe.sys.InterfaceRates.Rates;
import org.estate.monitoring.internal.probe.sys.InterfaceRates.Reading;
import org.junit.jupiter.api.Test;

/** The counter arithmetic, with made-up readings: rates, 64- and 32-bit wraps, agent restarts, resets. */
class InterfaceRatesTests {

    private static final long SECOND = 1_000_000_000L;

    private static Reading at(long seconds, long uptimeTicks, long in, long out, long inErrors, long outDiscards) {
        return new Reading(seconds * SECOND, uptimeTicks, in, out, inErrors, 0, 0, outDiscards);
    }

    @Test
    void theFirstReadingHasNoRate() {
        Rates r = InterfaceRates.between(null, at(0, 100, 5, 5, 0, 0));
        assertThat(r.known()).isFalse();
        assertThat(r.why()).contains("first reading");
    }

    @Test
    void ratesAreBitsAndEventsPerSecondBetweenTwoReadings() {
        Rates r = InterfaceRates.between(at(0, 1_000, 1_000, 2_000, 10, 0), at(10, 2_000, 126_000, 2_002_000, 30, 5));
        assertThat(r.known()).isTrue();
        assertThat(r.inBps()).isCloseTo(100_000, within(1e-6));     // 125,000 octets * 8 / 10 s
        assertThat(r.outBps()).isCloseTo(1_600_000, within(1e-6));  // 2,000,000 octets * 8 / 10 s
        assertThat(r.inErrorsPerSec()).isCloseTo(2, within(1e-9));
        assertThat(r.outDiscardsPerSec()).isCloseTo(0.5, within(1e-9));
        assertThat(InterfaceRates.utilisationPercent(r, 10)).isCloseTo(16.0, within(1e-9)); // busier direction of 10 Mbit/s
        assertThat(InterfaceRates.utilisationPercent(r, 0)).isNull();
    }

    @Test
    void a64BitCounterThatWrapsGivesTheTrueIncrease() {
        long nearTop = -1_000L; // 2^64 - 1,000 as the agent's unsigned Counter64
        Rates r = InterfaceRates.between(at(0, 100, nearTop, 0, 0, 0), at(1, 200, 9_000, 0, 0, 0));
        assertThat(r.known()).isTrue();
        assertThat(r.inBps()).isCloseTo(80_000, within(1e-6)); // 10,000 octets in one second
    }

    @Test
    void a32BitCounterThatWrapsGivesTheTrueIncrease() {
        assertThat(InterfaceRates.delta32(0x10, 0xFFFF_FFF0L)).isEqualTo(0x20);
        Rates r = InterfaceRates.between(at(0, 100, 0, 0, 0xFFFF_FFFEL, 0), at(2, 300, 0, 0, 2, 0));
        assertThat(r.inErrorsPerSec()).isCloseTo(2, within(1e-9)); // 4 errors over 2 s
    }

    @Test
    void anAgentRestartGivesNoRateAndNoSpike() {
        // after a restart the counters start again from zero: without the uptime test this would be a 2^64 spike
        Rates r = InterfaceRates.between(at(0, 500_000, 9_000_000, 9_000_000, 50, 0), at(60, 300, 1_000, 1_000, 0, 0));
        assertThat(r.known()).isFalse();
        assertThat(r.why()).contains("restarted");
        assertThat(InterfaceRates.utilisationPercent(r, 1000)).isNull();
    }

    @Test
    void aCounterResetWithoutARestartGivesNoRate() {
        Rates r = InterfaceRates.between(at(0, 100, 9_000_000, 9_000_000, 0, 0), at(10, 1_100, 1_000, 9_500_000, 0, 0));
        assertThat(r.known()).isFalse();
        assertThat(r.why()).contains("went back");
    }

    @Test
    void uptimeIsComparedAsAnUnsignedCounter() {
        long high = 0xFFFF_FF00L; // TimeTicks near 2^32: still later than a small earlier value
        assertThat(InterfaceRates.between(at(0, 100, 0, 0, 0, 0), at(1, high, 10, 10, 0, 0)).known()).isTrue();
    }
}
