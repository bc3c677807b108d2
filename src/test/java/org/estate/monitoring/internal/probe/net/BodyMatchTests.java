package org.estate.monitoring.internal.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** {@code expectBody}: plain text or /pattern/, and a pattern that backtracks without end is stopped at the run's deadline. */
class BodyMatchTests {

    static long in(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    @Test
    void textAndPattern() {
        assertThat(BodyMatch.of("status: ok").mismatch("{\"status: ok\"}", in(Duration.ofSeconds(1)))).isNull();
        assertThat(BodyMatch.of("/\"status\":\\s*\"(ok|up)\"/").mismatch("{\"status\": \"up\"}", in(Duration.ofSeconds(1)))).isNull();
        assertThat(BodyMatch.of("/").mismatch("a/b", in(Duration.ofSeconds(1)))).isNull(); // one slash is text
        assertThat(BodyMatch.of("//").mismatch("anything", in(Duration.ofSeconds(1)))).isNull(); // an empty pattern matches
    }

    @Test
    void aRunawayPatternEndsAtTheDeadline() {
        long start = System.nanoTime();
        String why = BodyMatch.of("/(.*a){25}z/").mismatch("a".repeat(40), in(Duration.ofMillis(200)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(why).isEqualTo("Matching the response against /(.*a){25}z/ took too long");
        assertThat(tookMs).isLessThan(5000); // unstopped, this pattern reads the body billions of times
    }
}
