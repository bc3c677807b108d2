package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.notify.internal.MailDispatcher;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Email that goes at once, through the event publication registry and the outbox to a real SMTP
 * server: a new or raised P1/P2 incident to the team's members, a request awaiting approval to the
 * managers; a repeated event sends nothing twice.
 */
@EstateTest
class DeskAlertMailTests {

    @LocalServerPort
    int port;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /**
     * Waits (with a deadline) until the listeners have finished with every event about {@code ref}
     * (they run after commit, on another thread), then sends the outbox.
     */
    private void settle(String ref) {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
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
        dispatcher.dispatchDue();
    }

    /** Distinct messages (GreenMail keeps one copy per recipient). */
    private static long messages(java.util.List<jakarta.mail.internet.MimeMessage> copies) {
        return copies.stream().map(m -> {
            try {
                return m.getMessageID();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).distinct().count();
    }

    private String open(ApiClient api, String title, String level, String team) {
        Response r = api.post("/api/v1/incidents", """
            {"title":"%s","impact":"%s","urgency":"%s","team":"%s","reporter":{"name":"Jo","email":"jo@eastmoor.example"}}"""
            .formatted(title, level, level, team));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("ref").asString();
    }

    @Test
    void aNewOrRaisedUrgentIncidentEmailsTheTeamsMembersOnce() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        ApiClient manager = ApiClient.as(port, "alert.manager", "manager");
        ApiClient.as(port, "alert.ann." + s, "engineer");
        ApiClient.as(port, "alert.ben." + s, "engineer");
        assertThat(manager.post("/api/v1/teams", """
            {"key":"alert-%s","name":"Alert team %s","email":"alerts.%s@eastmoor.example","members":["alert.ann.%s","alert.ben.%s"]}"""
            .formatted(s, s, s, s, s)).status()).isEqualTo(201);

        String p1 = open(manager, "Email down " + s, "high", "alert-" + s);
        String p4 = open(manager, "Printer slow " + s, "low", "alert-" + s);
        settle(p1);
        var urgent = TestMail.withSubject("[" + p1 + " P1] New P1 incident: Email down " + s);
        assertThat(messages(urgent)).isEqualTo(1);
        assertThat(TestMail.to(urgent.getFirst())).contains("alert.ann." + s + "@example.gov.uk", "alert.ben." + s + "@example.gov.uk",
            "alerts." + s + "@eastmoor.example");
        assertThat(TestMail.body(urgent.getFirst())).contains("/desk/tickets/" + p1);
        assertThat(TestMail.withSubject("[" + p4 + " P4]")).as("a P4 waits for the queue").isEmpty();

        String etag = manager.get("/api/v1/incidents/" + p4).header("ETag");
        assertThat(manager.patch("/api/v1/incidents/" + p4, "{\"impact\":\"high\",\"urgency\":\"medium\"}", etag).status()).isEqualTo(200);
        settle(p4);
        assertThat(messages(TestMail.withSubject("[" + p4 + " P2] Raised from P4 to P2"))).isEqualTo(1);

        // The registry hands an unfinished event over again after a crash: the alert is claimed once.
        tx.executeWithoutResult(status -> events.publishEvent(new IncidentBecameUrgent(p1, "P1", null)));
        settle(p1);
        assertThat(messages(TestMail.withSubject("[" + p1 + " P1] New P1 incident"))).isEqualTo(1);
    }

    @Test
    void aRequestAwaitingApprovalEmailsTheManagersWhoMayDecideIt() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        ApiClient.as(port, "alert.approver." + s, "manager");
        ApiClient raiser = ApiClient.as(port, "alert.raiser." + s, "manager");
        Response r = raiser.post("/api/v1/requests", """
            {"item":"software-install","answers":{"software":"QGIS %s","computerName":"PC-%s","reason":"Mapping"}}""".formatted(s, s));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String ref = r.json().get("ref").asString();
        settle(ref);
        var mails = TestMail.withSubject("[" + ref + "] Waiting for your approval");
        assertThat(messages(mails)).isEqualTo(1);
        assertThat(TestMail.to(mails.getFirst())).contains("alert.approver." + s + "@example.gov.uk")
            .as("never whoever raised it").doesNotContain("alert.raiser." + s);
        assertThat(TestMail.body(mails.getFirst())).contains("/desk/tickets/" + ref);
    }
}
