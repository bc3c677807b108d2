package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Nobody approves a request they raised or that is raised for them, whatever the path (the page's is in ServiceDeskPageTests). */
@EstateTest
class ApprovalRuleApiTests {

    @LocalServerPort
    int port;

    private final String s = UUID.randomUUID().toString().substring(0, 6);

    private String raise(ApiClient by, String requester) {
        Response r = by.post("/api/v1/requests", """
            {"item":"software-install","answers":{"software":"QGIS","computerName":"EBC-%s","reason":"Maps"}%s}"""
            .formatted(s, requester == null ? "" : ",\"requester\":\"" + requester + "\""));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("approval").get("state").asString()).isEqualTo("pending");
        return r.json().get("ref").asString();
    }

    private Response decide(ApiClient who, String ref) {
        return who.post("/api/v1/requests/" + ref + "/approval", "{\"decision\":\"approved\",\"note\":\"fine\"}");
    }

    private void stillPending(String ref) {
        assertThat(ApiClient.as(port, "ap.viewer", "viewer").get("/api/v1/requests/" + ref).json().get("approval").get("state").asString())
            .isEqualTo("pending");
    }

    @Test
    void aManagerCannotApproveARequestRaisedForThemBySomeoneElse() {
        ApiClient manager = ApiClient.as(port, "ap.mgr1", "manager");
        String ref = raise(ApiClient.as(port, "ap.eng", "engineer"), "ap.mgr1");
        Response refused = decide(manager, ref);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("raised for you", "another manager");
        stillPending(ref);
        assertThat(decide(ApiClient.as(port, "ap.mgr2", "manager"), ref).status()).isEqualTo(200);
    }

    @Test
    void aManagerCannotApproveARequestTheyRaisedForSomeoneElse() {
        ApiClient.as(port, "ap.alice", "requester");
        ApiClient manager = ApiClient.as(port, "ap.mgr1", "manager");
        String ref = raise(manager, "ap.alice");
        Response refused = decide(manager, ref);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("you raised it for ap.alice");
        assertThat(manager.post("/api/v1/requests/" + ref + "/approval", "{\"decision\":\"rejected\",\"note\":\"no\"}").status())
            .isEqualTo(403);
        stillPending(ref);
    }

    @Test
    void anAdminIsHeldToTheSameRule() {
        ApiClient admin = ApiClient.adminToken(port);
        ApiClient.as(port, "ap.bob", "requester");
        String raisedByAdmin = raise(admin, "ap.bob");
        assertThat(decide(admin, raisedByAdmin).status()).isEqualTo(403);
        String forAdmin = raise(ApiClient.as(port, "ap.eng", "engineer"), "admin");
        Response refused = decide(admin, forAdmin);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("raised for you");
        stillPending(raisedByAdmin);
        stillPending(forAdmin);
    }

    @Test
    void theRequesterCannotBeChangedWhileApprovalIsPending() {
        ApiClient manager = ApiClient.as(port, "ap.mgr1", "manager");
        ApiClient.as(port, "ap.carol", "requester");
        // Raised for the manager by an engineer; the manager tries to move it to someone else and approve it.
        String ref = raise(ApiClient.as(port, "ap.eng", "engineer"), "ap.mgr1");
        String etag = manager.get("/api/v1/requests/" + ref).header("ETag");
        Response moved = manager.patch("/api/v1/requests/" + ref, "{\"requester\":\"ap.carol\"}", etag);
        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.json().get("detail").asString()).contains("awaiting approval", "requester cannot change");
        // Nor to the manager from someone else.
        String other = raise(ApiClient.as(port, "ap.eng", "engineer"), "ap.carol");
        Response toMe = manager.patch("/api/v1/requests/" + other, "{\"requester\":\"ap.mgr1\"}",
            manager.get("/api/v1/requests/" + other).header("ETag"));
        assertThat(toMe.status()).isEqualTo(409);
        assertThat(decide(manager, ref).status()).isEqualTo(403);
        stillPending(ref);
        // Once decided, the requester may be corrected.
        assertThat(decide(manager, other).status()).isEqualTo(200);
        Response corrected = manager.patch("/api/v1/requests/" + other, "{\"requester\":\"ap.mgr1\"}",
            manager.get("/api/v1/requests/" + other).header("ETag"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
    }
}
