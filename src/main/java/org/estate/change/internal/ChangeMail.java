package org.estate.change.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.notify.Email;
import org.estate.notify.Mailer;
import org.estate.platform.Paging;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.stereotype.Component;

/**
 * Email about changes, queued in the outbox inside the transaction of the move that causes it
 * (so it goes after commit, or never if the move rolls back): the approvers when a change awaits
 * them, the requester when it is decided.
 */
@Component
class ChangeMail {

    private final Mailer mailer;
    private final Users users;
    private final DeskDirectory desk;

    ChangeMail(Mailer mailer, Users users, DeskDirectory desk) {
        this.mailer = mailer;
        this.users = users;
        this.desk = desk;
    }

    /** To those who may approve it: the CAB's members for a high-risk normal change, else the managers; never its requester or implementer. */
    void awaitingApproval(ChangeRow c, boolean cab, String level) {
        Set<String> to = new LinkedHashSet<>();
        if (cab) {
            desk.team(ChangeApprovals.CAB).ifPresent(team -> team.members().stream()
                .filter(u -> !u.equals(c.requester()) && !u.equals(c.implementer()))
                .map(users::find).flatMap(java.util.Optional::stream)
                .filter(u -> u.enabled() && u.email() != null).forEach(u -> to.add(u.email())));
        } else {
            for (UserView u : users.list(null, Paging.of(0, Paging.MAX_SIZE)).items()) {
                if (u.enabled() && u.email() != null && (u.roles().contains("manager") || u.roles().contains("admin"))
                    && !u.username().equals(c.requester()) && !u.username().equals(c.implementer())) {
                    to.add(u.email());
                }
            }
        }
        if (to.isEmpty()) {
            return;
        }
        mailer.send(new Email(List.copyOf(to), "[" + c.ref() + "] Awaiting your approval: " + c.title(),
            c.ref() + " (" + c.type() + ", risk " + level + ") awaits " + (cab ? "the CAB's" : "a manager's") + " approval.\n\n"
                + "Title: " + c.title() + "\nRequested by: " + c.requester() + "\nWindow: " + c.plannedStart() + " to "
                + c.plannedEnd() + " (UTC)\n\nDecide it with POST /api/v1/changes/" + c.ref() + "/approvals.\n", c.ref()));
    }

    /** To the requester: approved (and scheduled) or rejected, with the note. */
    void decided(ChangeRow c, String decision, String by, String note) {
        List<String> to = new ArrayList<>();
        users.find(c.requester()).map(UserView::email).filter(e -> !e.isBlank()).ifPresent(to::add);
        if (to.isEmpty()) {
            return;
        }
        mailer.send(new Email(to, "[" + c.ref() + "] " + ("approved".equals(decision) ? "Approved" : "Rejected") + ": " + c.title(),
            c.ref() + " was " + decision + " by " + by + ("approved".equals(decision) ? " and is now scheduled." : ".")
                + (note == null ? "" : "\n\nNote: " + note) + "\n", c.ref()));
    }
}
