package org.estate.servicedesk.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/** Formatting for the service-desk pages, exposed to templates as {@code @desk}. */
@Component("desk")
class DeskDisplay {

    private final Clock clock;

    DeskDisplay(Clock clock) {
        this.clock = clock;
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
