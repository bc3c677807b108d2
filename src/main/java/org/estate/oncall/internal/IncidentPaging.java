package org.estate.oncall.internal;

import java.sql.Timestamp;
import java.time.Clock;

import org.estate.notify.NotificationFailed;
import org.estate.servicedesk.IncidentBecameUrgent;
import org.estate.servicedesk.IncidentSlaBreached;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What raises and hurries pages without a person: a P1/P2 incident opened or raised to that
 * priority (monitoring's included) and an SLA breach on one page its team, once while a page is open
 * for it; a delivery that fails for good moves the page to its next level at once instead of
 * waiting out the delay. Reactions run after commit through the event publication registry, so a
 * crash between the incident and its page leaves the page to be raised when the event is
 * republished at restart (and the one-open-page rule keeps a republished event from paging twice).
 */
@Component
class IncidentPaging {

    private final PageService pages;
    private final JdbcClient jdbc;
    private final Clock clock;

    IncidentPaging(PageService pages, JdbcClient jdbc, Clock clock) {
        this.pages = pages;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(IncidentBecameUrgent event) {
        raise(event.ref(), event.previousPriority() == null
            ? "Opened at " + event.priority() : "Raised from " + event.previousPriority() + " to " + event.priority());
    }

    @ApplicationModuleListener
    void on(IncidentSlaBreached event) {
        raise(event.ref(), event.priority() + " SLA breached: " + event.target() + " target missed");
    }

    /**
     * Two events about one incident (it became urgent and, a moment later, breached) may be handled at
     * once on two threads: the second insert meets the unique open-page index, its transaction rolls
     * back, and the incident is paged once — which is what was wanted, so the event is done.
     */
    private void raise(String ref, String why) {
        try {
            pages.raiseForIncident(ref, why);
        } catch (DuplicateKeyException e) {
            org.slf4j.LoggerFactory.getLogger(IncidentPaging.class).info("{} was paged at the same moment by another event: paged once", ref);
        }
    }

    @ApplicationModuleListener
    void on(NotificationFailed event) {
        if (event.reference() == null || !event.reference().startsWith("page:")) {
            return;
        }
        // Due now, if the page still waits at the level this message belonged to.
        jdbc.sql("""
                UPDATE oncall_page SET next_escalation_at = ?, version = version + 1
                WHERE status = 'triggered' AND next_escalation_at IS NOT NULL
                  AND EXISTS (SELECT 1 FROM oncall_page_notification n WHERE n.outbox_id = ? AND n.page_id = oncall_page.id
                              AND n.level_no = oncall_page.level_no AND n.cycle_no = oncall_page.cycle_no)""")
            .params(Timestamp.from(clock.instant()), event.id()).update();
    }
}
