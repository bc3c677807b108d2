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

    private static GreenMail server;
    private static int port;

    private TestMail() {
    }

    public static synchronized int port() {
        if (server == null) {
            start(0);
        }
        return port;
    }

    private static void start(int wanted) {
        server = new GreenMail(new ServerSetup(wanted, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        port = server.getSmtp().getPort();
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
