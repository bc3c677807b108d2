package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Council staff (requester role) through the API: their own tickets only, never the desk's work notes. */
@EstateTest
class PortalApiTests {

    @LocalServerPort
    int port;

    @Test
    void aRequesterSeesOnlyTheirOwnTicketsAndNoWorkNotes() {
        ApiClient alice = ApiClient.as(port, "staff.alice", "requester");
        ApiClient bob = ApiClient.as(port, "staff.bob", "requester");
        ApiClient engineer = ApiClient.as(port, "sd.engineer", "engineer");

        Response created = alice.post("/api/v1/incidents", """
            {"title":"My laptop cannot reach the network drive","impact":"low","urgency":"medium"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode t = created.json();
        String ref = t.get("ref").asString();
        assertThat(t.get("reporter").get("email").asString()).isEqualTo("staff.alice@example.gov.uk");
        assertThat(t.get("requester").asString()).isEqualTo("staff.alice");
        assertThat(t.get("team").asString()).isEqualTo("service-desk");

        assertThat(bob.get("/api/v1/incidents/" + ref).status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/incidents/" + ref + "/updates").status()).isEqualTo(404);
        assertThat(bob.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"me too\"}").status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/incidents?size=500").body()).doesNotContain(ref);
        assertThat(alice.get("/api/v1/incidents?size=500").body()).contains(ref);

        engineer.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"Secret: switch port 12 flapping\",\"visibility\":\"internal\"}");
        engineer.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"We are replacing a cable\",\"visibility\":\"customer\"}");
        String timeline = alice.get("/api/v1/incidents/" + ref + "/updates").body();
        assertThat(timeline).contains("We are replacing a cable").doesNotContain("switch port 12");
        assertThat(engineer.get("/api/v1/incidents/" + ref + "/updates").body()).contains("switch port 12");

        Response comment = alice.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"Thanks\",\"visibility\":\"internal\"}");
        assertThat(comment.status()).isEqualTo(201);
        assertThat(comment.json().get("visibility").asString()).isEqualTo("customer");
        assertThat(alice.patch("/api/v1/incidents/" + ref, "{\"title\":\"x\"}", "\"0\"").status()).isEqualTo(403);
        assertThat(alice.post("/api/v1/incidents/" + ref + "/status", "{\"status\":\"closed\"}").status()).isEqualTo(403);
        assertThat(alice.post("/api/v1/incidents", "{\"title\":\"x\",\"impact\":\"low\",\"urgency\":\"low\",\"team\":\"networks\"}").status())
            .isEqualTo(422);
        assertThat(alice.get("/api/v1/cis").status()).isEqualTo(403);
    }
}
