package org.estate.notify.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Email by SMTP: a batch over one connection (a relay is not asked to connect fifty times after an
 * outage), each message with its own {@code Message-ID} (the outbox's, so that a bounce arriving later
 * finds it) and the bounce address as its envelope sender when one is set. What the server said
 * decides each message's fate:
 * <ul>
 * <li>every recipient refused for good (5xx to {@code RCPT TO}), or the message itself refused for good
 * (5xx after {@code DATA}), or an address that cannot even be written: failed at once — twenty retries
 * would not make a mailbox exist, and a page must move on;</li>
 * <li>some recipients refused for good: the message goes again at once to the others only;</li>
 * <li>anything else (4xx, a refused sender or login, which are the relay's configuration, a lost
 * connection): retried with back-off.</li>
 * </ul>
 */
final class SmtpSender {

    /** What became of one message. {@code keep} holds the recipients to try again without the refused ones. */
    record Result(Outcome outcome, List<String> keep) {
        static Result of(Outcome outcome) {
            return new Result(outcome, List.of());
        }
    }

    /** One message to send. */
    record Mail(String messageId, String[] to, String subject, String body) {
    }

    private final SmtpProperties smtp;
    private final JavaMailSenderImpl sender = new JavaMailSenderImpl();

    SmtpSender(SmtpProperties smtp, String bounceAddress) {
        this.smtp = smtp;
        if (smtp.configured()) {
            sender.setHost(smtp.host());
            sender.setPort(smtp.port());
            boolean login = smtp.username() != null && !smtp.username().isBlank();
            if (login) {
                sender.setUsername(smtp.username());
                sender.setPassword(smtp.password());
            }
            Properties p = sender.getJavaMailProperties();
            p.put("mail.smtp.auth", String.valueOf(login));
            p.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
            p.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
            p.put("mail.smtp.connectiontimeout", "10000");
            p.put("mail.smtp.timeout", "20000");
            p.put("mail.smtp.writetimeout", "20000");
            if (bounceAddress != null) {
                p.put("mail.smtp.from", bounceAddress); // the envelope sender: where bounces go
            }
        }
    }

    /** The domain of Message-IDs: the sender address's. */
    String idDomain() {
        String from = smtp.from();
        int at = from.lastIndexOf('@');
        String domain = at < 0 ? "localhost" : from.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
        return domain.isEmpty() ? "localhost" : domain.toLowerCase(Locale.ROOT);
    }

    /** Sends the batch over one connection; answers each message's result, in order. */
    List<Result> send(List<Mail> mails) {
        Result[] results = new Result[mails.size()];
        List<MimeMessage> made = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < mails.size(); i++) {
            try {
                made.add(make(mails.get(i)));
                index.add(i);
            } catch (MessagingException | RuntimeException e) {
                // An address that cannot be written never will be: failed now, the rest of the batch goes.
                results[i] = Result.of(Outcome.failed("Cannot be sent: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage()));
            }
        }
        Exception[] errors = sendMade(made.toArray(MimeMessage[]::new));
        for (int j = 0; j < made.size(); j++) {
            int i = index.get(j);
            results[i] = errors[j] == null ? Result.of(Outcome.sent(null)) : classify(errors[j], mails.get(i).to());
        }
        return Arrays.asList(results);
    }

    private MimeMessage make(Mail mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom(smtp.from());
        List<InternetAddress> to = new ArrayList<>();
        for (String address : mail.to()) {
            to.add(new InternetAddress(address.trim(), true));
        }
        helper.setTo(to.toArray(InternetAddress[]::new));
        helper.setSubject(mail.subject() == null ? "" : mail.subject());
        helper.setText(mail.body() == null ? "" : mail.body());
        if (mail.messageId() != null) {
            message.setHeader("Message-ID", "<" + mail.messageId() + ">"); // kept by Spring through saveChanges()
        }
        return message;
    }

    private Exception[] sendMade(MimeMessage[] messages) {
        Exception[] errors = new Exception[messages.length];
        if (messages.length == 0) {
            return errors;
        }
        try {
            sender.send(messages);
        } catch (MailSendException e) {
            // Those the server refused, or every one from where the connection failed; the rest were sent.
            Map<Object, Exception> failed = e.getFailedMessages();
            for (int i = 0; i < messages.length; i++) {
                errors[i] = failed.isEmpty() ? e : failed.get(messages[i]);
            }
        } catch (MailException e) {
            Arrays.fill(errors, e); // e.g. the login was refused: nothing was sent
        }
        return errors;
    }

    /** What the server's answer means for a message that was not sent. */
    static Result classify(Exception error, String[] recipients) {
        String said = NestedExceptionUtils.getMostSpecificCause(error).getMessage();
        SendFailedException refusal = find(error, SendFailedException.class);
        if (refusal == null || refusal instanceof SMTPSenderFailedException) {
            return Result.of(Outcome.retry(String.valueOf(said))); // a lost connection or a refused login: the relay's, not the message's
        }
        if (refusal instanceof SMTPSendFailedException data && permanent(data.getReturnCode()) && !senderRefused(data)
            && (refusal.getInvalidAddresses() == null || refusal.getInvalidAddresses().length == 0)) {
            return Result.of(Outcome.failed("Refused by the mail server: " + oneLine(data.getMessage())));
        }
        Address[] invalid = refusal.getInvalidAddresses();
        if (invalid == null || invalid.length == 0) {
            return Result.of(Outcome.retry(String.valueOf(said)));
        }
        Set<String> refused = new LinkedHashSet<>();
        for (Address a : invalid) {
            refused.add(bare(a.toString()));
        }
        List<String> keep = new ArrayList<>();
        for (String r : recipients) {
            if (!refused.contains(bare(r))) {
                keep.add(r.trim());
            }
        }
        String detail = "Refused by the mail server for " + String.join(", ", refused) + ": " + oneLine(reason(refusal));
        return keep.isEmpty() ? Result.of(Outcome.failed(detail)) : new Result(Outcome.retry(detail), keep);
    }

    /** A refusal of {@code MAIL FROM}: the sender address the relay is given, its configuration. */
    private static boolean senderRefused(SMTPSendFailedException e) {
        String command = e.getCommand();
        return command != null && command.trim().toUpperCase(Locale.ROOT).startsWith("MAIL");
    }

    /** 5xx, but not 530 (authentication required) or 535 (login refused), which are the relay's configuration. */
    private static boolean permanent(int code) {
        return code >= 500 && code <= 599 && code != 530 && code != 535;
    }

    /** The server's words for the first refused address. */
    private static String reason(SendFailedException e) {
        Exception next = e.getNextException();
        return next != null && next.getMessage() != null ? next.getMessage() : String.valueOf(e.getMessage());
    }

    private static <T> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() != c ? c.getCause() : null) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String bare(String address) {
        String a = address.trim();
        int lt = a.lastIndexOf('<');
        if (lt >= 0 && a.endsWith(">")) {
            a = a.substring(lt + 1, a.length() - 1);
        }
        return a.toLowerCase(Locale.ROOT);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
