package org.estate.servicedesk.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.platform.Paging;
import org.estate.servicedesk.IncidentBecameUrgent;
import org.estate.servicedesk.RequestAwaitsApproval;
import org.estate.servicedesk.TeamView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Email that must go at once: a new (or newly raised) P1/P2 incident to its team (the shared
 * address, every member and the assignee), a request awaiting approval to the managers who may
 * decide it. Reacts to the events after commit, through the event publication registry; each alert
 * is claimed once per ticket (and priority) in {@code sd_ticket_alert}, so an event published again
 * after a crash does not email twice.
 */
@Component
class UrgentWorkMail {

    private final JdbcClient jdbc;
    private final TicketStore store;
    private final TeamService teams;
    private final Users users;
    private final TicketMail mail;
    private final Clock clock;

    UrgentWorkMail(JdbcClient jdbc, TicketStore store, TeamService teams, Users users, TicketMail mail, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.teams = teams;
        this.users = users;
        this.mail = mail;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(IncidentBecameUrgent event) {
        TicketRow t = store.row(event.ref());
        if (!claim(event.ref(), "urgent-" + event.priority())) {
            return;
        }
        Set<String> to = new LinkedHashSet<>();
        teams.find(t.team()).ifPresent(team -> {
            if (team.email() != null) {
                to.add(team.email());
            }
            emails(team).forEach(to::add);
        });
        if (t.assignee() != null) {
            users.find(t.assignee()).map(UserView::email).ifPresent(to::add);
        }
        mail.urgent(t, List.copyOf(to), event.previousPriority());
    }

    @ApplicationModuleListener
    void on(RequestAwaitsApproval event) {
        TicketRow t = store.row(event.ref());
        if (!"pending".equals(t.approval()) || !claim(event.ref(), "approval")) {
            return;
        }
        String raisedBy = store.raisedBy(t.id());
        List<String> to = new ArrayList<>();
        for (UserView u : users.list(null, Paging.of(0, Paging.MAX_SIZE)).items()) {
            // The approvers: enabled managers, never the requester nor whoever raised it (RequestApproval's rule).
            if (u.enabled() && u.roles().contains("manager") && u.email() != null
                && !u.username().equals(t.requester()) && !u.username().equals(raisedBy)) {
                to.add(u.email());
            }
        }
        mail.awaitingApproval(t, to);
    }

    private List<String> emails(TeamView team) {
        return team.members().stream().map(users::find).flatMap(java.util.Optional::stream).map(UserView::email)
            .filter(e -> e != null && !e.isBlank()).toList();
    }

    /** True for the first claim of this alert on this ticket. */
    private boolean claim(String ref, String kind) {
        return jdbc.sql("INSERT INTO sd_ticket_alert (ticket_ref, kind, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
            .params(ref, kind, Timestamp.from(clock.instant())).update() == 1;
    }
}
