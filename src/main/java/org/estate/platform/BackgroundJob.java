package org.estate.platform;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pass of a scheduled job so that a failure never stops the schedule and never floods
 * the log: while the database cannot be reached the job says so once (without a stack trace) and
 * once more when it is back; any other failure is logged on one line and the job tries again at
 * its next run.
 */
public final class BackgroundJob {

    private final String name;
    private final Logger log;
    private final AtomicBoolean databaseDown = new AtomicBoolean();

    /** @param name what the job does, as a log line starts it ("The SLA clock", "Notification dispatch") */
    public BackgroundJob(String name, Class<?> owner) {
        this.name = name;
        this.log = LoggerFactory.getLogger(owner);
    }

    public void run(Runnable pass) {
        try {
            pass.run();
            if (databaseDown.compareAndSet(true, false)) {
                log.info("{} is running again: the database is reachable", name);
            }
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCauseOf(e)) {
                if (databaseDown.compareAndSet(false, true)) {
                    log.warn("{} is waiting: the database cannot be reached ({}); it will try again at each run", name, rootMessage(e));
                }
            } else {
                log.warn("{} failed; it will try again: {}", name, e.toString());
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
