package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Incidents through real HTTP with the application clock fixed, so that every SLA figure can be
 * checked to the minute: holds, priority changes from the open time, reopening, breaches, and
 * policy or calendar edits that must not touch tickets already open.
 */
@EstateTest
class IncidentApiTests {

    @LocalServerPort
    int port;
    ApiClient engineer;
    ApiClient manager;
    String s;

    @BeforeEach
    void setUp() {
        engineer = ApiClient.as(port, "sd.engineer", "engineer");
        manager = ApiClient.as(port, "sd.manager", "manager");
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    JsonNode open(String impact, String urgency, String extra) {
        Response r = engineer.post("/api/v1/incidents", """
            {"title":"Payments page times out %s","description":"Residents cannot pay","impact":"%s","urgency":"%s",
             "reporter":{"name":"Pat Jones","email":"pat.jones@eastmoor.example","phone":"01632 960000"}%s}"""
            .formatted(s, impact, urgency, extra == null ? "" : "," + extra));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    JsonNode get(String ref) {
        return engineer.get("/api/v1/incidents/" + ref).json();
    }

    Response status(String ref, String body) {
        return engineer.post("/api/v1/incidents/" + ref + "/status", body);
    }

    static String sla(JsonNode t, String field) {
        JsonNode v = t.get("sla").get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    @Test
    void priorityFollowsImpactAndUrgency() {
        TestClock.set("2026-11-23T10:00:00Z");
        assertThat(open("high", "high", null).get("priority").asString()).isEqualTo("P1");
        assertThat(open("high", "medium", null).get("priority").asString()).isEqualTo("P2");
        assertThat(open("medium", "high", null).get("priority").asString()).isEqualTo("P2");
        assertThat(open("high", "low", null).get("priority").asString()).isEqualTo("P3");
        assertThat(open("medium", "medium", null).get("priority").asString()).isEqualTo("P3");
        assertThat(open("low", "high", null).get("priority").asString()).isEqualTo("P3");
        assertThat(open("medium", "low", null).get("priority").asString()).isEqualTo("P4");
        JsonNode p4 = open("low", "low", null);
        assertThat(p4.get("priority").asString()).isEqualTo("P4");
        assertThat(p4.get("ref").asString()).matches("INC-\\d+");
        assertThat(p4.get("status").asString()).isEqualTo("new");
        assertThat(sla(p4, "policy")).isEqualTo("incident-p4");
        // P4: 1 day (480 office minutes) to respond: Mon 10:00 → Tue 10:00.
        assertThat(sla(p4, "responseDue")).isEqualTo("2026-11-24T10:00:00Z");
    }

    @Test
    void holdTimeIsPausedAndAPriorityChangeRecomputesFromTheOpenTime() {
        TestClock.set("2026-11-23T10:00:00Z"); // Monday, GMT
        JsonNode t = open("medium", "medium", null);
        String ref = t.get("ref").asString();
        assertThat(t.get("priority").asString()).isEqualTo("P3");
        // P3 on office hours: respond in 4 h (14:00); resolve in 3 days = 1440 min: Mon 420, Tue 480, Wed 480, Thu 60 → Thu 10:00.
        assertThat(sla(t, "responseDue")).isEqualTo("2026-11-23T14:00:00Z");
        assertThat(sla(t, "resolutionDue")).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(sla(t, "state")).isEqualTo("on-track");

        TestClock.advanceMinutes(60);
        assertThat(status(ref, "{\"status\":\"on-hold\",\"holdReason\":\"awaiting-customer\"}").status()).isEqualTo(200);
        JsonNode held = get(ref);
        assertThat(sla(held, "state")).isEqualTo("paused");
        assertThat(sla(held, "resolutionDue")).isNull();
        assertThat(sla(held, "respondedAt")).isNull(); // going on hold is not a response

        TestClock.advanceMinutes(120);
        JsonNode resumed = status(ref, "{\"status\":\"in-progress\"}").json();
        assertThat(resumed.get("sla").get("pausedMinutes").asLong()).isEqualTo(120);
        assertThat(sla(resumed, "resolutionDue")).isEqualTo("2026-11-26T12:00:00Z");
        assertThat(sla(resumed, "respondedAt")).isEqualTo("2026-11-23T13:00:00Z");
        assertThat(resumed.get("sla").get("responseBreached").asBoolean()).isFalse();

        // Raised to P1 at 13:00: targets from the 10:00 open time on support hours, the hold still excluded.
        String etag = engineer.get("/api/v1/incidents/" + ref).header("ETag");
        Response raised = engineer.patch("/api/v1/incidents/" + ref, "{\"impact\":\"high\",\"urgency\":\"high\"}", etag);
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        JsonNode p1 = raised.json();
        assertThat(p1.get("priority").asString()).isEqualTo("P1");
        assertThat(sla(p1, "policy")).isEqualTo("incident-p1");
        assertThat(sla(p1, "responseDue")).isEqualTo("2026-11-23T10:15:00Z");
        assertThat(p1.get("sla").get("responseBreached").asBoolean()).isTrue();
        // 240 min: 10:00–11:00 (60), held 11:00–13:00, then 180 more → 16:00.
        assertThat(sla(p1, "resolutionDue")).isEqualTo("2026-11-23T16:00:00Z");
        assertThat(p1.get("sla").get("pausedMinutes").asLong()).isEqualTo(120);
        assertThat(sla(p1, "state")).isEqualTo("breached");
    }

    @Test
    void aReopenedTicketResumesWhereItStopped() {
        TestClock.set("2026-11-24T09:00:00Z");
        String ref = open("high", "medium", null).get("ref").asString(); // P2: 8 h on support hours
        TestClock.advanceMinutes(30);
        status(ref, "{\"status\":\"in-progress\"}");
        TestClock.advanceMinutes(30);
        JsonNode resolved = status(ref, "{\"status\":\"resolved\",\"resolutionCode\":\"fixed\",\"note\":\"Restarted the app pool\"}").json();
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(sla(resolved, "state")).isEqualTo("met");
        assertThat(sla(resolved, "resolvedAt")).isEqualTo("2026-11-24T10:00:00Z");

        TestClock.advanceMinutes(180);
        JsonNode reopened = status(ref, "{\"status\":\"in-progress\",\"note\":\"Still failing\"}").json();
        assertThat(reopened.get("resolvedAt").isNull()).isTrue();
        // 60 min used before resolution; 420 left from the 13:00 reopen → 20:00. Not counted as paused.
        assertThat(sla(reopened, "resolutionDue")).isEqualTo("2026-11-24T20:00:00Z");
        assertThat(reopened.get("sla").get("pausedMinutes").asLong()).isZero();
        assertThat(sla(reopened, "state")).isEqualTo("on-track");

        TestClock.advanceMinutes(60);
        status(ref, "{\"status\":\"resolved\",\"resolutionCode\":\"fixed\",\"note\":\"Patched\"}");
        TestClock.advance(java.time.Duration.ofDays(6));
        Response late = status(ref, "{\"status\":\"in-progress\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body()).contains("raise a new ticket");
        assertThat(status(ref, "{\"status\":\"closed\"}").status()).isEqualTo(200);
        assertThat(status(ref, "{\"status\":\"in-progress\"}").status()).isEqualTo(409);
    }

    @Test
    void theWorkflowRefusesWhatItForbids() {
        String ref = open("low", "low", null).get("ref").asString();
        assertThat(status(ref, "{\"status\":\"closed\"}").status()).isEqualTo(409);
        Response noReason = status(ref, "{\"status\":\"on-hold\"}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("holdReason");
        Response noCode = status(ref, "{\"status\":\"resolved\"}");
        assertThat(noCode.status()).isEqualTo(422);
        assertThat(noCode.body()).contains("resolutionCode", "\"note\"");
        assertThat(status(ref, "{\"status\":\"sideways\"}").status()).isEqualTo(422);
        assertThat(get(ref).get("status").asString()).isEqualTo("new");
    }

    @Test
    void breachingSoonAndBreachedAreQueries() {
        java.time.Instant t0 = TestClock.set("2026-11-25T12:00:00Z");
        String ref = open("high", "high", null).get("ref").asString(); // P1: respond by 12:15
        String soon = "/api/v1/incidents?size=500&breached=false&dueBefore=" + t0.plusSeconds(3600);
        assertThat(engineer.get(soon).body()).contains(ref);
        assertThat(engineer.get("/api/v1/incidents?size=500&breached=true").body()).doesNotContain(ref);
        TestClock.advanceMinutes(20);
        assertThat(engineer.get("/api/v1/incidents?size=500&breached=true").body()).contains(ref);
        assertThat(engineer.get("/api/v1/incidents?size=500&breachedAfter=2026-11-01T00:00:00Z").body()).contains(ref);
        assertThat(engineer.get("/api/v1/incidents?size=500&breachedAfter=2026-12-01T00:00:00Z").body()).doesNotContain(ref);
        assertThat(sla(get(ref), "state")).isEqualTo("breached");
    }

    @Test
    void customerUpdatesAreTheResponseAndNotesStayInternal() {
        TestClock.set("2026-11-25T12:00:00Z");
        String ref = open("medium", "medium", null).get("ref").asString();
        TestClock.advanceMinutes(5);
        assertThat(engineer.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"Checked the logs\",\"visibility\":\"internal\"}").status())
            .isEqualTo(201);
        assertThat(sla(get(ref), "respondedAt")).isNull();
        TestClock.advanceMinutes(5);
        Response update = engineer.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"We are looking into it\",\"visibility\":\"customer\"}");
        assertThat(update.status()).isEqualTo(201);
        assertThat(sla(get(ref), "respondedAt")).isEqualTo("2026-11-25T12:10:00Z");
        assertThat(engineer.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"x\",\"visibility\":\"public\"}").status()).isEqualTo(422);
        JsonNode timeline = engineer.get("/api/v1/incidents/" + ref + "/updates").json();
        assertThat(timeline.toString()).contains("Checked the logs", "We are looking into it");
    }

    @Test
    void staleAndMissingEtagsAreRefused() {
        String ref = open("low", "low", null).get("ref").asString();
        Response first = engineer.get("/api/v1/incidents/" + ref);
        String etag = first.header("ETag");
        assertThat(engineer.patch("/api/v1/incidents/" + ref, "{\"category\":\"network\"}", null).status()).isEqualTo(428);
        assertThat(engineer.patch("/api/v1/incidents/" + ref, "{\"category\":\"network\"}", etag).status()).isEqualTo(200);
        Response stale = engineer.patch("/api/v1/incidents/" + ref, "{\"category\":\"storage\"}", etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(get(ref).get("category").asString()).isEqualTo("network");
        assertThat(engineer.patch("/api/v1/incidents/" + ref, "{\"status\":\"closed\"}", get(ref).get("version").asLong() == 0 ? etag
            : "\"" + get(ref).get("version").asLong() + "\"").status()).isEqualTo(422);
    }

    @Test
    void onlyAManagerOverridesThePriorityAndMustSayWhy() {
        String ref = open("low", "low", null).get("ref").asString();
        String etag = engineer.get("/api/v1/incidents/" + ref).header("ETag");
        assertThat(engineer.patch("/api/v1/incidents/" + ref, "{\"priority\":\"P1\",\"priorityReason\":\"VIP\"}", etag).status()).isEqualTo(403);
        Response noReason = manager.patch("/api/v1/incidents/" + ref, "{\"priority\":\"P1\"}", etag);
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("priorityReason");
        Response ok = manager.patch("/api/v1/incidents/" + ref, "{\"priority\":\"P2\",\"priorityReason\":\"Election night\"}", etag);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("priority").asString()).isEqualTo("P2");
        assertThat(sla(ok.json(), "policy")).isEqualTo("incident-p2");
        // An override survives later changes of impact and urgency.
        JsonNode after = engineer.patch("/api/v1/incidents/" + ref, "{\"impact\":\"medium\"}", ok.header("ETag")).json();
        assertThat(after.get("priority").asString()).isEqualTo("P2");
    }

    @Test
    void editingAPolicyChangesNewTicketsOnly() {
        TestClock.set("2026-11-23T09:00:00Z");
        JsonNode before = open("low", "low", null);
        // 10 office days from Mon 09:00 end at closing time on the second Friday.
        assertThat(sla(before, "resolutionDue")).isEqualTo("2026-12-04T17:00:00Z");
        JsonNode policy = manager.get("/api/v1/sla-policies/incident-p4").json();
        try {
            Response put = manager.put("/api/v1/sla-policies/incident-p4", "{\"resolutionMinutes\":2400}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.json().get("resolutionTarget").asString()).isEqualTo("5 days");
            assertThat(sla(get(before.get("ref").asString()), "resolutionDue")).isEqualTo("2026-12-04T17:00:00Z");
            assertThat(sla(open("low", "low", null), "resolutionDue")).isEqualTo("2026-11-27T17:00:00Z");
            assertThat(engineer.put("/api/v1/sla-policies/incident-p4", "{\"resolutionMinutes\":10}").status()).isEqualTo(403);
            assertThat(manager.put("/api/v1/sla-policies/incident-p4", "{\"resolutionMinutes\":0,\"warningPercent\":120}").body())
                .contains("resolutionMinutes", "warningPercent");
        } finally {
            manager.put("/api/v1/sla-policies/incident-p4", "{\"resolutionMinutes\":" + policy.get("resolutionMinutes").asInt() + "}");
        }
    }

    @Test
    void editingACalendarChangesNewTicketsOnly() {
        TestClock.set("2026-11-23T09:00:00Z");
        JsonNode before = open("medium", "medium", null); // P3 on office hours: respond by 13:00
        assertThat(sla(before, "responseDue")).isEqualTo("2026-11-23T13:00:00Z");
        JsonNode office = manager.get("/api/v1/calendars/office-hours").json();
        String restore = office.toString();
        try {
            Response put = manager.put("/api/v1/calendars/office-hours", """
                {"name":"Office hours","zone":"Europe/London","hours":{"MONDAY":[{"from":"09:00","to":"10:00"}],
                 "TUESDAY":[{"from":"09:00","to":"17:00"}]},"holidays":[]}""");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(sla(get(before.get("ref").asString()), "responseDue")).isEqualTo("2026-11-23T13:00:00Z");
            // New tickets count on the new hours: 60 min on Monday, 180 on Tuesday → Tue 12:00.
            assertThat(sla(open("medium", "medium", null), "responseDue")).isEqualTo("2026-11-24T12:00:00Z");
        } finally {
            Response back = manager.put("/api/v1/calendars/office-hours", restore);
            assertThat(back.status()).as(back.body()).isEqualTo(200);
        }
    }

    @Test
    void theDeskSeesWhichBusinessServicesAreDown() {
        long svc = ci("business-service", "Council Tax payments " + s);
        long app = ci("application", "Payments portal " + s);
        long db = ci("database", "payments-db " + s);
        rel(svc, "depends-on", app);
        rel(app, "depends-on", db);
        JsonNode t = open("high", "high", "\"affectedCis\":[" + db + "]");
        assertThat(t.get("affectedCis").get(0).get("name").asString()).isEqualTo("payments-db " + s);
        JsonNode services = t.get("impactedServices");
        assertThat(services).hasSize(1);
        assertThat(services.get(0).get("id").asLong()).isEqualTo(svc);
        assertThat(services.get(0).get("state").asString()).isEqualTo("down");
        assertThat(services.get(0).get("distance").asInt()).isEqualTo(2);
    }

    @Test
    void badIncidentsNameEveryProblemAndWriteNothing() {
        long before = engineer.get("/api/v1/incidents?size=1").json().get("total").asLong();
        Response bad = engineer.post("/api/v1/incidents", """
            {"title":"","impact":"severe","urgency":"medium","affectedCis":[987654321],
             "reporter":{"name":"Pat","email":"not-an-email"},"team":"no-such-team"}""");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"title\"", "\"impact\"", "affectedCis[0]", "reporter.email", "\"team\"");
        assertThat(engineer.get("/api/v1/incidents?size=1").json().get("total").asLong()).isEqualTo(before);
        assertThat(ApiClient.as(port, "sd.viewer", "viewer").post("/api/v1/incidents", "{}").status()).isEqualTo(403);
        assertThat(engineer.get("/api/v1/incidents/INC-999999").status()).isEqualTo(404);
    }

    long ci(String cls, String name) {
        Response r = engineer.post("/api/v1/cis", "{\"class\":\"%s\",\"name\":\"%s\"}".formatted(cls, name));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    void rel(long source, String type, long target) {
        Response r = engineer.post("/api/v1/relationships", "{\"source\":%d,\"type\":\"%s\",\"target\":%d}".formatted(source, type, target));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
