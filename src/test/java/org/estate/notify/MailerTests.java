package org.estate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.estate.notify.internal.MailDispatcher;
import org.estate.platform.Paging;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.estate.test.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Email through the outbox to a real SMTP server (GreenMail): committed only, retried through an outage, sent once. */
@EstateTest
class MailerTests {

    @Autowired
    Mailer mailer;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    OutboxMessage find(String reference) {
        return mailer.outbox(null, Paging.of(0, 500)).items().stream().filter(m -> reference.equals(m.reference())).findFirst().orElse(null);
    }

    @Test
    void aCommittedMessageArrivesAndARolledBackOneIsNeverQueued() {
        String s = UUID.randomUUID().toString();
        transaction.executeWithoutResult(t -> mailer.send(new Email(List.of("pat@eastmoor.example"), "Committed " + s, "Body " + s, "ref-" + s)));
        try {
            transaction.executeWithoutResult(t -> {
                mailer.send(new Email(List.of("pat@eastmoor.example"), "Rolled back " + s, "x", "rb-" + s));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the caller's change failed, so its email must not go
        }
        assertThat(find("rb-" + s)).isNull();
        dispatcher.dispatchDue();
        assertThat(TestMail.withSubject("Committed " + s)).hasSize(1);
        assertThat(TestMail.body(TestMail.withSubject("Committed " + s).getFirst())).contains("Body " + s);
        assertThat(TestMail.to(TestMail.withSubject("Committed " + s).getFirst())).contains("pat@eastmoor.example");
        assertThat(TestMail.withSubject("Rolled back " + s)).isEmpty();
        assertThat(find("ref-" + s).status()).isEqualTo("sent");
    }

    @Test
    void aMessageThatCannotBeMadeFailsAloneAtOnceAndTheRestOfItsBatchIsSent() {
        String s = UUID.randomUUID().toString();
        TestClock.set(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        transaction.executeWithoutResult(t -> {
            mailer.send(new Email(List.of("before@eastmoor.example"), "Before " + s, "b", "before-" + s));
            mailer.send(new Email(List.of("<<not an address"), "Broken " + s, "b", "broken-" + s));
            mailer.send(new Email(List.of("after@eastmoor.example"), "After " + s, "b", "after-" + s));
        });
        dispatcher.dispatchDue();
        assertThat(TestMail.withSubject("Before " + s)).hasSize(1);
        assertThat(TestMail.withSubject("After " + s)).hasSize(1);
        OutboxMessage broken = find("broken-" + s);
        // An address that cannot be written never will be: failed on the first attempt, not retried twenty times.
        assertThat(broken.status()).isEqualTo("failed");
        assertThat(broken.attempts()).isEqualTo(1);
        assertThat(broken.lastError()).containsIgnoringCase("cannot be sent");
        assertThat(find("before-" + s).status()).isEqualTo("sent");
        assertThat(find("after-" + s).status()).isEqualTo("sent");
    }

    @Test
    void anSmtpOutageIsRetriedWithBackOffAndNothingIsLost() {
        String s = UUID.randomUUID().toString();
        Instant t0 = TestClock.set(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        transaction.executeWithoutResult(t -> mailer.send(new Email(List.of("ops@eastmoor.example"), "Outage " + s, "b", "out-" + s)));
        TestMail.stop();
        try {
            dispatcher.dispatchDue();
        } finally {
            TestMail.restart();
        }
        OutboxMessage failed = find("out-" + s);
        assertThat(failed.status()).isEqualTo("queued");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isNotBlank();
        assertThat(failed.nextAttemptAt()).isEqualTo(t0.plus(Duration.ofMinutes(1)));
        dispatcher.dispatchDue(); // not due yet: the back-off holds it
        assertThat(TestMail.withSubject("Outage " + s)).isEmpty();
        TestClock.set(t0.plus(Duration.ofMinutes(2)));
        dispatcher.dispatchDue();
        assertThat(TestMail.withSubject("Outage " + s)).hasSize(1);
        assertThat(find("out-" + s).status()).isEqualTo("sent");
        assertThat(find("out-" + s).attempts()).isEqualTo(2);
    }

    @Test
    void racingDispatchersSendEachMessageOnce() throws Exception {
        String s = UUID.randomUUID().toString();
        transaction.executeWithoutResult(t -> {
            for (int i = 0; i < 20; i++) {
                mailer.send(new Email(List.of("race@eastmoor.example"), "Race " + s + " #" + i, "b", "race-" + s));
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> run = dispatcher::dispatchDue;
            int sent = 0;
            for (Future<Integer> f : pool.invokeAll(List.of(run, run, run, run))) {
                sent += f.get();
            }
            assertThat(sent).isGreaterThanOrEqualTo(20); // and whatever else other tests left due (no scheduled run in tests)
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < 20; i++) {
            String expected = "Race " + s + " #" + i;
            assertThat(TestMail.withSubject(expected)).as(expected).filteredOn(m -> subject(m).equals(expected)).hasSize(1);
        }
    }

    static String subject(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theOutboxIsForAdminsAndChecksItsFilter(@org.springframework.boot.test.web.server.LocalServerPort int port) {
        org.estate.test.ApiClient admin = org.estate.test.ApiClient.adminToken(port);
        assertThat(admin.get("/api/v1/outbox?status=sent").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/outbox?status=bogus").status()).isEqualTo(422);
        assertThat(org.estate.test.ApiClient.as(port, "outbox.manager", "manager").get("/api/v1/outbox").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/outbox?size=500").body()).doesNotContain("\"body\"");
    }

    @Test
    void backOffDoublesToAnHour() {
        assertThat(List.of(1, 2, 3, 4, 7, 20).stream().map(MailDispatcher::backoff).toList())
            .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                Duration.ofMinutes(60), Duration.ofMinutes(60));
    }
}
