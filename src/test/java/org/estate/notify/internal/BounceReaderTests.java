package org.estate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.estate.notify.Email;
import org.estate.notify.Mailer;
import org.estate.notify.NotificationFailed;
import org.estate.notify.OutboxMessage;
import org.estate.platform.Paging;
import org.estate.test.EstateTest;
import org.estate.test.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.internet.MimeMessage;

/**
 * Bounces that come back later, as delivery status notifications in the bounce mailbox (GreenMail's
 * IMAP here): a permanent failure fails the message it names and announces it once; a delay report, a
 * forged Message-ID, an out-of-office reply and a bounce for one of several recipients fail nothing;
 * every message read is marked read, and reading twice changes nothing.
 */
@EstateTest
@RecordApplicationEvents
class BounceReaderTests {

    @Autowired
    Mailer mailer;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    BounceReader reader;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ApplicationEvents events;

    private String s = UUID.randomUUID().toString().substring(0, 8);

    /** Sends an email through the outbox to GreenMail and answers the Message-ID it went with. */
    private String send(String reference, String... to) throws Exception {
        transaction.executeWithoutResult(t -> mailer.send(new Email(List.of(to), "Bounce test " + reference, "b", reference)));
        dispatcher.dispatchDue();
        MimeMessage received = TestMail.withSubject("Bounce test " + reference).getFirst();
        String id = received.getMessageID();
        assertThat(id).as("the outbox's own Message-ID").matches("<estate\\.[0-9]+\\.[0-9a-f]{32}@localhost>");
        assertThat(received.getHeader("Return-Path", null)).as("bounces go to the bounce mailbox").contains(TestMail.BOUNCES);
        return id;
    }

    private OutboxMessage find(String reference) {
        return mailer.outbox(null, Paging.of(0, 500)).items().stream().filter(m -> reference.equals(m.reference())).findFirst().orElseThrow();
    }

    private long failures(String reference) {
        return events.stream(NotificationFailed.class).filter(e -> reference.equals(e.reference())).count();
    }

    @Test
    void aPermanentFailureFailsTheMessageOnceAndIsMarkedRead() throws Exception {
        String to = "left-" + s + "@eastmoor.example";
        String id = send("perm-" + s, to);
        assertThat(find("perm-" + s).status()).isEqualTo("sent");
        TestMail.deliverToBounces(TestMail.deliveryReport(id, to, "failed", "5.1.1"));

        assertThat(reader.readBounces()).isEqualTo(1);
        OutboxMessage m = find("perm-" + s);
        assertThat(m.status()).isEqualTo("failed");
        assertThat(m.lastError()).contains("Bounced for " + to, "5.1.1", "User unknown");
        assertThat(failures("perm-" + s)).isEqualTo(1);
        assertThat(TestMail.unreadBounces()).isZero();

        // The same report again (a second copy, or read again after a crash): nothing more happens.
        TestMail.deliverToBounces(TestMail.deliveryReport(id, to, "failed", "5.1.1"));
        assertThat(reader.readBounces()).isZero();
        assertThat(failures("perm-" + s)).isEqualTo(1);
    }

    @Test
    void delaysForgeriesAndOtherMailFailNothing() throws Exception {
        String to = "slow-" + s + "@eastmoor.example";
        String id = send("delay-" + s, to);
        TestMail.deliverToBounces(TestMail.deliveryReport(id, to, "delayed", "4.4.7"));
        String forged = id.replaceAll("\\.[0-9a-f]{32}@", "." + "0".repeat(32) + "@");
        TestMail.deliverToBounces(TestMail.deliveryReport(forged, to, "failed", "5.1.1"));
        MimeMessage outOfOffice = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
        outOfOffice.setSubject("Automatic reply: Bounce test delay-" + s);
        outOfOffice.setHeader("In-Reply-To", id);
        outOfOffice.setText("I am out of the office until Monday.");
        TestMail.deliverToBounces(outOfOffice);
        MimeMessage broken = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
            new java.io.ByteArrayInputStream("Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\nno end"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        TestMail.deliverToBounces(broken);

        assertThat(reader.readBounces()).isZero();
        assertThat(find("delay-" + s).status()).isEqualTo("sent");
        assertThat(failures("delay-" + s)).isZero();
        assertThat(TestMail.unreadBounces()).as("each read once and left read").isZero();
    }

    @Test
    void aBounceForOneOfSeveralRecipientsIsNotedButTheMessageStandsForTheOthers() throws Exception {
        String gone = "gone-" + s + "@eastmoor.example";
        String id = send("several-" + s, "here-" + s + "@eastmoor.example", gone);
        TestMail.deliverToBounces(TestMail.deliveryReport(id, gone, "failed", "5.1.1"));
        assertThat(reader.readBounces()).isZero();
        OutboxMessage m = find("several-" + s);
        assertThat(m.status()).isEqualTo("sent");
        assertThat(m.lastError()).contains("Bounced for " + gone);
        assertThat(failures("several-" + s)).isZero();
    }
}
