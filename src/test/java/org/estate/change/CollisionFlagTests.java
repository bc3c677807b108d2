package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.estate.notify.internal.MailDispatcher;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * The key case: two scheduled changes on two VMs that nothing yet makes a pair; a graph
 * edit makes them the two members of a redundancy group under a business service, so together they
 * take it down. Both are flagged and each team is emailed once (through the event publication
 * registry, the outbox and a real SMTP server); a further graph edit emails nobody again; an edit
 * of the change acknowledges its flag.
 */
@EstateTest
class CollisionFlagTests {

    @LocalServerPort
    int port;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;

    /** Waits (with a deadline) until the collision listeners have finished every event, then sends the outbox. */
    private void settle() {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.sql("""
                SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL
                AND (event_type LIKE '%GraphChanged' OR event_type LIKE '%ChangeWritten')""").query(Long.class).single() > 0) {
            assertThat(System.nanoTime()).as("collision checks done").isLessThan(end);
            try {
                Thread.sleep(50); // a look every 50 ms until the condition holds, never a fixed wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        dispatcher.dispatchDue();
    }

    private static long messages(List<MimeMessage> copies) {
        return copies.stream().map(m -> {
            try {
                return m.getMessageID();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).distinct().count();
    }

    private String scheduled(ChangeFixture f, ApiClient manager, Instant d, int from, int to, String team, long ci) {
        String ref = ChangeFixture.created(f.engineer, ChangeFixture.body("emergency", CollisionApiTests.at(d, from),
            CollisionApiTests.at(d, to), ",\"team\":\"" + team + "\"", ci));
        assertThat(f.engineer.post("/api/v1/changes/" + ref + "/submit", "").status()).isEqualTo(200);
        Response approved = manager.post("/api/v1/changes/" + ref + "/approvals", "{\"decision\":\"approved\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("scheduled");
        return ref;
    }

    private void team(ApiClient manager, String key, String member) {
        ApiClient.as(port, member, "engineer");
        Response r = manager.post("/api/v1/teams", """
            {"key":"%s","name":"Team %s","members":["%s"]}""".formatted(key, key, member));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aGraphEditThatMakesTwoScheduledChangesAJointOutageFlagsThemAndEmailsEachTeamOnce() {
        ChangeFixture f = new ChangeFixture(port);
        String s = UUID.randomUUID().toString().substring(0, 8);
        ApiClient manager = ApiClient.as(port, "flag.manager", "manager");
        team(manager, "net-" + s, "flag.net." + s);
        team(manager, "plat-" + s, "flag.plat." + s);
        long svc = f.ci("business-service", "flag-svc", "critical");
        long app = f.ci("application", "flag-app", null);
        long vm1 = f.ci("virtual-machine", "flag-vm1", null);
        long vm2 = f.ci("virtual-machine", "flag-vm2", null);
        f.rel(svc, "uses", app);
        CollisionApiTests.group(f, app, vm1, "pair", 1);
        Instant d = CollisionApiTests.day();
        String earlier = scheduled(f, manager, d, 0, 2, "net-" + s, vm1);
        String later = scheduled(f, manager, d, 1, 3, "plat-" + s, vm2);
        settle();
        assertThat(f.engineer.get("/api/v1/changes/" + earlier).json().get("collisions").size()).isZero();
        assertThat(f.engineer.get("/api/v1/changes/" + earlier).json().get("collisionFlag").isNull()).isTrue();

        // vm2 joins vm1 under the application: neither change takes the service down alone, both together do.
        CollisionApiTests.group(f, app, vm2, "pair", 1);
        settle();
        JsonNode flagged = f.engineer.get("/api/v1/changes/" + earlier).json();
        assertThat(flagged.get("collisions").get(0).get("kind").asString()).isEqualTo("joint-outage");
        JsonNode flag = flagged.get("collisionFlag");
        assertThat(flag.get("collisions").asInt()).isEqualTo(1);
        assertThat(flag.get("since").asString()).isNotBlank();
        assertThat(flag.get("gained").get(0).get("change").asString()).isEqualTo(later);
        assertThat(f.engineer.get("/api/v1/changes/" + later).json().get("collisionFlag").get("collisions").asInt()).isEqualTo(1);
        List<MimeMessage> mails = TestMail.withSubject("[" + earlier + "] New collision");
        assertThat(messages(mails)).isEqualTo(1);
        assertThat(TestMail.to(mails.getFirst())).contains("flag.net." + s + "@example.gov.uk").doesNotContain("flag.plat." + s);
        assertThat(TestMail.body(mails.getFirst())).contains("joint-outage", later, "flag-svc-" + f.s);
        assertThat(messages(TestMail.withSubject("[" + later + "] New collision"))).isEqualTo(1);
        assertThat(f.engineer.get("/api/v1/changes/" + earlier + "/history").body()).contains("collision-flagged");

        // Another edit of the graph: the same collision, no new email.
        long other = f.ci("application", "flag-other-app", null);
        f.rel(svc, "uses", other);
        settle();
        assertThat(messages(TestMail.withSubject("[" + earlier + "] New collision"))).isEqualTo(1);
        assertThat(f.engineer.get("/api/v1/changes/" + earlier).json().get("collisionFlag").get("collisions").asInt()).isEqualTo(1);

        // Editing the change acknowledges what it collides with now: the flag clears, the collision stays.
        Response read = f.engineer.get("/api/v1/changes/" + earlier);
        Response edited = f.engineer.patch("/api/v1/changes/" + earlier, "{\"description\":\"Coordinated with the platform team\"}",
            read.header("ETag"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("status").asString()).isEqualTo("scheduled");
        assertThat(edited.json().get("collisionFlag").isNull()).isTrue();
        assertThat(edited.json().get("collisions").size()).isEqualTo(1);
    }

    @Test
    void someoneSchedulingOverAScheduledChangeFlagsIt() {
        ChangeFixture f = new ChangeFixture(port);
        ApiClient manager = ApiClient.as(port, "flag.manager", "manager");
        long vm = f.ci("virtual-machine", "over-vm", null);
        Instant d = CollisionApiTests.day();
        String first = ChangeFixture.created(f.engineer, ChangeFixture.body("emergency", CollisionApiTests.at(d, 0),
            CollisionApiTests.at(d, 2), "", vm));
        f.engineer.post("/api/v1/changes/" + first + "/submit", "");
        manager.post("/api/v1/changes/" + first + "/approvals", "{\"decision\":\"approved\"}");
        String draft = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", CollisionApiTests.at(d, 1),
            CollisionApiTests.at(d, 3), "", vm));
        settle();
        assertThat(f.engineer.get("/api/v1/changes/" + first).json().get("collisionFlag").isNull()).as("a draft is nobody's collision")
            .isTrue();
        f.engineer.post("/api/v1/changes/" + draft + "/submit", "");
        settle();
        JsonNode flag = f.engineer.get("/api/v1/changes/" + first).json().get("collisionFlag");
        assertThat(flag.get("gained").get(0).get("kind").asString()).isEqualTo("same-ci");
        assertThat(flag.get("gained").get(0).get("change").asString()).isEqualTo(draft);
        List<MimeMessage> mails = TestMail.withSubject("[" + first + "] New collision");
        assertThat(messages(mails)).isEqualTo(1);
        assertThat(TestMail.to(mails.getFirst())).as("no team: the requester").contains("chg.eng@example.gov.uk");

        // The other change is cancelled: the collision, and with it the flag, is gone.
        assertThat(f.engineer.post("/api/v1/changes/" + draft + "/status", "{\"status\":\"cancelled\"}").status()).isEqualTo(200);
        assertThat(f.engineer.get("/api/v1/changes/" + first).json().get("collisionFlag").isNull()).isTrue();
    }
}
