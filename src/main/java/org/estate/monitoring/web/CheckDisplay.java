package org.estate.monitoring.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** How the monitoring pages show states, types and times ({@code @monitoring} in templates). */
@Component("monitoring")
class CheckDisplay {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.UK);

    public String state(String state) {
        return switch (state == null ? "" : state) {
            case "up" -> "Up";
            case "degraded" -> "Degraded";
            case "down" -> "Down";
            case "paused" -> "Paused";
            case "maintenance" -> "In maintenance";
            default -> "Unknown";
        };
    }

    public String stateColour(String state) {
        return switch (state == null ? "" : state) {
            case "up" -> "govuk-tag--green";
            case "degraded" -> "govuk-tag--orange";
            case "down" -> "govuk-tag--red";
            case "maintenance" -> "govuk-tag--blue";
            case "paused" -> "govuk-tag--grey";
            default -> "govuk-tag--yellow";
        };
    }

    public String type(String type) {
        return switch (type == null ? "" : type) {
            case "http" -> "HTTP";
            case "tcp" -> "TCP port";
            case "ping" -> "Ping (ICMP)";
            case "dns" -> "DNS";
            case "tls" -> "TLS certificate";
            case "snmp" -> "SNMP interface";
            case "database" -> "Database";
            case "heartbeat" -> "Heartbeat";
            case "external" -> "External (Alertmanager)";
            default -> type;
        };
    }

    public String time(Instant i) {
        return i == null ? "" : DATE_TIME.format(i.atZone(LONDON));
    }

    /** "3 days", "5 hours", "12 minutes": how long since an instant. */
    public String since(Instant i, Instant now) {
        if (i == null || now == null) {
            return "";
        }
        Duration d = Duration.between(i, now);
        if (d.toDays() >= 1) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() >= 1) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        long m = Math.max(0, d.toMinutes());
        return m + (m == 1 ? " minute" : " minutes");
    }

    /** "99.95%", or "100%" when it rounds to it. */
    public String percent(double p) {
        return CheckCharts.percent(p);
    }

    public String seconds(long s) {
        if (s >= 3600) {
            return String.format(Locale.UK, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.UK, "%dm %02ds", s / 60, s % 60) : s + "s";
    }
}
