package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketRow.sql;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.estate.platform.AuditLog;
import org.estate.platform.BackgroundJob;
import org.estate.platform.AuditLog.Change;
import org.estate.servicedesk.internal.SlaClock.Reading;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each SLA warning (at the policy's threshold) and each breach notice once, and closes
 * resolved tickets once their reopen period has passed.
 *
 * <p>Every ticket stores {@code next_event_at}, the earliest warning or breach still to announce,
 * so finding the work is one index range. A notice is claimed by a compare-and-set on the ticket's
 * {@code notified} bits in the same transaction that queues its email in the outbox: two nodes
 * racing send it once, a crash before commit sends it on the next run, and a restart neither
 * repeats nor loses it.
 */
@Component
public class SlaClockJob {

    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final TicketWorkflow workflow;
    private final TicketStore store;
    private final TicketViews views;
    private final TicketMail mail;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final boolean enabled;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final BackgroundJob job = new BackgroundJob("The SLA clock", SlaClockJob.class);

    SlaClockJob(JdbcClient jdbc, TicketWorkflow workflow, TicketStore store, TicketViews views, TicketMail mail, AuditLog audit, Clock clock, TransactionTemplate transaction,
                org.springframework.context.ApplicationEventPublisher events,
                @org.springframework.beans.factory.annotation.Value("${estate.servicedesk.clock-job:true}") boolean enabled) {
        this.events = events;
        this.enabled = enabled;
        this.jdbc = jdbc;
        this.workflow = workflow;
        this.store = store;
        this.views = views;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${estate.servicedesk.clock-interval:30s}", initialDelayString = "${estate.servicedesk.clock-interval:30s}")
    void scheduled() {
        if (!enabled) {
            return;
        }
        job.run(this::runOnce);
    }

    /** One pass: announces what is due now and closes what has stayed resolved long enough. Returns notices sent. */
    public int runOnce() {
        Instant now = clock.instant();
        int sent = 0;
        // Each announcement moves the ticket's next_event_at past now, so every batch is new work.
        for (int round = 0; round < 100; round++) {
            List<Long> due = jdbc.sql("SELECT id FROM sd_ticket WHERE next_event_at <= ? ORDER BY next_event_at LIMIT " + BATCH)
                .param(sql(now)).query(Long.class).list();
            for (long id : due) {
                Integer n = transaction.execute(status -> announce(id, now));
                sent += n == null ? 0 : n;
            }
            if (due.size() < BATCH) {
                break;
            }
        }
        List<Long> stale = jdbc.sql("""
                SELECT id FROM sd_ticket WHERE ticket_type IN ('incident', 'request') AND status = 'resolved' AND resolved_at < ?
                ORDER BY id LIMIT\s""" + BATCH)
            .param(sql(now.minus(workflow.reopenPeriod()))).query(Long.class).list();
        for (long id : stale) {
            transaction.executeWithoutResult(status -> close(id, now));
        }
        return sent;
    }

    private int announce(long id, Instant now) {
        TicketRow row = jdbc.sql("SELECT " + TicketRow.COLUMNS + " FROM sd_ticket WHERE id = ?").param(id).query(TicketRow::map).single();
        Reading r = views.reading(row, store.stops(id), now);
        boolean responsePending = row.respondedAt() == null && row.open();
        boolean resolutionPending = row.open() && r.resolutionDue() != null;
        List<Integer> bits = new ArrayList<>();
        if (responsePending) {
            add(bits, row.notified(), SlaClock.RESPONSE_WARNING, r.responseWarnAt(), now);
            add(bits, row.notified(), SlaClock.RESPONSE_BREACH, r.responseDue(), now);
        }
        if (resolutionPending) {
            add(bits, row.notified(), SlaClock.RESOLUTION_WARNING, r.resolutionWarnAt(), now);
            add(bits, row.notified(), SlaClock.RESOLUTION_BREACH, r.resolutionDue(), now);
        }
        int notified = row.notified();
        for (int b : bits) {
            notified |= b;
        }
        Reading after = views.reading(row.withNotified(notified), store.stops(id), now);
        int updated = jdbc.sql("""
                UPDATE sd_ticket SET notified = ?, next_event_at = ?, response_breached = ?, resolution_breached = ?, breached_at = ?,
                    next_due = ? WHERE id = ? AND notified = ?""")
            .params(notified, sql(after.nextEventAt()), after.responseBreached(), after.resolutionBreached(), sql(after.breachedAt()),
                sql(after.nextDue()), id, row.notified())
            .update();
        if (updated == 0) {
            return 0; // another node announced it first
        }
        for (int b : bits) {
            String text = describe(b, r);
            store.event(id, now, "system", "sla", "internal", text);
            mail.slaNotice(row, text);
            boolean breach = b == SlaClock.RESPONSE_BREACH || b == SlaClock.RESOLUTION_BREACH;
            if (breach && "incident".equals(row.type()) && ("P1".equals(row.priority()) || "P2".equals(row.priority()))) {
                events.publishEvent(new org.estate.servicedesk.IncidentSlaBreached(row.ref(), row.priority(),
                    b == SlaClock.RESPONSE_BREACH ? "response" : "resolution"));
            }
        }
        return bits.size();
    }

    private static void add(List<Integer> bits, int notified, int bit, Instant at, Instant now) {
        if ((notified & bit) == 0 && at != null && !at.isAfter(now)) {
            bits.add(bit);
        }
    }

    static String describe(int bit, Reading r) {
        return switch (bit) {
            case SlaClock.RESPONSE_WARNING -> "SLA warning: respond by " + TicketMail.london(r.responseDue());
            case SlaClock.RESPONSE_BREACH -> "SLA breached: no response by " + TicketMail.london(r.responseDue());
            case SlaClock.RESOLUTION_WARNING -> "SLA warning: resolve by " + TicketMail.london(r.resolutionDue());
            default -> "SLA breached: not resolved by " + TicketMail.london(r.resolutionDue());
        };
    }

    private void close(long id, Instant now) {
        TicketRow row = jdbc.sql("SELECT " + TicketRow.COLUMNS + " FROM sd_ticket WHERE id = ?").param(id).query(TicketRow::map).single();
        int n = jdbc.sql("UPDATE sd_ticket SET status = 'closed', closed_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status = 'resolved'")
            .params(sql(now), sql(now), id).update();
        if (n == 1) {
            store.event(id, now, "system", "status", "customer", "Status resolved → closed (no reply within the reopen period)");
            views.refreshSla(id, now);
            audit.record(row.entity(), row.ref(), "updated", row.ref() + " closed automatically", Map.of("status", new Change("resolved", "closed")));
        }
    }
}
