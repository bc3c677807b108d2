package org.estate.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.estate.notify.NotificationFailed;
import org.estate.notify.internal.BounceReader;
import org.estate.notify.internal.MailDispatcher;
import org.estate.oncall.internal.PageEscalationJob;
import org.estate.servicedesk.SystemIncidents;
import org.estate.servicedesk.internal.SlaClockJob;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.estate.test.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * The rules around a page: a person's contact rules (SMS at once, email at once, SMS again after five
 * minutes), low urgency by email only within support hours, an SLA breach paging again once the
 * first page is resolved, monitoring's incidents paging like any other, and a delivery that fails
 * for good escalating at once.
 */
@EstateTest
class PagingRulesTests {

    @LocalServerPort
    int port;
    @Autowired
    PageEscalationJob job;
    @Autowired
    SlaClockJob slaClock;
    @Autowired
    SystemIncidents incidents;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    BounceReader bounces;

    ApiClient manager;
    String s;
    String asha;
    String ben;
    String team;

    @BeforeEach
    void setUp() {
        TestClock.set("2027-02-02T20:00:00Z");
        s = UUID.randomUUID().toString().substring(0, 8);
        manager = ApiClient.as(port, "rules.manager", "manager");
        asha = "rules-asha-" + s;
        ben = "rules-ben-" + s;
        ApiClient.as(port, asha, "engineer");
        ApiClient.as(port, ben, "engineer");
        Response contacts = ApiClient.admin(port).put("/api/v1/users/" + asha + "/contact-methods", """
            {"methods":[{"type":"sms","address":"07700 900123"},{"type":"email","address":"asha.%s@eastmoor.example"}],
             "rules":[{"method":"sms","delayMinutes":0,"urgency":"high"},{"method":"email","delayMinutes":0,"urgency":"high"},
                      {"method":"sms","delayMinutes":5,"urgency":"high"},{"method":"email","delayMinutes":0,"urgency":"low"}]}"""
            .formatted(s));
        assertThat(contacts.status()).as(contacts.body()).isEqualTo(200);
        assertThat(manager.post("/api/v1/escalation-policies", """
            {"key":"rules-%s","name":"Rules","repeat":0,"levels":[
              {"targets":[{"user":"%s"}],"delayMinutes":15},{"targets":[{"user":"%s"}],"delayMinutes":15}]}"""
            .formatted(s, asha, ben)).status()).isEqualTo(201);
        team = "rules-" + s;
        assertThat(manager.post("/api/v1/teams", """
            {"key":"%s","name":"Rules %s","members":["%s","%s"],"escalationPolicy":"rules-%s"}""".formatted(team, s, asha, ben, s))
            .status()).isEqualTo(201);
    }

    @AfterEach
    void tearDown() {
        TestClock.reset();
    }

    private record Message(String channel, String recipient, String status, Instant notBefore) {
    }

    private List<Message> messages(long page) {
        return jdbc.sql("SELECT channel, recipients, status, next_attempt_at FROM notify_outbox WHERE reference = ? ORDER BY id")
            .param("page:" + page).query((rs, n) -> new Message(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant())).list();
    }

