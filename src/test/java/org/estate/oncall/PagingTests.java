package org.estate.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.estate.oncall.internal.PageEscalationJob;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.SourceClient;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Paging end to end through real HTTP: a P1 incident pages its team's escalation policy once, the
 * level's delay escalates it (the timer job run by the test with the test clock), an acknowledge
 * link's GET changes nothing and its POST acknowledges once, no page notification goes out after
 * the acknowledgement, and the incident says who acknowledged and when.
 */
@EstateTest
class PagingTests {

    private static final Pattern ACK = Pattern.compile("/ack/([A-Za-z0-9._~-]+)");

    @LocalServerPort
    int port;
    @Autowired
    PageEscalationJob job;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.estate.notify.internal.MailDispatcher dispatcher;

    ApiClient manager;
    String s;
    String asha;
    String ben;
    String team;

    @BeforeEach
    void setUp() {
        TestClock.set("2027-01-05T21:30:00Z"); // a Tuesday evening: the rota covers 07:00-24:00
        s = UUID.randomUUID().toString().substring(0, 8);
        manager = ApiClient.as(port, "page.manager", "manager");
        asha = "page-asha-" + s;
        ben = "page-ben-" + s;
        ApiClient.as(port, asha, "engineer");
        ApiClient.as(port, ben, "engineer");
        Response rota = manager.post("/api/v1/rotas", """
            {"key":"pg-%s","name":"Network","zone":"Europe/London","layers":[
              {"name":"network","members":["%s"],"rotation":"weekly","handoff":"2027-01-04T07:00",
               "restrictions":[{"days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],"from":"07:00","to":"24:00"}]}]}"""
            .formatted(s, asha));
        assertThat(rota.status()).as(rota.body()).isEqualTo(201);
        Response policy = manager.post("/api/v1/escalation-policies", """
            {"key":"pg-%s","name":"Network P1","repeat":0,"levels":[
              {"targets":[{"rota":"pg-%s"}],"delayMinutes":5},
              {"targets":[{"user":"%s"}],"delayMinutes":10}]}""".formatted(s, s, ben));
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        team = "pg-" + s;
        Response t = manager.post("/api/v1/teams", """
            {"key":"%s","name":"Paging %s","members":["%s","%s"],"escalationPolicy":"pg-%s"}""".formatted(team, s, asha, ben, s));
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        assertThat(t.json().get("escalationPolicy").asString()).isEqualTo("pg-" + s);
    }

    @AfterEach
    void tearDown() {
        TestClock.reset();
    }

    private String openIncident(String level) {
        Response r = manager.post("/api/v1/incidents", """
            {"title":"Core switch down %s","impact":"%s","urgency":"%s","team":"%s","reporter":{"name":"Jo","email":"jo@eastmoor.example"}}"""
            .formatted(s, level, level, team));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("ref").asString();
    }

