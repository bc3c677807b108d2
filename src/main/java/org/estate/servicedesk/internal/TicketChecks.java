package org.estate.servicedesk.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.estate.cmdb.Cmdb;
import org.estate.identity.Users;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.TeamView;
import org.estate.servicedesk.TicketView;
import org.springframework.stereotype.Component;

/**
 * The checks that opening and changing tickets (and problems) share: text lengths, levels, the
 * reporter, affected CIs, team and assignee; and the small string helpers that go with them.
 */
@Component
class TicketChecks {

    /** The most CIs one ticket or problem may name. */
    static final int MAX_CIS = 100;
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Cmdb cmdb;
    private final Users users;
    private final TeamService teams;

    TicketChecks(Cmdb cmdb, Users users, TeamService teams) {
        this.cmdb = cmdb;
        this.users = users;
        this.teams = teams;
    }

    /** The team new tickets go to: the service desk, when it exists. */
    String defaultTeam() {
        return teams.find("service-desk").map(t -> t.key()).orElse(null);
    }

    boolean userExists(String username) {
        return users.find(username).isPresent();
    }

    /**
     * Refuses a new assignee who exists but cannot work tickets (a viewer, a requester, a disabled
     * user); an unknown one is left to {@link #assignment} and {@link #teamFollowing}. Asked only when
     * the assignee changes, so a ticket whose assignee has since left can still be edited.
     */
    void assignable(List<FieldError> errors, String assignee) {
        if (assignee == null || assignee.isBlank()) {
            return;
        }
        users.find(assignee).filter(u -> !u.enabledEngineer()).ifPresent(u -> errors.add(new FieldError("assignee",
            abbreviate(assignee, 40) + (u.enabled() ? " cannot work tickets (not an engineer, manager or admin)" : " is disabled")
                + ": choose someone who works tickets")));
    }

    /**
     * The affected CIs, each once, in the order given; an error for each id that is not a CI. At
     * most {@link #MAX_CIS}: a longer list is refused whole, before any CI is looked up.
     */
    List<Long> cis(List<FieldError> errors, List<Long> ids) {
        List<Long> found = new ArrayList<>();
        if (ids == null) {
            return found;
        }
        if (ids.size() > MAX_CIS) {
            errors.add(new FieldError("affectedCis", "Name at most " + MAX_CIS + " affected CIs (" + ids.size() + " given)"));
            return found;
        }
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null) {
                errors.add(new FieldError("affectedCis[" + i + "]", "CI ids are integers"));
                continue;
            }
            try {
                cmdb.get(id);
                if (!found.contains(id)) {
                    found.add(id);
                }
            } catch (NotFoundException e) {
                errors.add(new FieldError("affectedCis[" + i + "]", "No CI with id " + id));
            }
        }
        return found;
    }

    /**
     * CI ids from a parsed JSON list: whole numbers within a long; anything else (text, fractions,
     * numbers too big for an id) becomes null, which {@link #cis} reports as not an integer.
     */
    static List<Long> ciIds(List<?> raw) {
        if (raw.size() > MAX_CIS) {
            return Collections.nCopies(raw.size(), null); // refused whole by cis(): nothing to convert
        }
        List<Long> ids = new ArrayList<>();
        for (Object o : raw) {
            ids.add(o instanceof Integer || o instanceof Long || o instanceof Short ? Long.valueOf(((Number) o).longValue())
                : o instanceof BigInteger b && b.bitLength() < 64 ? Long.valueOf(b.longValue()) : null);
        }
        return ids;
    }

    void assignment(List<FieldError> errors, String team, String assignee) {
        Optional<TeamView> t = team == null ? Optional.empty() : teams.find(team);
        if (team != null && t.isEmpty()) {
            errors.add(new FieldError("team", "No team '" + team + "'"));
        }
        if (assignee != null && !assignee.isBlank()) {
            if (users.find(assignee).isEmpty()) {
                errors.add(new FieldError("assignee", "No user '" + assignee + "'"));
            } else if (t.isPresent() && !t.get().members().contains(assignee)) {
                errors.add(new FieldError("assignee", assignee + " is not a member of " + t.get().name()));
            }
        }
    }

    /**
     * The team a ticket goes to when it gets this assignee. A team chosen in the same change
     * ({@code teamGiven}) must hold the assignee (422 otherwise, as {@link #assignment}); without one
     * the team follows the assignee: {@code team} (the ticket's current team) when they are in it,
     * else the first of their teams by key; an assignee in no team is refused.
     */
    String teamFollowing(List<FieldError> errors, String team, boolean teamGiven, String assignee) {
        if (assignee == null || assignee.isBlank() || teamGiven) {
            assignment(errors, team, assignee);
            return team;
        }
        if (users.find(assignee).isEmpty()) {
            errors.add(new FieldError("assignee", "No user '" + abbreviate(assignee, 40) + "'"));
            return team;
        }
        if (team != null && teams.find(team).map(t -> t.members().contains(assignee)).orElse(false)) {
            return team;
        }
        List<String> theirs = teams.teamsOf(assignee);
        if (theirs.isEmpty()) {
            errors.add(new FieldError("assignee", assignee + " is in no team: add them to a team before assigning tickets to them"));
            return team;
        }
        return theirs.getFirst();
    }

    /** The label people see for a field in an error message (the field's name in the API otherwise). */
    static String label(String field) {
        return switch (field) {
            case "title" -> "Title";
            case "description" -> "Description";
            case "category" -> "Category";
            case "reporter.name" -> "Reporter's name";
            case "reporter.phone" -> "Reporter's phone";
            case "impact" -> "Impact";
            case "urgency" -> "Urgency";
            case "rootCause" -> "Root cause";
            case "workaround" -> "Workaround";
            default -> field;
        };
    }

    static void text(List<FieldError> errors, String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, switch (field) {
                    case "title" -> "Enter the title: what is wrong, in a few words";
                    case "reporter.name" -> "Enter the reporter's name";
                    default -> "Enter the " + label(field).toLowerCase(java.util.Locale.ROOT);
                }));
            }
        } else if (value.length() > max) {
            errors.add(new FieldError(field, label(field) + " must be " + max + " characters or fewer"));
        }
    }

    static void level(List<FieldError> errors, String field, String value) {
        if (value == null || !TicketService.LEVELS.contains(value)) {
            errors.add(new FieldError(field, "Choose the " + label(field).toLowerCase(java.util.Locale.ROOT) + ": high, medium or low"));
        }
    }

    static void reporter(List<FieldError> errors, TicketView.Reporter r) {
        if (r == null) {
            errors.add(new FieldError("reporter", "Say who reported it: name and email"));
            return;
        }
        text(errors, "reporter.name", r.name(), true, 200);
        if (r.email() == null || r.email().isBlank()) {
            errors.add(new FieldError("reporter.email", "Enter the reporter's email: updates are sent to it"));
        } else if (!EMAIL.matcher(r.email().trim()).matches() || r.email().length() > 320) {
            errors.add(new FieldError("reporter.email", "'" + r.email() + "' is not an email address"));
        }
        text(errors, "reporter.phone", r.phone(), false, 50);
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static void diff(Map<String, Change> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.put(field, new Change(from, to));
        }
    }
}
