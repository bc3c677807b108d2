package org.estate.monitoring.internal.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.springframework.stereotype.Service;

/**
 * Turns Alertmanager alerts into results of {@code external} checks, one check per fingerprint,
 * created on first sight (matched to a CI when it can be, kept without one when not: an alert is
 * never dropped). Firing is {@code down}, or {@code degraded} when the {@code severity} label is
 * {@code warning} or {@code info}; resolved is {@code up}.
 */
@Service
public class AlertIngest {

    /** How many alerts were matched to a CI and how many were kept without one. */
    public record Outcome(int matched, int unmatched) {
    }

    private final ExternalChecks checks;
    private final CheckEngine engine;
    private final Clock clock;

    AlertIngest(ExternalChecks checks, CheckEngine engine, Clock clock) {
        this.checks = checks;
        this.engine = engine;
        this.clock = clock;
    }

    public Outcome ingest(AlertmanagerWebhook.Body body) {
        int matched = 0;
        int unmatched = 0;
        Instant now = clock.instant();
        for (AlertmanagerWebhook.Alert alert : body.alerts()) {
            ExternalChecks.Found check = checks.forAlert(alert);
            if (check.ciId() != null) {
                matched++;
            } else {
                unmatched++;
            }
            engine.record(check.id(), result(alert), at(alert, now));
        }
        return new Outcome(matched, unmatched);
    }

    /** When the alert's state began: firing from {@code startsAt}, resolved at {@code endsAt}; never after now. */
    static Instant at(AlertmanagerWebhook.Alert alert, Instant now) {
        Instant t = alert.firing() ? alert.startsAt() : alert.endsAt();
        return t == null || t.isAfter(now) ? now : t;
    }

    static ProbeResult result(AlertmanagerWebhook.Alert alert) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("alertname", alert.labels().getOrDefault("alertname", ""));
        values.put("status", alert.status());
        String severity = alert.labels().get("severity");
        if (severity != null) {
            values.put("severity", severity);
        }
        String message = message(alert);
        if (!alert.firing()) {
            return ProbeResult.up(0, "Resolved: " + message, values);
        }
        return "warning".equals(severity) || "info".equals(severity)
            ? ProbeResult.degraded(0, "Firing: " + message, values)
            : ProbeResult.down(0, "Firing: " + message, values);
    }

    private static String message(AlertmanagerWebhook.Alert alert) {
        String m = alert.annotations().get("summary");
        if (m == null || m.isBlank()) {
            m = alert.annotations().get("description");
        }
        if (m == null || m.isBlank()) {
            m = alert.labels().getOrDefault("alertname", "alert " + alert.fingerprint());
        }
        return m.length() > 900 ? m.substring(0, 900) : m;
    }
}
