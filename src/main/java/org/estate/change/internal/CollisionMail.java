package org.estate.change.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.estate.change.ChangeView;
import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.notify.Email;
import org.estate.notify.Mailer;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.stereotype.Component;

/**
 * The email a scheduled change's team gets when the change gains collisions, queued in the outbox
 * in the transaction that records them (so it goes once, after commit). To the team's shared
 * address and its members; a change without a team (or a team nobody can be emailed at) goes to its
 * requester and implementer.
 */
@Component
class CollisionMail {

    private final Mailer mailer;
    private final Users users;
    private final DeskDirectory desk;

    CollisionMail(Mailer mailer, Users users, DeskDirectory desk) {
        this.mailer = mailer;
        this.users = users;
        this.desk = desk;
    }

    void gained(ChangeRow c, List<ChangeView.Collision> gained) {
        Set<String> to = new LinkedHashSet<>();
        if (c.team() != null) {
            desk.team(c.team()).ifPresent(team -> {
                if (team.email() != null && !team.email().isBlank()) {
                    to.add(team.email());
                }
                team.members().forEach(m -> email(m, to));
            });
        }
        if (to.isEmpty()) {
            email(c.requester(), to);
            email(c.implementer(), to);
        }
        if (to.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder(c.ref() + " (\u201c" + c.title() + "\u201d, scheduled " + c.plannedStart() + " to "
            + c.plannedEnd() + " UTC) has " + (gained.size() == 1 ? "a new collision" : gained.size() + " new collisions")
            + " since it was scheduled:\n\n");
        for (ChangeView.Collision g : gained) {
            body.append("- ").append(g.kind()).append(g.change() == null ? "" : " with " + g.change()).append(": ")
                .append(g.detail()).append("\n  path (CI ids): ").append(g.path()).append('\n');
        }
        body.append("\nLook at it with GET /api/v1/changes/").append(c.ref())
            .append("; editing the change acknowledges the collisions it has then.\n");
        mailer.send(new Email(List.copyOf(to), "[" + c.ref() + "] New collision" + (gained.size() == 1 ? "" : "s") + ": " + c.title(),
            body.toString(), c.ref()));
    }

    private void email(String username, Set<String> to) {
        if (username != null) {
            users.find(username).filter(UserView::enabled).map(UserView::email).filter(e -> e != null && !e.isBlank()).ifPresent(to::add);
        }
    }
}
