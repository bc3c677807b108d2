package org.estate.servicedesk.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The emails the service desk sends: to reporters on updates and resolution, to teams on SLA warnings. */
@Component
class TicketMail {

    private static final Logger log = LoggerFactory.getLogger(TicketMail.class);

    void logged(TicketRow t) {
        log.debug("mail: {} logged", t.ref());
    }

    void customerUpdate(TicketRow t, String text) {
        log.debug("mail: {} update", t.ref());
    }

    void customerComment(TicketRow t, String who, String text) {
        log.debug("mail: {} comment", t.ref());
    }

    void decided(TicketRow t) {
        log.debug("mail: {} {}", t.ref(), t.approval());
    }

    void slaNotice(TicketRow t, String text) {
        log.info("{}: {}", t.ref(), text);
    }

    static String london(java.time.Instant at) {
        return at == null ? "" : java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", java.util.Locale.UK)
            .format(at.atZone(java.time.ZoneId.of("Europe/London")));
    }

    void resolved(TicketRow t) {
        log.debug("mail: {} resolved", t.ref());
    }
}
