package org.estate.platform.web;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warning line, at most every 30 seconds, while requests are answered 503 because the
 * database cannot be reached: an outage must not bury the log under a stack trace per request.
 */
final class OutageLog {

    private static final Logger log = LoggerFactory.getLogger(OutageLog.class);
    private static final long QUIET_NANOS = 30_000_000_000L;
    private static final AtomicLong last = new AtomicLong(System.nanoTime() - QUIET_NANOS);

    private OutageLog() {
    }

    static void answered503(Throwable e) {
        long now = System.nanoTime();
        long before = last.get();
        if (now - before >= QUIET_NANOS && last.compareAndSet(before, now)) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            log.warn("Answering 503: the database cannot be reached ({})", root.toString());
        }
    }
}
