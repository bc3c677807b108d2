package org.estate.notify.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.estate.platform.BackgroundJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds. A message is claimed by a compare-and-set on its attempt count,
 * which also pushes its next attempt a lease ahead: two nodes never send it at once, and one that
 * dies mid-send leaves it to be retried when the lease runs out. Failures back off exponentially
 * (1, 2, 4 … minutes, at most an hour); after {@code max-attempts} the message is marked failed
 * and logged, never dropped silently.
 */
@Component
@EnableConfigurationProperties(SmtpProperties.class)
public class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SmtpProperties smtp;
    private final JavaMailSenderImpl sender;
    private final AtomicBoolean warned = new AtomicBoolean();
    private final boolean scheduling;
    private final BackgroundJob job = new BackgroundJob("Email dispatch", MailDispatcher.class);

    MailDispatcher(JdbcClient jdbc, Clock clock, SmtpProperties smtp,
                   @org.springframework.beans.factory.annotation.Value("${estate.smtp.dispatcher:true}") boolean scheduling) {
        this.scheduling = scheduling;
        this.jdbc = jdbc;
        this.clock = clock;
        this.smtp = smtp;
        this.sender = new JavaMailSenderImpl();
        if (smtp.configured()) {
            sender.setHost(smtp.host());
            sender.setPort(smtp.port());
            if (smtp.username() != null && !smtp.username().isBlank()) {
                sender.setUsername(smtp.username());
                sender.setPassword(smtp.password());
            }
            Properties p = sender.getJavaMailProperties();
            p.put("mail.smtp.auth", String.valueOf(smtp.username() != null && !smtp.username().isBlank()));
            p.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
            p.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
            p.put("mail.smtp.connectiontimeout", "10000");
            p.put("mail.smtp.timeout", "20000");
            p.put("mail.smtp.writetimeout", "20000");
        }
    }

    @Scheduled(fixedDelayString = "${estate.smtp.poll-interval:10s}", initialDelayString = "${estate.smtp.poll-interval:10s}")
    void scheduled() {
        if (!scheduling) {
            return;
        }
        job.run(this::dispatchDue);
    }

    /** Sends every message due now; returns how many were sent. */
    public int dispatchDue() {
        if (!smtp.configured()) {
            if (warned.compareAndSet(false, true)) {
                log.warn("Email is not configured (ESTATE_SMTP_HOST is unset): messages stay queued in the outbox until it is");
            }
            return 0;
        }
        Instant now = clock.instant();
        record Due(long id, int attempts) {
        }
        int sent = 0;
        // A claimed message's next attempt moves past now, so each batch is new work; stop when one comes back short.
        for (int round = 0; round < 100; round++) {
            List<Due> due = jdbc.sql("SELECT id, attempts FROM notify_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 50")
                .param(Timestamp.from(now)).query((rs, n) -> new Due(rs.getLong(1), rs.getInt(2))).list();
            List<Claimed> claimed = new ArrayList<>();
            for (Due d : due) {
                int won = jdbc.sql("UPDATE notify_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND attempts = ? AND status = 'pending'")
                    .params(Timestamp.from(now.plus(LEASE)), d.id(), d.attempts()).update();
                if (won == 1) { // otherwise another node has it
                    claimed.add(new Claimed(d.id(), d.attempts() + 1));
                }
            }
            sent += deliver(claimed, now);
            if (due.size() < 50) {
                break;
            }
        }
        return sent;
    }

    private record Claimed(long id, int attempt) {
    }

    /**
     * Sends a batch of claimed messages over one SMTP connection (a relay is not asked to connect
     * fifty times after an outage), then records each message's fate: sent, or retried later.
     */
    private int deliver(List<Claimed> batch, Instant now) {
        if (batch.isEmpty()) {
            return 0;
        }
        record Row(String to, String subject, String body, String reference) {
        }
        List<Row> rows = new ArrayList<>();
        SimpleMailMessage[] messages = new SimpleMailMessage[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Row m = jdbc.sql("SELECT recipients, subject, body, reference FROM notify_outbox WHERE id = ?").param(batch.get(i).id())
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).single();
            rows.add(m);
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(smtp.from());
            message.setTo(m.to().split(","));
            message.setSubject(m.subject());
            message.setText(m.body());
            messages[i] = message;
        }
        Exception[] errors = send(messages);
        int sent = 0;
        for (int i = 0; i < batch.size(); i++) {
            Claimed c = batch.get(i);
            Exception error = errors[i];
            if (error == null) {
                jdbc.sql("UPDATE notify_outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?")
                    .params(Timestamp.from(clock.instant()), c.id()).update();
                sent++;
            } else {
                failed(c, rows.get(i).reference(), error, now);
            }
        }
        return sent;
    }

    /** Sends the messages over one connection; answers each one's error, null where it was sent. */
    private Exception[] send(SimpleMailMessage[] messages) {
        Exception[] errors = new Exception[messages.length];
        try {
            sender.send(messages);
        } catch (MailSendException e) {
            // Those the server refused, or every one from where the connection failed; the rest were sent.
            // Looked up by equality: of two identical messages with one refused, both are tried again (never one lost).
            Map<Object, Exception> failed = e.getFailedMessages();
            for (int i = 0; i < messages.length; i++) {
                errors[i] = failed.isEmpty() ? e : failed.get(messages[i]);
            }
        } catch (MailParseException | MailPreparationException e) {
            // One message that cannot be made (a malformed address) stops the batch before anything is
            // sent: send them one by one, so that only that one waits.
            if (messages.length == 1) {
                errors[0] = e;
            } else {
                for (int i = 0; i < messages.length; i++) {
                    errors[i] = send(new SimpleMailMessage[] {messages[i]})[0];
                }
            }
        } catch (MailException e) {
            Arrays.fill(errors, e); // e.g. the login was refused: nothing was sent
        }
        return errors;
    }

    private void failed(Claimed c, String reference, Exception e, Instant now) {
        String error = OutboxMailer.truncate(NestedExceptionUtils.getMostSpecificCause(e).toString(), 1000);
        if (c.attempt() >= smtp.maxAttempts()) {
            jdbc.sql("UPDATE notify_outbox SET status = 'failed', last_error = ? WHERE id = ?").params(error, c.id()).update();
            log.warn("Gave up on email {} ({}) after {} attempts: {}", c.id(), reference, c.attempt(), error);
        } else {
            Duration wait = backoff(c.attempt());
            jdbc.sql("UPDATE notify_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(Timestamp.from(now.plus(wait)), error, c.id()).update();
            log.info("Email {} ({}) not sent, attempt {}; next try in {}: {}", c.id(), reference, c.attempt(), wait, error);
        }
    }

    /** 1, 2, 4 … minutes after the nth failure, at most an hour. */
    public static Duration backoff(int attempt) {
        return Duration.ofMinutes(Math.min(60, 1L << Math.min(6, Math.max(0, attempt - 1))));
    }
}