    /** Waits (with a deadline) until the listeners have finished with every event about {@code ref}; they run after commit, on another thread. */
    private void settle(String ref) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?")
            .param("%\"" + ref + "\"%").query(Long.class).single() > 0) {
            assertThat(System.nanoTime()).as("listeners done with " + ref).isLessThan(end);
            try {
                Thread.sleep(50); // a look every 50 ms until the condition holds, never a fixed wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private JsonNode pageFor(String ref) {
        JsonNode items = manager.get("/api/v1/pages?size=500").json().get("items");
        for (JsonNode p : items) {
            if (ref.equals(p.path("incident").asString(null))) {
                return manager.get("/api/v1/pages/" + p.get("id").asLong()).json();
            }
        }
        return null;
    }

    private List<String> bodies(long pageId) {
        return jdbc.sql("SELECT body FROM notify_outbox WHERE reference = ? ORDER BY id").param("page:" + pageId).query(String.class).list();
    }

    private List<String> statuses(long pageId) {
        return jdbc.sql("SELECT status FROM notify_outbox WHERE reference = ? ORDER BY id").param("page:" + pageId).query(String.class).list();
    }

    @Test
    void aP1PagesTheRotaThenEscalatesThenAnAckLinkStopsIt() {
        String ref = openIncident("high");
        settle(ref);
        JsonNode page = pageFor(ref);
        assertThat(page).as("a page for " + ref).isNotNull();
        long id = page.get("id").asLong();
        assertThat(page.get("status").asString()).isEqualTo("triggered");
        assertThat(page.get("level").asInt()).isEqualTo(1);
        assertThat(page.get("notifications").size()).isEqualTo(1);
        assertThat(page.get("notifications").get(0).get("user").asString()).isEqualTo(asha);
        assertThat(page.get("notifications").get(0).get("channel").asString()).isEqualTo("email");
        List<String> first = bodies(id);
        assertThat(first).hasSize(1);
        assertThat(first.getFirst()).contains(ref, "/ack/");

        // Raising it again (P2 then P1) opens no second page.
        assertThat(manager.patch("/api/v1/incidents/" + ref, "{\"impact\":\"medium\",\"urgency\":\"medium\"}",
            manager.get("/api/v1/incidents/" + ref).header("ETag")).status()).isEqualTo(200);
        assertThat(manager.patch("/api/v1/incidents/" + ref, "{\"impact\":\"high\",\"urgency\":\"high\"}",
            manager.get("/api/v1/incidents/" + ref).header("ETag")).status()).isEqualTo(200);
        settle(ref);
        assertThat(jdbc.sql("SELECT count(*) FROM oncall_page WHERE incident_ref = ?").param(ref).query(Long.class).single()).isEqualTo(1);

        // Not yet due: nothing moves. Five minutes on: level 2 (ben).
        TestClock.advance(Duration.ofMinutes(4));
        job.runOnce();
        assertThat(manager.get("/api/v1/pages/" + id).json().get("level").asInt()).isEqualTo(1);
        TestClock.advance(Duration.ofMinutes(1));
        assertThat(job.runOnce()).isGreaterThanOrEqualTo(1);
        JsonNode escalated = manager.get("/api/v1/pages/" + id).json();
        assertThat(escalated.get("level").asInt()).isEqualTo(2);
        assertThat(escalated.get("notifications").get(1).get("user").asString()).isEqualTo(ben);
        // Run again at the same instant: the level is not repeated.
        job.runOnce();
        assertThat(manager.get("/api/v1/pages/" + id).json().get("notifications").size()).isEqualTo(2);

        // Through real SMTP: the link is taken from the email as it arrived.
        dispatcher.dispatchDue();
        var mails = org.estate.test.TestMail.withSubject("[Estate page " + id + "] " + ref);
        assertThat(mails).hasSize(2);
        var toBen = mails.stream().filter(mail -> org.estate.test.TestMail.to(mail).contains(ben + "@example.gov.uk")).toList();
        assertThat(toBen).hasSize(1);
        Matcher m = ACK.matcher(org.estate.test.TestMail.body(toBen.getFirst()));
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        SourceClient stranger = new SourceClient(port, "127.0.40.1");
        SourceClient.Answer confirm = stranger.get("/ack/" + token);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("Acknowledge", ref);
        assertThat(manager.get("/api/v1/pages/" + id).json().get("status").asString()).as("opening the link changes nothing").isEqualTo("triggered");

        SourceClient.Answer acked = stranger.post("/ack/" + token, Map.of());
        assertThat(acked.status()).as(acked.body()).isEqualTo(200);
        assertThat(acked.body()).contains("Page acknowledged");
        JsonNode after = manager.get("/api/v1/pages/" + id).json();
        assertThat(after.get("status").asString()).isEqualTo("acknowledged");
        assertThat(after.get("acknowledgedBy").asString()).isEqualTo(ben);
        assertThat(after.get("acknowledgedAt").isNull()).isFalse();
        assertThat(stranger.post("/ack/" + token, Map.of()).status()).as("a used link").isEqualTo(409);
        assertThat(stranger.get("/ack/" + token).status()).isEqualTo(409);
        assertThat(stranger.get("/ack/" + token.substring(1) + "x").status()).isEqualTo(404);

        // Nothing more is sent: the timer is stopped.
        TestClock.advance(Duration.ofHours(1));
        job.runOnce();
        assertThat(bodies(id)).hasSize(2);
        assertThat(manager.get("/api/v1/incidents/" + ref + "/updates").body()).as("the incident says who acknowledged")
            .contains("acknowledged by " + ben);

        assertThat(manager.post("/api/v1/pages/" + id + "/resolve", "").status()).isEqualTo(200);
        assertThat(manager.post("/api/v1/pages/" + id + "/resolve", "").status()).isEqualTo(409);
        assertThat(manager.post("/api/v1/pages/" + id + "/acknowledge", "").status()).isEqualTo(409);
    }

    @Test
    void acknowledgingCancelsNotificationsStillQueuedAndAnExpiredLinkChangesNothing() {
        Response raised = manager.post("/api/v1/pages", """
            {"policy":"pg-%s","title":"Backups failing %s","message":"Three nights running"}""".formatted(s, s));
        assertThat(raised.status()).as(raised.body()).isEqualTo(201);
        long id = raised.json().get("id").asLong();
        assertThat(raised.json().get("status").asString()).isEqualTo("triggered");
        String token = token(bodies(id).getFirst());

        // The link expires after a day: nothing changes.
        TestClock.advance(Duration.ofHours(25));
        SourceClient stranger = new SourceClient(port, "127.0.40.2");
        assertThat(stranger.get("/ack/" + token).status()).isEqualTo(409);
        stranger.get("/login"); // a form's CSRF token, so that the refusal below is the link's, not CSRF's
        assertThat(stranger.post("/ack/" + token, Map.of()).status()).isEqualTo(409);
        assertThat(manager.get("/api/v1/pages/" + id).json().get("acknowledgedBy").isNull()).isTrue();

        // Queue a notification for later by hand, as a delayed rule does; acknowledging cancels it.
        ApiClient engineer = ApiClient.as(port, asha, "engineer");
        jdbc.sql("UPDATE notify_outbox SET status = 'queued', next_attempt_at = ? WHERE reference = ?")
            .params(java.sql.Timestamp.from(TestClock.get().instant().plus(Duration.ofMinutes(5))), "page:" + id).update();
        Response ack = engineer.post("/api/v1/pages/" + id + "/acknowledge", "");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().get("acknowledgedBy").asString()).isEqualTo(asha);
        assertThat(statuses(id)).allMatch("cancelled"::equals);
        assertThat(engineer.post("/api/v1/pages/" + id + "/acknowledge", "").status()).as("acknowledged again: unchanged").isEqualTo(200);
    }

    @Test
    void aPageIsRefusedWithTheFieldThatIsWrong() {
        Response r = manager.post("/api/v1/pages", "{\"title\":\"\",\"policy\":\"no-such-" + s + "\",\"urgency\":\"soon\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("\"title\"", "\"policy\"", "\"urgency\"");
        Response nobody = manager.post("/api/v1/pages", "{\"title\":\"Who?\"}");
        assertThat(nobody.status()).isEqualTo(422);
        assertThat(nobody.body()).contains("\"policy\"");
        Response incident = manager.post("/api/v1/pages", "{\"title\":\"x\",\"incident\":\"INC-999999999\"}");
        assertThat(incident.status()).isEqualTo(422);
        assertThat(incident.body()).contains("\"incident\"");
        ApiClient viewer = ApiClient.as(port, "page.viewer", "viewer");
        assertThat(viewer.post("/api/v1/pages", "{\"title\":\"x\",\"user\":\"" + asha + "\"}").status()).isEqualTo(403);
        assertThat(viewer.get("/api/v1/pages?status=bogus").status()).isEqualTo(422);
        assertThat(manager.get("/api/v1/pages/987654321").status()).isEqualTo(404);

        String ref = openIncident("high");
        settle(ref);
        Response second = manager.post("/api/v1/pages", "{\"title\":\"again\",\"incident\":\"" + ref + "\"}");
        assertThat(second.status()).as("one open page per incident").isEqualTo(409);
    }

    @Test
    void aLevelReachingNobodyPassesOnAtOnce() {
        TestClock.set("2027-01-06T03:00:00Z"); // 03:00: nobody on the rota
        Response raised = manager.post("/api/v1/pages", "{\"policy\":\"pg-" + s + "\",\"title\":\"Night " + s + "\"}");
        assertThat(raised.status()).as(raised.body()).isEqualTo(201);
        JsonNode p = manager.get("/api/v1/pages/" + raised.json().get("id").asLong()).json();
        assertThat(p.get("level").asInt()).isEqualTo(2);
        assertThat(p.get("notifications").get(0).get("user").asString()).isEqualTo(ben);
    }

    private static String token(String body) {
        Matcher m = ACK.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }
}
