package org.estate.notify.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server for tests that refuses as real relays do: {@code RCPT TO} a local part starting
 * {@code gone} gets {@code 550 5.1.1} (no such mailbox), {@code busy} gets {@code 450 4.2.1}; a
 * message whose text holds {@code SPAM} gets {@code 554 5.7.1} after {@code DATA}; a sender starting
 * {@code blocked} gets {@code 553 5.7.1} to {@code MAIL FROM}. Everything else is accepted and kept.
 */
final class RefusingSmtpServer implements AutoCloseable {

    /** A message accepted: its envelope recipients and its text. */
    record Accepted(List<String> recipients, String data) {
    }

    private final ServerSocket socket;
    final List<Accepted> accepted = new CopyOnWriteArrayList<>();

    RefusingSmtpServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            out.print("220 refusing.test ESMTP\r\n");
            out.flush();
            List<String> rcpt = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                String reply;
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    reply = "250 refusing.test";
                } else if (upper.startsWith("MAIL FROM:")) {
                    rcpt.clear();
                    reply = address(line).startsWith("blocked") ? "553 5.7.1 Sender address rejected" : "250 2.1.0 Ok";
                } else if (upper.startsWith("RCPT TO:")) {
                    String a = address(line);
                    if (a.startsWith("gone")) {
                        reply = "550 5.1.1 <" + a + ">: Recipient address rejected: User unknown";
                    } else if (a.startsWith("busy")) {
                        reply = "450 4.2.1 <" + a + ">: Mailbox busy, try again later";
                    } else {
                        rcpt.add(a);
                        reply = "250 2.1.5 Ok";
                    }
                } else if (upper.equals("DATA")) {
                    out.print("354 End data with <CR><LF>.<CR><LF>\r\n");
                    out.flush();
                    StringBuilder data = new StringBuilder();
                    String d;
                    while ((d = in.readLine()) != null && !d.equals(".")) {
                        data.append(d).append('\n');
                    }
                    if (data.toString().contains("SPAM")) {
                        reply = "554 5.7.1 Message rejected as spam";
                    } else {
                        accepted.add(new Accepted(List.copyOf(rcpt), data.toString()));
                        reply = "250 2.0.0 Ok: queued";
                    }
                    rcpt.clear();
                } else if (upper.equals("QUIT")) {
                    out.print("221 2.0.0 Bye\r\n");
                    out.flush();
                    return;
                } else {
                    reply = "250 Ok"; // RSET, NOOP
                }
                out.print(reply + "\r\n");
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String address(String line) {
        int lt = line.indexOf('<');
        int gt = line.indexOf('>', lt + 1);
        return lt < 0 || gt < 0 ? "" : line.substring(lt + 1, gt).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
