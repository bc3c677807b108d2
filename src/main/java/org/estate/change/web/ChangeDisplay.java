package org.estate.change.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** How the change pages show statuses, risk levels, collision kinds and windows ({@code @changes} in templates). */
@Component("changes")
class ChangeDisplay {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** The form of a time on the change forms: day first, 24-hour, Europe/London (as CsvValues reads it). */
    static final DateTimeFormatter FORM = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    public String status(String status) {
        return switch (status == null ? "" : status) {
            case "draft" -> "Draft";
            case "assessment" -> "Awaiting approval";
            case "scheduled" -> "Scheduled";
            case "implementing" -> "Implementing";
            case "review" -> "In review";
            case "closed" -> "Closed";
            case "rejected" -> "Rejected";
            case "cancelled" -> "Cancelled";
            default -> status;
        };
    }

    public String statusColour(String status) {
        return switch (status == null ? "" : status) {
            case "draft" -> "govuk-tag--grey";
            case "assessment" -> "govuk-tag--yellow";
            case "scheduled" -> "govuk-tag--blue";
            case "implementing" -> "govuk-tag--purple";
            case "review" -> "govuk-tag--orange";
            case "closed" -> "govuk-tag--green";
            default -> "govuk-tag--grey";
        };
    }

    public String risk(String level) {
        return switch (level == null ? "" : level) {
            case "very-high" -> "Very high risk";
            case "high" -> "High risk";
            case "medium" -> "Medium risk";
            case "low" -> "Low risk";
            default -> level;
        };
    }

    public String riskColour(String level) {
        return switch (level == null ? "" : level) {
            case "very-high" -> "govuk-tag--red";
            case "high" -> "govuk-tag--orange";
            case "medium" -> "govuk-tag--yellow";
            default -> "govuk-tag--green";
        };
    }

    public String kind(String kind) {
        return switch (kind == null ? "" : kind) {
            case "same-ci" -> "Same CI";
            case "dependency" -> "Dependency";
            case "joint-outage" -> "Joint outage";
            case "freeze" -> "Freeze";
            case "outside-window" -> "Outside maintenance window";
            default -> kind;
        };
    }

    public String outcome(String outcome) {
        return switch (outcome == null ? "" : outcome) {
            case "successful" -> "Successful";
            case "successful-with-issues" -> "Successful with issues";
            case "failed-backed-out" -> "Failed and backed out";
            case "failed" -> "Failed";
            default -> outcome;
        };
    }

    /** A planned window in Europe/London: "Sun 7 Mar 2027, 02:00 to 04:00", or both dates when it spans days. */
    public String window(Instant start, Instant end) {
        if (start == null || end == null) {
            return "";
        }
        ZonedDateTime s = start.atZone(LONDON);
        ZonedDateTime e = end.atZone(LONDON);
        return DAY_TIME.format(s) + " to " + (s.toLocalDate().equals(e.toLocalDate()) ? TIME.format(e) : DAY_TIME.format(e));
    }

    static String formTime(Instant at) {
        return at == null ? "" : FORM.format(at.atZone(LONDON));
    }
}
