package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who may approve a change at each risk level, and the email to approvers and requesters through the outbox. */
@EstateTest
class ChangeApprovalApiTests {

    private static final String START = "2031-03-09T02:00:00Z";
    private static final String END = "2031-03-09T03:00:00Z";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private List<String> outbox(String ref) {
        return jdbc.sql("SELECT subject || ' -> ' || recipients FROM notify_outbox WHERE reference = ? ORDER BY id").param(ref)
            .query(String.class).list();
    }

    private void cab(String... members) {
        StringBuilder m = new StringBuilder();
        for (String u : members) {
            ApiClient.as(port, u, "engineer");
            m.append(m.isEmpty() ? "" : ",").append('"').append(u).append('"');
        }
        Response r = ApiClient.adminToken(port).put("/api/v1/teams/cab", "{\"name\":\"Change advisory board\",\"members\":[" + m + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void theCabTeamExistsFromTheFirstStart() {
        Response cab = ApiClient.as(port, "chg.viewer", "viewer").get("/api/v1/teams/cab");
        assertThat(cab.status()).isEqualTo(200);
        assertThat(cab.json().get("name").asString()).isEqualTo("Change advisory board");
    }

    @Test
    void aLowRiskChangeIsDecidedByOneManagerWhoIsNeitherItsRequesterNorItsImplementer() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "vm", null);
        ApiClient requester = ApiClient.as(port, "chg.mgr.req", "manager");
        ApiClient implementer = ApiClient.as(port, "chg.mgr.impl", "manager");
        ApiClient approver = ApiClient.as(port, "chg.mgr1", "manager");
        String ref = ChangeFixture.created(requester, ChangeFixture.body("normal", START, END,
            ",\"backoutTested\":true,\"implementer\":\"chg.mgr.impl\"", vm));
        String path = "/api/v1/changes/" + ref + "/approvals";
        assertThat(approver.post(path, "{\"decision\":\"approved\"}").status()).as("a draft awaits nobody").isEqualTo(409);
        Response submitted = requester.post("/api/v1/changes/" + ref + "/submit", "");
        assertThat(submitted.json().get("risk").get("level").asString()).isEqualTo("low");
        assertThat(outbox(ref)).singleElement().satisfies(m -> assertThat(m)
            .contains("Awaiting your approval", "chg.mgr1@example.gov.uk").doesNotContain("chg.mgr.req@", "chg.mgr.impl@", "chg.eng@"));
        Response byRequester = requester.post(path, "{\"decision\":\"approved\"}");
        assertThat(byRequester.status()).isEqualTo(403);
        assertThat(byRequester.json().get("detail").asString()).contains("You requested");
        assertThat(implementer.post(path, "{\"decision\":\"approved\"}").status()).isEqualTo(403);
        assertThat(f.engineer.post(path, "{\"decision\":\"approved\"}").status()).as("an engineer is no manager").isEqualTo(403);
        assertThat(approver.post(path, "{\"decision\":\"maybe\"}").status()).isEqualTo(422);
        Response approved = approver.post(path, "{\"decision\":\"approved\",\"note\":\"Fine\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("scheduled");
        assertThat(approved.json().get("approvals").get(0).get("by").asString()).isEqualTo("chg.mgr1");
        assertThat(approved.json().get("approvals").get(0).get("decision").asString()).isEqualTo("approved");
        assertThat(outbox(ref)).hasSize(2).last().asString().contains("Approved", "chg.mgr.req@example.gov.uk");
        assertThat(ApiClient.as(port, "chg.mgr2", "manager").post(path, "{\"decision\":\"approved\"}").status()).isEqualTo(409);
    }

    @Test
    void aRejectionNeedsANoteAndTellsTheRequester() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "vm", null);
        String ref = ChangeFixture.created(f.engineer, ChangeFixture.body("emergency", START, END, "", vm));
        f.engineer.post("/api/v1/changes/" + ref + "/submit", "");
        ApiClient manager = ApiClient.as(port, "chg.mgr1", "manager");
        String path = "/api/v1/changes/" + ref + "/approvals";
        Response noNote = manager.post(path, "{\"decision\":\"rejected\"}");
        assertThat(noNote.status()).isEqualTo(422);
        assertThat(noNote.json().get("errors").get(0).get("field").asString()).isEqualTo("note");
        Response rejected = manager.post(path, "{\"decision\":\"rejected\",\"note\":\"Not an emergency\"}");
        assertThat(rejected.json().get("status").asString()).isEqualTo("rejected");
        assertThat(outbox(ref)).last().asString().contains("Rejected", "chg.eng@example.gov.uk");
        assertThat(f.engineer.post("/api/v1/changes/" + ref + "/status", "{\"status\":\"implementing\"}").status()).isEqualTo(409);
    }

    @Test
    void aHighRiskNormalChangeNeedsTwoDistinctCabMembers() {
        cab("chg.cab1", "chg.cab2");
        ChangeFixture f = new ChangeFixture(port);
        long svc = f.ci("business-service", "council-tax", "critical");
        long db = f.ci("database", "ctax-db", null);
        f.rel(svc, "uses", db);
        String ref = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", START, END, ",\"backoutTested\":true", db));
        Response submitted = f.engineer.post("/api/v1/changes/" + ref + "/submit", "");
        assertThat(submitted.json().get("risk").get("level").asString()).isEqualTo("high");
        assertThat(outbox(ref)).singleElement().asString().contains("chg.cab1@example.gov.uk", "chg.cab2@example.gov.uk")
            .doesNotContain("chg.mgr1@");
        String path = "/api/v1/changes/" + ref + "/approvals";
        Response manager = ApiClient.as(port, "chg.mgr1", "manager").post(path, "{\"decision\":\"approved\"}");
        assertThat(manager.status()).isEqualTo(403);
        assertThat(manager.json().get("detail").asString()).contains("CAB");
        ApiClient cab1 = ApiClient.as(port, "chg.cab1", "engineer");
        Response first = cab1.post(path, "{\"decision\":\"approved\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("status").asString()).isEqualTo("assessment");
        assertThat(first.json().get("approvals").size()).isEqualTo(1);
        assertThat(cab1.post(path, "{\"decision\":\"approved\"}").status()).as("the same member twice").isEqualTo(409);
        // A new window while awaiting the second approval drops the first: it was given to the old plan.
        Response moved = f.engineer.patch("/api/v1/changes/" + ref, "{\"plannedEnd\":\"2031-03-09T04:00:00Z\"}", first.header("ETag"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("approvals").size()).isZero();
        assertThat(cab1.post(path, "{\"decision\":\"approved\"}").json().get("approvals").size()).isEqualTo(1);
        Response second = ApiClient.as(port, "chg.cab2", "engineer").post(path, "{\"decision\":\"approved\"}");
        assertThat(second.json().get("status").asString()).isEqualTo("scheduled");
        assertThat(second.json().get("approvals").size()).isEqualTo(2);
    }
}
