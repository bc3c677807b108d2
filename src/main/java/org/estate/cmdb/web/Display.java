package org.estate.cmdb.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** Formatting for pages: UK dates, times in Europe/London. Exposed to templates as {@code @display}. */
@Component("display")
class Display {

    private final org.estate.cmdb.Cmdb cmdb;

    Display(org.estate.cmdb.Cmdb cmdb) {
        this.cmdb = cmdb;
    }

    /** A CI class's label ("Business service") for its key. */
    public String classLabel(String key) {
        return key == null ? "" : cmdb.ciClass(key).map(org.estate.cmdb.CiClass::label).orElse(key);
    }

    /** "1 CI", "3 CIs": a count with its noun in the right number. */
    public String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);

    public String date(LocalDate d) {
        return d == null ? "" : DATE.format(d);
    }

    public String dateTime(Instant i) {
        return i == null ? "" : DATE_TIME.format(i.atZone(LONDON));
    }

    public String value(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Boolean b) {
            return b ? "Yes" : "No";
        }
        if (v instanceof String s && s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return DATE.format(LocalDate.parse(s));
        }
        return cell(v);
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        return v instanceof BigDecimal b ? b.toPlainString() : v.toString();
    }

    public String statusColour(String status) {
        return switch (status == null ? "" : status) {
            case "live" -> "govuk-tag--green";
            case "planned" -> "govuk-tag--blue";
            case "maintenance" -> "govuk-tag--yellow";
            default -> "govuk-tag--grey";
        };
    }

    public String criticalityColour(String criticality) {
        return switch (criticality == null ? "" : criticality) {
            case "critical" -> "govuk-tag--red";
            case "high" -> "govuk-tag--orange";
            case "medium" -> "govuk-tag--yellow";
            default -> "govuk-tag--grey";
        };
    }

    public String capitalise(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1).replace('-', ' ');
    }
}
