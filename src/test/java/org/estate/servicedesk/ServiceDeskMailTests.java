package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.estate.notify.internal.MailDispatcher;
import org.estate.servicedesk.internal.SlaClockJob;
import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.estate.test.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The desk's email, through the outbox to a real SMTP server: reporters hear of updates, teams of SLA warnings. */
@EstateTest
class ServiceDeskMailTests {

    @LocalServerPort
    int port;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    SlaClockJob job;

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    @Test
    void theReporterHearsOfLoggingCustomerUpdatesAndResolutionButNotWorkNotes() {
        ApiClient engineer = ApiClient.as(port, "mail.engineer", "engineer");
        String s = UUID.randomUUID().toString().substring(0, 8);
        String ref = engineer.post("/api/v1/incidents", """
            {"title":"Mail test %s","impact":"low","urgency":"low","reporter":{"name":"Robin","email":"robin.%s@eastmoor.example"}}"""
            .formatted(s, s)).json().get("ref").asString();
        engineer.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"Internal only " + s + "\",\"visibility\":\"internal\"}");
        engineer.post("/api/v1/incidents/" + ref + "/updates", "{\"text\":\"Engineer on the way " + s + "\",\"visibility\":\"customer\"}");
        engineer.post("/api/v1/incidents/" + ref + "/status", "{\"status\":\"resolved\",\"resolutionCode\":\"fixed\",\"note\":\"Replaced the cable " + s + "\"}");
        dispatcher.dispatchDue();
        assertThat(TestMail.withSubject("[" + ref + "] We have your fault report")).hasSize(1);
        var update = TestMail.withSubject("[" + ref + "] Update");
        assertThat(update).hasSize(1);
        assertThat(TestMail.body(update.getFirst())).contains("Engineer on the way " + s).contains("/portal/tickets/" + ref);
        assertThat(TestMail.to(update.getFirst())).contains("robin." + s + "@eastmoor.example");
        assertThat(TestMail.body(TestMail.withSubject("[" + ref + "] Resolved").getFirst())).contains("Replaced the cable " + s);
        assertThat(TestMail.withSubject(ref).stream().map(TestMail::body)).noneMatch(b -> b.contains("Internal only"));
    }

    @Test
    void theTeamIsWarnedOnceBeforeABreachAndOnceAtIt() {
        ApiClient manager = ApiClient.as(port, "mail.manager", "manager");
        String s = UUID.randomUUID().toString().substring(0, 8);
        manager.post("/api/v1/teams", "{\"key\":\"mail-%s\",\"name\":\"Mail team %s\",\"email\":\"team.%s@eastmoor.example\",\"members\":[]}"
            .formatted(s, s, s));
        TestClock.set(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        String ref = manager.post("/api/v1/incidents", """
            {"title":"Warn test %s","impact":"high","urgency":"high","team":"mail-%s","reporter":{"name":"A","email":"a@eastmoor.example"}}"""
            .formatted(s, s)).json().get("ref").asString();
        // P1 on support hours (07:00-24:00 London): move to a moment the calendar is open, then past the warning.
        String due = manager.get("/api/v1/incidents/" + ref).json().get("sla").get("responseDue").asString();
        Instant responseDue = Instant.parse(due);
        TestClock.set(responseDue.minus(Duration.ofMinutes(2)));
        job.runOnce();
        job.runOnce();
        dispatcher.dispatchDue();
        var warnings = TestMail.withSubject("[" + ref + " P1] SLA warning: respond");
        assertThat(warnings).hasSize(1);
        assertThat(TestMail.to(warnings.getFirst())).contains("team." + s + "@eastmoor.example");
        TestClock.set(responseDue.plus(Duration.ofMinutes(1)));
        job.runOnce();
        dispatcher.dispatchDue();
        assertThat(TestMail.withSubject("[" + ref + " P1] SLA breached: no response")).hasSize(1);
        assertThat(TestMail.withSubject("[" + ref + " P1] SLA warning: respond")).hasSize(1);
    }
}
