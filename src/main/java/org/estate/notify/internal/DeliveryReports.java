package org.estate.notify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.estate.platform.LimitedInputStream;
import org.estate.platform.PayloadTooLargeException;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads a returned message as a delivery status notification (RFC 3464, {@code multipart/report;
 * report-type=delivery-status}), as Exchange, Microsoft 365, Gmail, Postfix and Sendmail send them:
 * which recipients it reports {@code Action: failed} for, with their status and diagnostic, and the
 * Message-ID of the message it is about (from the returned message or headers, else the report's own
 * {@code In-Reply-To} or {@code References}). Only Estate's own Message-IDs are answered. A delay
 * report ({@code Action: delayed}), a delivery report, an out-of-office reply or any other mail
 * answers nothing.
 */
final class DeliveryReports {

    /** A permanent failure of Estate's message {@code messageId} for these recipients (lower case). */
    record Bounce(String messageId, Set<String> recipients, String detail) {
    }

    static final Pattern OURS = Pattern.compile("estate\\.[0-9]{1,18}\\.[0-9a-f]{32}@[A-Za-z0-9.-]{1,190}");
    /** The most of a report's status part that is read: a report for a thousand recipients fits well inside. */
    private static final long STATUS_LIMIT = 256 * 1024;
    private static final int MAX_DEPTH = 3;

    private DeliveryReports() {
    }

    static Optional<Bounce> read(MimeMessage message) throws MessagingException, IOException {
        Found found = new Found();
        walk(message, found, 0);
        if (!found.report || found.failed.isEmpty()) {
            return Optional.empty();
        }
        String id = found.messageId;
        if (id == null) {
            id = ours(message.getHeader("In-Reply-To", " ") + " " + message.getHeader("References", " "));
        }
        if (id == null) {
            return Optional.empty();
        }
        return Optional.of(new Bounce(id, found.failed, found.detail.length() > 1000 ? found.detail.substring(0, 1000) : found.detail));
    }

    private static final class Found {
        boolean report;
        String messageId;
        final Set<String> failed = new LinkedHashSet<>();
        String detail = "";
    }

    private static void walk(Part part, Found found, int depth) throws MessagingException, IOException {
        ContentType type = contentType(part);
        if (type == null || depth > MAX_DEPTH) {
            return;
        }
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        if (base.startsWith("multipart/")) {
            if ("multipart/report".equals(base) && "delivery-status".equalsIgnoreCase(type.getParameter("report-type"))) {
                found.report = true;
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, found, depth + 1);
                }
            }
            return;
        }
        if (!found.report) {
            return;
        }
        switch (base) {
            case "message/delivery-status", "message/global-delivery-status" -> statuses(part, found);
            case "message/rfc822", "message/global" -> {
                if (found.messageId == null && part.getContent() instanceof MimeMessage original) {
                    found.messageId = ours(original.getHeader("Message-ID", " "));
                }
            }
            case "text/rfc822-headers", "message/global-headers" -> {
                if (found.messageId == null) {
                    try (InputStream in = new LimitedInputStream(part.getInputStream(), STATUS_LIMIT)) {
                        found.messageId = ours(new InternetHeaders(in).getHeader("Message-ID", " "));
                    } catch (PayloadTooLargeException e) {
                        // headers past the limit: the report's own In-Reply-To may still name the message
                    }
                }
            }
            default -> {
                // the human-readable part, or anything else: nothing to read
            }
        }
    }

    /** The status part: per-message fields, then one block of fields a recipient. */
    private static void statuses(Part part, Found found) throws MessagingException, IOException {
        try (InputStream in = new LimitedInputStream(part.getInputStream(), STATUS_LIMIT)) {
            new InternetHeaders(in); // the per-message fields (Reporting-MTA, Arrival-Date)
            for (int block = 0; block < 5000; block++) {
                InternetHeaders recipient = new InternetHeaders(in);
                String finalRecipient = recipient.getHeader("Final-Recipient", null);
                if (finalRecipient == null) {
                    if (!recipient.getAllHeaders().hasMoreElements()) {
                        break; // the end
                    }
                    continue;
                }
                String action = String.valueOf(recipient.getHeader("Action", null)).trim().toLowerCase(Locale.ROOT);
                if (!action.startsWith("failed")) {
                    continue; // delayed, delivered, relayed, expanded: not a failure
                }
                String address = address(finalRecipient);
                found.failed.add(address);
                String status = recipient.getHeader("Status", null);
                String diagnostic = recipient.getHeader("Diagnostic-Code", null);
                String line = "Bounced for " + address + (status == null ? "" : ": status " + status.trim())
                    + (diagnostic == null ? "" : " (" + diagnostic.replaceAll("\\s+", " ").trim() + ")");
                found.detail = found.detail.isEmpty() ? line : found.detail + "; " + line;
            }
        } catch (PayloadTooLargeException e) {
            // a status part past the limit: what was read is kept
        }
    }

    /** {@code rfc822; Pat@Example.gov.uk} → {@code pat@example.gov.uk}. */
    private static String address(String field) {
        String f = field.trim();
        int semi = f.indexOf(';');
        String a = semi >= 0 ? f.substring(semi + 1).trim() : f;
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.toLowerCase(Locale.ROOT);
    }

    /** Estate's Message-ID in this text, if there is one. */
    static String ours(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = OURS.matcher(text);
        return m.find() ? m.group() : null;
    }

    private static ContentType contentType(Part part) {
        try {
            String type = part.getContentType();
            return type == null ? new ContentType("text/plain") : new ContentType(type);
        } catch (MessagingException e) {
            return null; // a malformed Content-Type: not a report
        }
    }
}
