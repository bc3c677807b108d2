package org.estate.test;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) for the test JVM, on a free port chosen at start; the test
 * application context sends to it ({@link TestDatabaseInitializer} sets {@code estate.smtp.*}).
 * Tests may stop and restart it to play an outage.
 */
public final class TestMail {

    /** The bounce mailbox (envelope sender and IMAP login), read by Estate's bounce reader. */
    public static final String BOUNCES = "bounces@estate.test";
    public static final String BOUNCES_PASSWORD = "bounce-mailbox-password";

    private static GreenMail server;
    private static int port;
    private static int imapPort;

    private TestMail() {
    }

    public static synchronized int port() {
        if (server == null) {
            start(0);
        }
        return port;
    }

    public static synchronized int imapPort() {
        port();
        return imapPort;
    }

    private static void start(int wanted) {
        server = new GreenMail(new ServerSetup[] {new ServerSetup(wanted, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        server.start();
        port = server.getSmtp().getPort();
        imapPort = server.getImap().getPort();
        server.setUser(BOUNCES, BOUNCES, BOUNCES_PASSWORD);
    }

    /** Puts a message (say, a delivery report) straight into the bounce mailbox. */
    public static synchronized void deliverToBounces(MimeMessage message) {
        server.getUserManager().getUser(BOUNCES).deliver(message);
    }

    /**
     * A delivery status notification (RFC 3464) as a receiving server returns it: a human part, the
     * status part with one recipient block, and the original's headers ({@code text/rfc822-headers}).
     */
    public static MimeMessage deliveryReport(String originalMessageId, String recipient, String action, String status) {
        String raw = """
            From: Mail Delivery System <MAILER-DAEMON@relay.eastmoor.example>
            To: %1$s
            Subject: Undeliverable: Estate page
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-boundary"

            --dsn-boundary
            Content-Type: text/plain; charset=us-ascii

            Delivery has failed to these recipients or groups: %2$s

            --dsn-boundary
            Content-Type: message/delivery-status

            Reporting-MTA: dns; relay.eastmoor.example
            Arrival-Date: Tue, 2 Feb 2027 20:00:01 +0000

            Final-Recipient: rfc822; %2$s
            Action: %3$s
            Status: %4$s
            Diagnostic-Code: smtp; %4$s <%2$s> Recipient address rejected: User unknown

            --dsn-boundary
            Content-Type: text/rfc822-headers

            From: estate@localhost
            To: %2$s
            Subject: Estate page
            Message-ID: %5$s

            --dsn-boundary--
            """.formatted(BOUNCES, recipient, action, status, originalMessageId).replace("\n", "\r\n");
        try {
            return new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many messages in the bounce mailbox are still unread. */
    public static synchronized long unreadBounces() {
        try {
            var inbox = server.getManagers().getImapHostManager().getInbox(server.getUserManager().getUser(BOUNCES));
            return inbox.getMessages().stream().filter(m -> !m.isSet(jakarta.mail.Flags.Flag.SEEN)).count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static synchronized void stop() {
        server.stop();
    }

    public static synchronized void restart() {
        start(port);
    }

    /** Messages received so far whose subject contains {@code text}. */
    public static synchronized List<MimeMessage> withSubject(String text) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(text);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m);
    }

    public static String to(MimeMessage m) {
        try {
            return Arrays.toString(m.getAllRecipients());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
