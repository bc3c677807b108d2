package org.estate.oncall.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.estate.platform.BackgroundJob;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The escalation timers: every page's {@code next_escalation_at} is in the database, so the timers
 * survive a restart and are shared by every node, as the SLA clock's are. Each pass takes the due
 * pages a level on, each in its own transaction, claimed by compare-and-set on the page's version.
 */
@Component
public class PageEscalationJob {

    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final PageStore store;
    private final PageEscalator escalator;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final boolean enabled;
    private final BackgroundJob job = new BackgroundJob("Page escalation", PageEscalationJob.class);

    PageEscalationJob(JdbcClient jdbc, PageStore store, PageEscalator escalator, TransactionTemplate transaction, Clock clock,
                      @Value("${estate.oncall.escalation-job:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.store = store;
        this.escalator = escalator;
        this.transaction = transaction;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${estate.oncall.escalation-interval:5s}", initialDelayString = "${estate.oncall.escalation-interval:5s}")
    void scheduled() {
        if (enabled) {
            job.run(this::runOnce);
        }
    }

    /** Takes every page whose delay has run out a level on; answers how many moved. */
    public int runOnce() {
        Instant now = clock.instant();
        int moved = 0;
        for (int round = 0; round < 100; round++) {
            List<Long> due = jdbc.sql("""
                    SELECT id FROM oncall_page WHERE next_escalation_at <= ? AND status = 'triggered'
                    ORDER BY next_escalation_at, id LIMIT\s""" + BATCH)
                .param(Timestamp.from(now)).query(Long.class).list();
            for (long id : due) {
                Boolean done = transaction.execute(s -> store.find(id)
                    .filter(p -> p.triggered() && p.nextEscalationAt() != null && !p.nextEscalationAt().isAfter(now))
                    .map(p -> escalator.advance(p, now)).orElse(false));
                moved += Boolean.TRUE.equals(done) ? 1 : 0;
            }
            if (due.size() < BATCH) {
                break;
            }
        }
        return moved;
    }
}
