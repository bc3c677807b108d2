package org.estate.servicedesk.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.notify.Email;
import org.estate.notify.Mailer;
import org.estate.servicedesk.TeamView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The emails the service desk sends, queued in the outbox inside the transaction of the change:
 * to the reporter when a ticket is logged, updated for them, decided or resolved; to the
 * assignment group (and the assignee) on a requester's comment and on SLA warnings and breaches.
 */
@Component
class TicketMail {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.UK);

    private final Mailer mailer;
    private final TeamService teams;
    private final Users users;
    private final String baseUrl;
    private final String organisation;
    private final Duration reopenPeriod;

    TicketMail(Mailer mailer, TeamService teams, Users users, @Value("${estate.base-url:http://localhost:8080}") String baseUrl,
               @Value("${estate.organisation-name:Estate}") String organisation,
               @Value("${estate.servicedesk.reopen-period:5d}") Duration reopenPeriod) {
        this.reopenPeriod = reopenPeriod;
        this.mailer = mailer;
        this.teams = teams;
        this.users = users;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.organisation = organisation;
    }

    static String london(Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(ZoneId.of("Europe/London")));
    }

    private String noun(TicketRow t) {
        return "request".equals(t.type()) ? "request" : "fault report";
    }

    private String portal(TicketRow t) {
        return baseUrl + "/portal/tickets/" + t.ref();
    }

    private String desk(TicketRow t) {
        return baseUrl + "/desk/tickets/" + t.ref();
    }

    private void toReporter(TicketRow t, String subject, String body) {
        if (t.reporterEmail() == null) {
            return;
        }
        mailer.send(new Email(List.of(t.reporterEmail()), "[" + t.ref() + "] " + subject,
            "Hello " + (t.reporterName() == null ? "" : t.reporterName()) + ",\n\n" + body + "\n\nFollow it at " + portal(t)
                + "\n\n" + organisation + " IT service desk\n", t.ref()));
    }

    private void toTeam(TicketRow t, String subject, String body) {
        List<String> to = new ArrayList<>();
        teams.find(t.team()).map(TeamView::email).ifPresent(to::add);
        if (t.assignee() != null) {
            users.find(t.assignee()).map(UserView::email).ifPresent(to::add);
        }
        if (!to.isEmpty()) {
            mailer.send(new Email(to.stream().distinct().toList(), "[" + t.ref() + " " + t.priority() + "] " + subject,
                body + "\n\n" + t.title() + "\n" + desk(t) + "\n", t.ref()));
        }
    }

    void logged(TicketRow t) {
        toReporter(t, "We have your " + noun(t) + ": " + t.title(), "We have logged your " + noun(t) + " as " + t.ref() + ".\n"
            + ("pending".equals(t.approval()) ? "A manager needs to approve it before work starts.\n" : "")
            + "We will keep you updated.");
    }

    void customerUpdate(TicketRow t, String text) {
        toReporter(t, "Update: " + t.title(), text);
    }

    void customerComment(TicketRow t, String who, String text) {
        toTeam(t, "Comment from " + who, who + " wrote:\n\n" + text);
    }

    void reopenedByReply(TicketRow t, String who, String text) {
        toTeam(t, "Reopened by " + who, who + " replied to the resolved " + noun(t) + ", so it is open again (in progress):\n\n" + text);
    }

    void decided(TicketRow t) {
        toReporter(t, ("approved".equals(t.approval()) ? "Approved: " : "Not approved: ") + t.title(),
            "approved".equals(t.approval()) ? "Your request has been approved and passed to the team that fulfils it."
                : "Your request was not approved" + (t.approvalNote() == null ? "." : ": " + t.approvalNote()));
    }

    void resolved(TicketRow t) {
        toReporter(t, "Resolved: " + t.title(), t.resolutionNote() == null ? "We have resolved this." : t.resolutionNote()
            + "\n\nIf it is not fixed, reply on the portal (the link below) by " + london(t.resolvedAt().plus(reopenPeriod))
            + " and we will reopen it. After that, report it as a new fault.");
    }

    /** A new or newly raised P1/P2 incident, to its team at once. */
    void urgent(TicketRow t, List<String> to, String previousPriority) {
        if (to.isEmpty()) {
            return;
        }
        String what = previousPriority == null ? "New " + t.priority() + " incident" : "Raised from " + previousPriority + " to " + t.priority();
        mailer.send(new Email(to, "[" + t.ref() + " " + t.priority() + "] " + what + ": " + t.title(),
            what + " for " + teams.find(t.team()).map(TeamView::name).orElse("your team") + ".\n\n" + t.title() + "\n"
                + (t.description() == null ? "" : t.description() + "\n") + "\nAssigned to: "
                + (t.assignee() == null ? "nobody yet" : users.find(t.assignee()).map(UserView::displayName).orElse(t.assignee()))
                + "\nOpened: " + london(t.openedAt()) + "\n\n" + desk(t) + "\n", t.ref()));
    }

    /** A request waiting for approval, to the managers who may decide it. */
    void awaitingApproval(TicketRow t, List<String> to) {
        if (to.isEmpty()) {
            return;
        }
        String who = t.requester() == null ? "someone" : users.find(t.requester()).map(UserView::displayName).orElse(t.requester());
        mailer.send(new Email(to, "[" + t.ref() + "] Waiting for your approval: " + t.title(),
            who + " has asked for: " + t.title() + "\n\nIt needs a manager's approval before work starts. Approve or reject it at\n"
                + desk(t) + "\n", t.ref()));
    }

    void slaNotice(TicketRow t, String text) {
        toTeam(t, text, text + ".");
    }
}
