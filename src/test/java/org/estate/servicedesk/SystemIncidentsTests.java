package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.estate.platform.ValidationException;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** Incidents raised by the system (monitoring) through the desk's public facade, and the incident list's {@code ci} filter. */
@EstateTest
class SystemIncidentsTests {

    @LocalServerPort
    int port;
    @Autowired
    SystemIncidents incidents;
    @Autowired
    JdbcClient jdbc;

    private final String s = UUID.randomUUID().toString().substring(0, 6);

    private long ci(ApiClient engineer, String name) {
        Response r = engineer.post("/api/v1/cis", "{\"class\":\"server\",\"name\":\"" + name + "-" + s + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private boolean alerted(String ref, String kind) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (jdbc.sql("SELECT COUNT(*) FROM sd_ticket_alert WHERE ticket_ref = ? AND kind = ?").params(ref, kind).query(Long.class).single() > 0) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Test
    void monitoringOpensUpdatesReprioritisesAndResolvesIncidents() {
        ApiClient engineer = ApiClient.as(port, "si.eng", "engineer");
        ApiClient viewer = ApiClient.as(port, "si.viewer", "viewer");
        long host = ci(engineer, "si-host");
        long other = ci(engineer, "si-other");
        String p1 = incidents.open(new SystemIncidents.Opening("Down: si-host", "Root cause", "P1", "Monitoring: puts down Bins",
            List.of(host), "monitoring"));
        JsonNode view = viewer.get("/api/v1/incidents/" + p1).json();
        assertThat(view.get("priority").asString()).isEqualTo("P1");
        assertThat(view.get("priorityReason").asString()).isEqualTo("Monitoring: puts down Bins");
        assertThat(view.get("affectedCis").findValues("id").stream().map(JsonNode::asLong)).containsExactly(host);
        assertThat(alerted(p1, "urgent-P1")).as("a P1 opened this way is urgent as any other").isTrue();

        String p3 = incidents.open(new SystemIncidents.Opening("Redundancy lost: si-other", null, "P3", "Monitoring: degrades Bins",
            List.of(other), "monitoring"));
        assertThat(incidents.state(p3).orElseThrow().taken()).isFalse();
        incidents.changePriority(p3, "P2", "Monitoring: puts down Rents", "monitoring");
        assertThat(viewer.get("/api/v1/incidents/" + p3).json().get("priority").asString()).isEqualTo("P2");
        assertThat(alerted(p3, "urgent-P2")).as("raised to P2: urgent").isTrue();
        incidents.addAffectedCis(p3, List.of(host), "monitoring");
        assertThat(incidents.addUpdate(p3, "Monitoring: new symptoms", "monitoring")).isTrue();

        Response byCi = viewer.get("/api/v1/incidents?ci=" + host);
        assertThat(byCi.json().get("items").findValues("ref").stream().map(JsonNode::asString)).containsExactlyInAnyOrder(p1, p3);
        assertThat(viewer.get("/api/v1/incidents?ci=" + other).json().get("items").findValues("ref").stream().map(JsonNode::asString))
            .containsExactly(p3);
        assertThat(viewer.get("/api/v1/incidents/export?ci=" + other).body()).contains(p3).doesNotContain(p1);
        Response bad = viewer.get("/api/v1/incidents?ci=abc");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"ci\"");

        assertThat(incidents.resolveAsDuplicate(p3, p1, "si-other is a symptom of si-host", "monitoring")).isTrue();
        JsonNode dup = viewer.get("/api/v1/incidents/" + p3).json();
        assertThat(dup.get("status").asString()).isEqualTo("resolved");
        assertThat(dup.get("resolutionCode").asString()).isEqualTo("duplicate");
        assertThat(dup.get("resolutionNote").asString()).contains(p1);
        assertThat(jdbc.sql("SELECT duplicate_of FROM sd_ticket WHERE ref = ?").param(p3).query(String.class).single()).isEqualTo(p1);
        assertThat(viewer.get("/api/v1/incidents/" + p1 + "/updates").body()).contains(p3 + " was resolved as a duplicate");
        assertThat(incidents.resolve(p3, SystemIncidents.RECOVERED, "again", "monitoring")).as("not open any more").isFalse();

        assertThat(engineer.post("/api/v1/incidents/" + p1 + "/status", "{\"status\":\"in-progress\"}").status()).isEqualTo(200);
        assertThat(incidents.state(p1).orElseThrow().taken()).isTrue();
        assertThat(incidents.resolve(p1, SystemIncidents.RECOVERED, "Every check is up again", "monitoring")).isTrue();
        JsonNode done = viewer.get("/api/v1/incidents/" + p1).json();
        assertThat(done.get("resolutionCode").asString()).isEqualTo("monitoring-recovered");
        assertThat(incidents.state("INC-999999999")).isEmpty();
        assertThatThrownBy(() -> incidents.open(new SystemIncidents.Opening("x", null, "P9", "", List.of(), "monitoring")))
            .isInstanceOf(ValidationException.class);
    }
}
