package org.estate.servicedesk.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.servicedesk.TeamView;
import org.estate.servicedesk.internal.TeamService;
import org.springframework.stereotype.Component;

/**
 * The assignee picker's choices: the members of the ticket's team first, then each other team's
 * members, each person once and by display name; only those who can work tickets (enabled
 * engineers, managers and admins: {@link UserView#enabledEngineer}). Choosing someone from another team moves the
 * ticket to their team (see TicketChecks.teamFollowing).
 */
@Component
class AssigneeChoices {

    /** One person in the picker: the username sent, the name shown. */
    record Option(String username, String label) {
    }

    /** An option group: a team's name and the members not already offered above it. */
    record Group(String label, List<Option> options) {
    }

    private final TeamService teams;
    private final Users users;

    AssigneeChoices(TeamService teams, Users users) {
        this.teams = teams;
        this.users = users;
    }

    /**
     * The groups for a ticket in {@code team} whose assignee is {@code current} (kept as a choice
     * even when they are in no team, so the form reads back what is stored).
     */
    List<Group> groups(String team, String current) {
        List<TeamView> all = new ArrayList<>(teams.list());
        all.sort((a, b) -> Boolean.compare(!a.key().equals(team), !b.key().equals(team)));
        Set<String> offered = new LinkedHashSet<>();
        List<Group> groups = new ArrayList<>();
        for (TeamView t : all) {
            List<Option> options = new ArrayList<>();
            for (String m : t.members()) {
                if (canWork(m) && offered.add(m)) {
                    options.add(new Option(m, label(m)));
                }
            }
            if (!options.isEmpty()) {
                groups.add(new Group(t.key().equals(team) ? t.name() + " (this ticket's team)" : t.name(), options));
            }
        }
        if (current != null && !current.isBlank() && !offered.contains(current)) {
            groups.add(new Group(canWork(current) ? "In no team" : "Current assignee (no longer works tickets)",
                List.of(new Option(current, label(current)))));
        }
        return groups;
    }

    /** Only people who can work tickets are offered: enabled engineers, managers and admins. */
    private boolean canWork(String username) {
        return users.find(username).map(UserView::enabledEngineer).orElse(false);
    }

    /** "Display Name (username)", or the username alone when the user is gone or has no other name. */
    String label(String username) {
        return users.find(username).map(UserView::displayName)
            .filter(n -> n != null && !n.isBlank() && !n.equals(username))
            .map(n -> n + " (" + username + ")").orElse(username);
    }
}
