package org.estate.fault;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting for a condition with a deadline, never a fixed sleep. */
final class Poll {

    private Poll() {
    }

    static void until(String what, Duration deadline, Callable<Boolean> condition) {
        long end = System.nanoTime() + deadline.toNanos();
        Throwable last = null;
        while (System.nanoTime() < end) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            pause();
        }
        throw new AssertionError("Not within " + deadline.toSeconds() + " s: " + what + (last == null ? "" : " (last: " + last + ")"));
    }

    /** A short pause between two looks at a condition. */
    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
