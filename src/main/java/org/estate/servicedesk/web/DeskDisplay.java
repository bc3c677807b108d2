package org.estate.servicedesk.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/** Formatting for the service-desk pages, exposed to templates as {@code @desk}. */
@Component("desk")
class DeskDisplay {

    private final Clock clock;
    private final org.estate.identity.Users users;

    DeskDisplay(Clock clock, org.estate.identity.Users users) {
        this.clock = clock;
        this.users = users;
    }

    /** A person by their display name (the username when they have none or are gone); the system as the service desk. */
    public String person(String username) {
        if (username == null) {
            return "";
        }
        if ("system".equals(username)) {
            return "The service desk";
        }
        return users.find(username).map(org.estate.identity.UserView::displayName).filter(n -> n != null && !n.isBlank()).orElse(username);
    }

    /** A ticket's status as the requester reads it on the portal: what is happening, in plain English. */
    public String portalStatus(String status, String holdReason) {
        return switch (status == null ? "" : status) {
            case "new" -> "Received";
            case "in-progress" -> "Being worked on";
            case "on-hold" -> switch (holdReason == null ? "" : holdReason) {
                case "awaiting-customer" -> "Waiting for you";
                case "awaiting-supplier" -> "Waiting for a supplier";
                case "awaiting-approval" -> "Waiting for approval";
                case "awaiting-change" -> "Waiting for a planned change";
                default -> "On hold";
            };
            default -> statusLabel(status);
        };
    }

    /** An approval's state in plain English. */
    public String approval(String state) {
        return switch (state == null ? "" : state) {
            case "pending" -> "Waiting for a manager's approval";
            case "approved" -> "Approved";
            case "rejected" -> "Not approved";
            case "not-required" -> "Not needed";
            default -> state == null ? "" : state;
        };
    }

    public String slaColour(String state) {
        return switch (state == null ? "" : state) {
            case "breached" -> "govuk-tag--red";
            case "warning" -> "govuk-tag--orange";
            case "paused" -> "govuk-tag--grey";
            case "met" -> "govuk-tag--green";
            default -> "govuk-tag--blue";
        };
    }

    public String statusColour(String status) {
        return switch (status == null ? "" : status) {
            case "new" -> "govuk-tag--light-blue";
            case "in-progress" -> "govuk-tag--blue";
            case "on-hold" -> "govuk-tag--yellow";
            case "resolved" -> "govuk-tag--green";
            default -> "govuk-tag--grey";
        };
    }

    public String priorityColour(String priority) {
        return switch (priority == null ? "" : priority) {
            case "P1" -> "govuk-tag--red";
            case "P2" -> "govuk-tag--orange";
            case "P3" -> "govuk-tag--yellow";
            default -> "govuk-tag--grey";
        };
    }

    private static final java.time.format.DateTimeFormatter DATE_TIME =
        java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", java.util.Locale.UK);

    /** A time as the pages show it, in Europe/London. */
    public String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at.atZone(java.time.ZoneId.of("Europe/London")));
    }

    /** A ticket's or problem's status in plain English. */
    public static String statusLabel(String status) {
        return switch (status == null ? "" : status) {
            case "new" -> "New";
            case "in-progress" -> "In progress";
            case "on-hold" -> "On hold";
            case "resolved" -> "Resolved";
            case "closed" -> "Closed";
            case "open" -> "Open";
            default -> status == null ? "" : status;
        };
    }

    /** What a ticket on hold waits for, as the desk says it. */
    public static String holdLabel(String reason) {
        return switch (reason == null ? "" : reason) {
            case "awaiting-customer" -> "Waiting for the reporter";
            case "awaiting-supplier" -> "Waiting for a supplier";
            case "awaiting-change" -> "Waiting for a planned change";
            case "awaiting-approval" -> "Waiting for a manager's approval";
            default -> reason == null ? "" : reason;
        };
    }

    /** What a ticket on hold waits for, said to the requester on the portal. */
    public static String holdForRequester(String reason) {
        return switch (reason == null ? "" : reason) {
            case "awaiting-customer" -> "We are waiting for you: please reply below with what we asked for.";
            case "awaiting-supplier" -> "We are waiting for a supplier to act. The clock on our target time is paused meanwhile.";
            case "awaiting-change" -> "We are waiting for a planned change to be made.";
            case "awaiting-approval" -> "A manager needs to approve this request before work starts.";
            default -> "";
        };
    }

    /** incident, request, problem, known-error as a word for people. */
    public static String typeLabel(String type) {
        return switch (type == null ? "" : type) {
            case "incident" -> "Incident";
            case "request" -> "Service request";
            case "problem" -> "Problem";
            case "known-error" -> "Known error";
            default -> type == null ? "" : type;
        };
    }

    /** The instance forms of the labels, for templates ({@code @desk.status(...)}). */
    public String status(String status) {
        return statusLabel(status);
    }

    public String hold(String reason) {
        return holdLabel(reason);
    }

    public String holdToRequester(String reason) {
        return holdForRequester(reason);
    }

    /** "in 45 min", "2 h 5 min ago" relative to now. */
    public String relative(Instant at) {
        if (at == null) {
            return "";
        }
        Duration d = Duration.between(clock.instant(), at);
        String amount = minutes(Math.abs(d.toMinutes()));
        return d.isNegative() ? amount + " ago" : "in " + amount;
    }

    /** How long a ticket has been open: until it was resolved or closed, else until now. */
    public String age(Instant opened, Instant ended) {
        if (opened == null) {
            return "";
        }
        Instant end = ended == null ? clock.instant() : ended;
        return minutes(Math.max(0, Duration.between(opened, end).toMinutes()));
    }

    public String minutes(long minutes) {
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 24 * 60) {
            return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        long days = minutes / (24 * 60);
        long hours = (minutes % (24 * 60)) / 60;
        return days + (days == 1 ? " day" : " days") + (hours == 0 ? "" : " " + hours + " h");
    }
}
