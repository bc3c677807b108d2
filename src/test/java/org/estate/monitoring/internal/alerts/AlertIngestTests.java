package org.estate.monitoring.internal.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What an alert becomes: its state, its time and the host its instance names. */
class AlertIngestTests {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static AlertmanagerWebhook.Alert alert(String status, String severity, Instant startsAt, Instant endsAt) {
        Map<String, String> labels = severity == null ? Map.of("alertname", "InstanceDown")
            : Map.of("alertname", "InstanceDown", "severity", severity);
        return new AlertmanagerWebhook.Alert(status, labels, Map.of("summary", "web1 is down"), startsAt, endsAt, "abc");
    }

    @Test
    void firingIsDownUnlessAWarningOrInfoAndResolvedIsUp() {
        assertThat(AlertIngest.result(alert("firing", "critical", null, null)).state()).isEqualTo("down");
        assertThat(AlertIngest.result(alert("firing", null, null, null)).state()).isEqualTo("down");
        assertThat(AlertIngest.result(alert("firing", null, null, null)).ok()).isFalse();
        assertThat(AlertIngest.result(alert("firing", "warning", null, null)).state()).isEqualTo("degraded");
        assertThat(AlertIngest.result(alert("firing", "info", null, null)).state()).isEqualTo("degraded");
        assertThat(AlertIngest.result(alert("resolved", "critical", null, null)).state()).isEqualTo("up");
        assertThat(AlertIngest.result(alert("firing", "critical", null, null)).message()).isEqualTo("Firing: web1 is down");
        assertThat(AlertIngest.result(alert("firing", "critical", null, null)).values()).containsEntry("alertname", "InstanceDown");
    }

    @Test
    void firingCountsFromStartsAtResolvedFromEndsAtNeverAfterNow() {
        Instant start = Instant.parse("2026-11-30T10:00:00Z");
        Instant end = Instant.parse("2026-11-30T11:00:00Z");
        assertThat(AlertIngest.at(alert("firing", null, start, null), NOW)).isEqualTo(start);
        assertThat(AlertIngest.at(alert("resolved", null, start, end), NOW)).isEqualTo(end);
        assertThat(AlertIngest.at(alert("resolved", null, start, null), NOW)).isEqualTo(NOW);
        assertThat(AlertIngest.at(alert("firing", null, NOW.plusSeconds(60), null), NOW)).isEqualTo(NOW);
    }

    @Test
    void theHostOfAnInstance() {
        assertThat(AlertCiMatcher.host("web1.council.local:9100")).isEqualTo("web1.council.local");
        assertThat(AlertCiMatcher.host("10.0.0.5:9100")).isEqualTo("10.0.0.5");
        assertThat(AlertCiMatcher.host("10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(AlertCiMatcher.host("[2001:db8::1]:9100")).isEqualTo("2001:db8::1");
        assertThat(AlertCiMatcher.host("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(AlertCiMatcher.host("https://www.council.gov.uk/pay")).isEqualTo("www.council.gov.uk");
        assertThat(AlertCiMatcher.host("")).isNull();
        assertThat(AlertCiMatcher.host(null)).isNull();
    }
}
