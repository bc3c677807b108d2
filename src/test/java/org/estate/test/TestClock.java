package org.estate.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in tests: the system clock until a test fixes it with {@link #set}
 * and moves it with {@link #advance}; {@link #reset} returns to the system clock. Tests that fix
 * it must reset it when they finish (all API tests share one application context).
 */
public final class TestClock extends Clock {

    private static final TestClock INSTANCE = new TestClock();
    private volatile Instant fixed;

    private TestClock() {
    }

    public static TestClock get() {
        return INSTANCE;
    }

    public static Instant set(Instant at) {
        INSTANCE.fixed = at;
        return at;
    }

    public static Instant set(String iso) {
        return set(Instant.parse(iso));
    }

    public static Instant advance(Duration d) {
        if (INSTANCE.fixed == null) {
            throw new IllegalStateException("Fix the clock before moving it");
        }
        INSTANCE.fixed = INSTANCE.fixed.plus(d);
        return INSTANCE.fixed;
    }

    public static Instant advanceMinutes(long minutes) {
        return advance(Duration.ofMinutes(minutes));
    }

    public static void reset() {
        INSTANCE.fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }

    /** Makes the test clock the application's clock. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {
        @Bean
        @Primary
        Clock testClock() {
            return INSTANCE;
        }
    }
}