    private long raise(String body) {
        Response r = manager.post("/api/v1/pages", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void aPersonsRulesAreFollowedAndTheDelayedSmsIsCancelledByTheAcknowledgement() {
        Instant now = TestClock.get().instant();
        long page = raise("{\"policy\":\"rules-" + s + "\",\"title\":\"Storage latency " + s + "\"}");
        List<Message> sent = messages(page);
        assertThat(sent).extracting(Message::channel).containsExactly("sms", "email", "sms");
        assertThat(sent.get(0).recipient()).isEqualTo("+447700900123");
        assertThat(sent.get(1).recipient()).isEqualTo("asha." + s + "@eastmoor.example");
        assertThat(sent.get(2).notBefore()).isEqualTo(now.plus(Duration.ofMinutes(5)));

        assertThat(ApiClient.as(port, asha, "engineer").post("/api/v1/pages/" + page + "/acknowledge", "").status()).isEqualTo(200);
        assertThat(messages(page).get(2).status()).as("the SMS due in five minutes is never sent").isEqualTo("cancelled");
    }

    @Test
    void lowUrgencyGoesByEmailOnlyAndWaitsForSupportHours() {
        TestClock.set("2027-02-03T03:00:00Z"); // 03:00 in London: support hours are 07:00-24:00
        long page = raise("{\"user\":\"" + asha + "\",\"title\":\"Printer queue " + s + "\",\"urgency\":\"low\"}");
        List<Message> sent = messages(page);
        assertThat(sent).extracting(Message::channel).containsExactly("email");
        assertThat(sent.getFirst().notBefore()).isEqualTo(Instant.parse("2027-02-03T07:00:00Z"));
    }

    @Test
    void anSlaBreachPagesAgainOnceTheFirstPageIsResolved() {
        Response r = manager.post("/api/v1/incidents", """
            {"title":"Payments down %s","impact":"high","urgency":"high","team":"%s","reporter":{"name":"Jo","email":"jo@eastmoor.example"}}"""
            .formatted(s, team));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String ref = r.json().get("ref").asString();
        Long first = waitForPage(ref, 1);
        assertThat(manager.post("/api/v1/pages/" + first + "/resolve", "").status()).isEqualTo(200);

        TestClock.advance(Duration.ofMinutes(16)); // the P1 response target is 15 minutes
        slaClock.runOnce();
        waitForPage(ref, 2);
        assertThat(jdbc.sql("SELECT message FROM oncall_page WHERE incident_ref = ? ORDER BY id").param(ref).query(String.class).list())
            .last().asString().contains("SLA breached");
    }

    @Test
    void anIncidentMonitoringOpensPagesItsTeam() {
        String ref = incidents.open(new SystemIncidents.Opening("Core router unreachable " + s, "Checks down", "P3", "monitoring", List.of(),
            "monitoring"));
        String etag = manager.get("/api/v1/incidents/" + ref).header("ETag");
        assertThat(manager.patch("/api/v1/incidents/" + ref, "{\"team\":\"" + team + "\"}", etag).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM oncall_page WHERE incident_ref = ?").param(ref).query(Long.class).single())
            .as("a P3 pages nobody").isZero();
        incidents.changePriority(ref, "P1", "every check behind the core router is down", "monitoring");
        waitForPage(ref, 1);
    }

    @Test
    void aDeliveryThatFailsForGoodEscalatesAtOnce() {
        long page = raise("{\"policy\":\"rules-" + s + "\",\"title\":\"Firewall failover " + s + "\"}");
        long sms = jdbc.sql("SELECT id FROM notify_outbox WHERE reference = ? ORDER BY id").param("page:" + page).query(Long.class).list().getFirst();
        tx.executeWithoutResult(t -> events.publishEvent(new NotificationFailed(sms, "sms", "page:" + page)));
        awaitEscalationDue(page);
        job.runOnce();
        JsonNode p = manager.get("/api/v1/pages/" + page).json();
        assertThat(p.get("level").asInt()).as("on to the next level without waiting 15 minutes").isEqualTo(2);
        assertThat(p.get("notifications").toString()).contains(ben);
    }

    @Test
    void anEmailThatBouncesLaterEscalatesAtOnce() throws Exception {
        long page = raise("{\"policy\":\"rules-" + s + "\",\"title\":\"Core switch down " + s + "\"}");
        dispatcher.dispatchDue();
        String address = "asha." + s + "@eastmoor.example";
        jakarta.mail.internet.MimeMessage sent = TestMail.withSubject("Core switch down " + s).stream()
            .filter(m -> TestMail.to(m).contains(address)).findFirst().orElseThrow();
        TestMail.deliverToBounces(TestMail.deliveryReport(sent.getMessageID(), address, "failed", "5.1.1"));
        assertThat(bounces.readBounces()).isEqualTo(1);
        awaitEscalationDue(page);
        job.runOnce();
        JsonNode p = manager.get("/api/v1/pages/" + page).json();
        assertThat(p.get("level").asInt()).as("the bounce moved the page on without waiting 15 minutes").isEqualTo(2);
        assertThat(p.get("notifications").toString()).contains(ben);
    }

    /** Waits (with a deadline) until the page's next escalation is due: the failure's listener runs after commit, on another thread. */
    private void awaitEscalationDue(long page) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jdbc.sql("SELECT next_escalation_at FROM oncall_page WHERE id = ?").param(page).query(Timestamp.class).single().toInstant()
            .isAfter(TestClock.get().instant())) {
            assertThat(System.nanoTime()).as("the failure brought the escalation forward").isLessThan(end);
            Thread.onSpinWait();
        }
    }

    @Test
    void aTeamsPagesArePostedToItsChannelsAndAnUnknownChannelIsRefused() {
        String channel = "rules-ch-" + s;
        Response created = ApiClient.adminToken(port).post("/api/v1/channels",
            "{\"key\":\"" + channel + "\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"s3cret-" + s + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String etag = manager.get("/api/v1/teams/" + team).header("ETag");
        Response bad = manager.send("PUT", "/api/v1/teams/" + team, """
            {"name":"Rules %s","members":["%s"],"escalationPolicy":"no-such-%s","channels":["%s","nope-%s"]}"""
            .formatted(s, asha, s, channel, s), "application/json", java.util.Map.of("If-Match", etag));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"escalationPolicy\"", "\"channels[1]\"");
        Response put = manager.send("PUT", "/api/v1/teams/" + team, """
            {"name":"Rules %s","members":["%s"],"escalationPolicy":"rules-%s","channels":["%s"]}"""
            .formatted(s, asha, s, channel), "application/json", java.util.Map.of("If-Match", etag));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("channels").toString()).isEqualTo("[\"" + channel + "\"]");

        long page = raise("{\"team\":\"" + team + "\",\"title\":\"Telephony down " + s + "\"}");
        List<Message> sent = messages(page);
        assertThat(sent).extracting(Message::recipient).contains(channel);
        assertThat(sent.stream().filter(m -> m.recipient().equals(channel)).findFirst().orElseThrow().channel()).isEqualTo("webhook");
    }

    /** Waits (with a deadline) for the {@code n}th page of an incident; the listener runs after commit, on another thread. */
    private Long waitForPage(String ref, int n) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<Long> ids = jdbc.sql("SELECT id FROM oncall_page WHERE incident_ref = ? ORDER BY id").param(ref).query(Long.class).list();
            if (ids.size() >= n) {
                assertThat(ids).hasSize(n);
                return ids.get(n - 1);
            }
            assertThat(System.nanoTime()).as("page " + n + " for " + ref).isLessThan(end);
            try {
                Thread.sleep(50); // a look every 50 ms until the condition holds, never a fixed wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
