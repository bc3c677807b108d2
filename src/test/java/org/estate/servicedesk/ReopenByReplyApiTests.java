package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.notify.internal.MailDispatcher;
import org.estate.servicedesk.internal.SlaClockJob;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.estate.test.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** "Reply and we will reopen it": a requester's reply within the reopen period (5 days) reopens a resolved ticket. */
@EstateTest
class ReopenByReplyApiTests {

    @LocalServerPort
    int port;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    SlaClockJob job;

    private final String s = UUID.randomUUID().toString().substring(0, 6);

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    /** A P3 incident (office hours, 3 days = 1440 min) for rr.alice, worked by the team mail-s, resolved after 120 business minutes. */
    private String resolvedIncident(ApiClient manager, String day) {
        manager.post("/api/v1/teams", "{\"key\":\"rr-%s\",\"name\":\"Reopen team %s\",\"email\":\"rr.%s@eastmoor.example\",\"members\":[]}"
            .formatted(s, s, s));
        TestClock.set(day + "T09:00:00Z");
        Response created = manager.post("/api/v1/incidents", """
            {"title":"Printer jams %s","impact":"medium","urgency":"medium","team":"rr-%s","requester":"rr.alice",
             "reporter":{"name":"Alice","email":"alice.%s@eastmoor.example"}}""".formatted(s, s, s));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String ref = created.json().get("ref").asString();
        TestClock.set(day + "T11:00:00Z");
        assertThat(manager.post("/api/v1/incidents/" + ref + "/status",
            "{\"status\":\"resolved\",\"resolutionCode\":\"fixed\",\"note\":\"Cleared the rollers\"}").status()).isEqualTo(200);
        return ref;
    }

    @Test
    void aReplyWithinThePeriodReopensItTheClockResumesAndTheTeamIsTold() {
        ApiClient manager = ApiClient.as(port, "rr.mgr", "manager");
        ApiClient alice = ApiClient.as(port, "rr.alice", "requester");
        String ref = resolvedIncident(manager, "2030-03-04"); // a Monday, GMT
        dispatcher.dispatchDue();
        assertThat(TestMail.body(TestMail.withSubject("[" + ref + "] Resolved").getFirst()))
            .contains("reply on the portal", "by Sat 9 Mar 2030 11:00", "we will reopen it");

        TestClock.set("2030-03-05T10:00:00Z"); // Tuesday, within 5 days
        Response reply = alice.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"Still jamming " + s + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode t = alice.get("/api/v1/incidents/" + ref).json();
        assertThat(t.get("status").asString()).isEqualTo("in-progress");
        assertThat(t.get("resolvedAt").isNull()).isTrue();
        // 120 of 1440 minutes used before the resolution; 1320 left from Tue 10:00: Tue 420, Wed 480, Thu 420 → Thu 16:00.
        assertThat(t.get("sla").get("resolutionDue").asString()).isEqualTo("2030-03-07T16:00:00Z");
        assertThat(t.get("sla").get("pausedMinutes").asLong()).isZero();
        assertThat(alice.get("/api/v1/incidents/" + ref + "/updates").body()).contains("reopened: the customer replied");
        dispatcher.dispatchDue();
        var told = TestMail.withSubject("[" + ref + " P3] Reopened by rr.alice");
        assertThat(told).hasSize(1);
        assertThat(TestMail.to(told.getFirst())).contains("rr." + s + "@eastmoor.example");
        assertThat(TestMail.body(told.getFirst())).contains("Still jamming " + s);
    }

    @Test
    void afterThePeriodOrOnceClosedAReplyDoesNotReopenIt() {
        ApiClient manager = ApiClient.as(port, "rr.mgr", "manager");
        ApiClient alice = ApiClient.as(port, "rr.alice", "requester");
        String ref = resolvedIncident(manager, "2030-04-01");
        TestClock.set("2030-04-06T11:01:00Z"); // 5 days and a minute after the resolution
        Response late = alice.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"Jammed again\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("detail").asString()).contains("no longer reopens it", "raise a new ticket");
        assertThat(alice.get("/api/v1/incidents/" + ref).json().get("status").asString()).isEqualTo("resolved");
        job.runOnce();
        assertThat(alice.get("/api/v1/incidents/" + ref).json().get("status").asString()).isEqualTo("closed");
        Response closed = alice.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"Jammed again\"}");
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().get("detail").asString()).contains("closed", "raise a new ticket");
    }

    @Test
    void aStaffUpdateOnAResolvedTicketDoesNotReopenIt() {
        ApiClient manager = ApiClient.as(port, "rr.mgr", "manager");
        ApiClient.as(port, "rr.alice", "requester");
        String ref = resolvedIncident(manager, "2030-05-06");
        TestClock.set("2030-05-07T10:00:00Z");
        assertThat(manager.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"Glad it works\",\"visibility\":\"customer\"}")
            .status()).isEqualTo(201);
        assertThat(manager.get("/api/v1/incidents/" + ref).json().get("status").asString()).isEqualTo("resolved");
    }
}
