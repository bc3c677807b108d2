package org.estate.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps this node's calls to GOV.UK Notify under its rate limit (3,000 messages a minute for a
 * live key, counted over a rolling minute; {@code estate.notify.rate-per-minute}): a token bucket
 * holding at most {@link #BURST_SECONDS} worth, so a storm of pages goes out as fast as Notify accepts rather
 * than into a wall of 429s.
 * A message without a token waits {@link #WAIT} and is not counted as an attempt; a 429 from Notify
 * itself (several nodes share one key) is waited out the same way.
 */
final class NotifyPace {

    static final Duration WAIT = Duration.ofSeconds(2);
    /** The most sent at once after a quiet spell: five seconds' worth (250 at 3,000 a minute). */
    static final int BURST_SECONDS = 5;

    private final Clock clock;
    private final double perSecond;
    private double tokens;
    private Instant at;

    NotifyPace(Clock clock, int perMinute) {
        this.clock = clock;
        this.perSecond = Math.max(1, perMinute) / 60.0;
        this.tokens = perSecond * BURST_SECONDS;
        this.at = clock.instant();
    }

    /** Takes a token if one is there. */
    synchronized boolean tryTake() {
        Instant now = clock.instant();
        double elapsed = Math.max(0, Duration.between(at, now).toNanos() / 1e9);
        tokens = Math.min(Math.max(1, perSecond * BURST_SECONDS), tokens + elapsed * perSecond);
        at = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
