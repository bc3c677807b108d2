package org.estate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.estate.notify.Email;
import org.estate.notify.Mailer;
import org.estate.notify.NotificationFailed;
import org.estate.notify.OutboxMessage;
import org.estate.platform.Paging;
import org.estate.platform.Secrets;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an SMTP server's refusals mean, over the wire to a server that refuses as relays do
 * ({@link RefusingSmtpServer}): no such mailbox fails the message at once (and announces it, so a page
 * moves on); some recipients refused sends it to the others; a busy mailbox, a refused sender and a
 * lost connection are retried; a message refused after DATA fails. Every message carries its outbox
 * Message-ID, the same on every attempt.
 */
@EstateTest
@RecordApplicationEvents
class SmtpRefusalTests {

    @Autowired
    Mailer mailer;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Clock clock;
    @Autowired
    NotifyProperties notify;
    @Autowired
    OutboxLedger ledger;
    @Autowired
    NotifySender notifySender;
    @Autowired
    WebhookSender webhooks;
    @Autowired
    ChannelService channels;
    @Autowired
    Secrets secrets;
    @Autowired
    ApplicationEvents events;

    RefusingSmtpServer server;
    String s;

    @BeforeEach
    void start() {
        server = new RefusingSmtpServer();
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private MailDispatcher dispatcher(String from) {
        SmtpProperties smtp = new SmtpProperties("127.0.0.1", server.port(), null, null, from, false, Duration.ofSeconds(2), 20);
        String bounces = from.startsWith("blocked") ? null : "bounces@eastmoor.example"; // the envelope sender is the bounce address when set
        return new MailDispatcher(clock, smtp, notify, new BounceProperties(bounces, null, null, null, null, null, null, null),
            ledger, notifySender, webhooks, channels, secrets, false);
    }

    private void queue(String reference, String subject, String body, String... to) {
        transaction.executeWithoutResult(t -> mailer.send(new Email(List.of(to), subject, body, reference)));
    }

    private OutboxMessage find(String reference) {
        return mailer.outbox(null, Paging.of(0, 500)).items().stream().filter(m -> reference.equals(m.reference())).findFirst().orElseThrow();
    }

    private List<RefusingSmtpServer.Accepted> acceptedWith(String text) {
        return server.accepted.stream().filter(a -> a.data().contains(text)).toList();
    }

    @Test
    void noSuchMailboxFailsAtOnceAndIsAnnouncedWhileTheRestOfTheBatchIsSent() {
        queue("gone-" + s, "Gone " + s, "b", "gone-" + s + "@eastmoor.example");
        queue("fine-" + s, "Fine " + s, "b", "fine-" + s + "@eastmoor.example");
        dispatcher("estate@eastmoor.example").dispatchDue();

        OutboxMessage gone = find("gone-" + s);
        assertThat(gone.status()).as("a mailbox that does not exist is not retried twenty times").isEqualTo("failed");
        assertThat(gone.attempts()).isEqualTo(1);
        assertThat(gone.lastError()).contains("550 5.1.1", "gone-" + s + "@eastmoor.example");
        assertThat(events.stream(NotificationFailed.class).filter(e -> e.id() == gone.id())).hasSize(1);
        assertThat(find("fine-" + s).status()).isEqualTo("sent");
        assertThat(acceptedWith("Fine " + s)).hasSize(1);
    }

    @Test
    void whenSomeRecipientsAreRefusedTheOthersStillGetTheMessage() {
        queue("some-" + s, "Some " + s, "b", "ok-" + s + "@eastmoor.example", "gone-" + s + "@eastmoor.example");
        MailDispatcher dispatcher = dispatcher("estate@eastmoor.example");
        dispatcher.dispatchDue();
        OutboxMessage narrowed = find("some-" + s);
        assertThat(narrowed.to()).containsExactly("ok-" + s + "@eastmoor.example");
        assertThat(narrowed.status()).isEqualTo("queued");
        assertThat(narrowed.lastError()).contains("550", "gone-" + s);
        assertThat(narrowed.nextAttemptAt()).as("sent again to the others at once").isBeforeOrEqualTo(clock.instant());
        dispatcher.dispatchDue();
        assertThat(find("some-" + s).status()).isEqualTo("sent");
        assertThat(acceptedWith("Some " + s)).singleElement().extracting(RefusingSmtpServer.Accepted::recipients)
            .isEqualTo(List.of("ok-" + s + "@eastmoor.example"));
        assertThat(events.stream(NotificationFailed.class).filter(e -> e.id() == narrowed.id())).isEmpty();
    }

    @Test
    void aBusyMailboxARefusedSenderAndALostConnectionAreRetried() throws Exception {
        queue("busy-" + s, "Busy " + s, "b", "busy-" + s + "@eastmoor.example");
        dispatcher("estate@eastmoor.example").dispatchDue();
        OutboxMessage busy = find("busy-" + s);
        assertThat(busy.status()).isEqualTo("queued");
        assertThat(busy.attempts()).isEqualTo(1);
        assertThat(busy.lastError()).contains("450");

        queue("sender-" + s, "Sender " + s, "b", "someone-" + s + "@eastmoor.example");
        MailDispatcher blocked = dispatcher("blocked@eastmoor.example");
        blocked.dispatchDue();
        assertThat(find("sender-" + s).status()).as("a refused sender is the relay's setting, not the message's fault").isEqualTo("queued");

        queue("lost-" + s, "Lost " + s, "b", "someone-" + s + "@eastmoor.example");
        MailDispatcher lost = dispatcher("estate@eastmoor.example");
        server.close();
        lost.dispatchDue();
        assertThat(find("lost-" + s).status()).isEqualTo("queued");
        assertThat(events.stream(NotificationFailed.class).filter(e -> e.reference() != null && e.reference().endsWith(s))).isEmpty();
    }

    @Test
    void aMessageRefusedAfterDataFailsAndEveryMessageCarriesItsOwnMessageId() {
        queue("spam-" + s, "Spam " + s, "SPAM " + s, "pat-" + s + "@eastmoor.example");
        queue("ham-" + s, "Ham " + s, "fine", "pat-" + s + "@eastmoor.example");
        dispatcher("estate@eastmoor.example").dispatchDue();
        OutboxMessage spam = find("spam-" + s);
        assertThat(spam.status()).isEqualTo("failed");
        assertThat(spam.lastError()).contains("554 5.7.1");

        OutboxMessage ham = find("ham-" + s);
        String data = acceptedWith("Ham " + s).getFirst().data();
        String stored = ledger.messageId(new OutboxLedger.Row(new OutboxLedger.Claimed(ham.id(), 1, "email"), null, null, null, null, null,
            false, null, null), "unused");
        assertThat(stored).matches("estate\\." + ham.id() + "\\.[0-9a-f]{32}@eastmoor\\.example");
        assertThat(data).contains("Message-ID: <" + stored + ">");
        assertThat(DeliveryReports.ours(data)).isEqualTo(stored);
    }
}
