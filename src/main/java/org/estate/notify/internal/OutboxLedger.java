package org.estate.notify.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.estate.notify.NotificationFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's state changes, shared by every transport. A due message ({@code queued}, or
 * {@code sending} whose lease has run out because its node died mid-send) is claimed by a
 * compare-and-set on its attempt count, which moves it to {@code sending} and pushes its next attempt
 * a lease ahead: two nodes never send it at once. Then it is {@code sent}, back to {@code queued} with
 * back-off, or {@code failed} — which publishes {@link NotificationFailed} in the same transaction
 * (through the event publication registry). Each outcome is written only while the claim is still
 * this node's (same attempt count).
 */
@Component
class OutboxLedger {

    private static final Logger log = LoggerFactory.getLogger(OutboxLedger.class);
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Claimed(long id, int attempt, String channel) {
    }

    /** A claimed message with what it takes to send it. */
    record Row(Claimed claim, String recipients, String subject, String body, String reference, String sealedUrl, boolean toChannel,
               Instant createdAt, String messageId) {
    }

    /**
     * What a bounce did: failed the message, noted a bounce for some of its recipients, nothing (the
     * message had failed already), or found no message it could be about.
     */
    enum Bounced { FAILED, NOTED, ALREADY_FAILED, UNKNOWN }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    OutboxLedger(JdbcClient jdbc, Clock clock, TransactionTemplate transaction, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = transaction;
        this.events = events;
    }

    /** Claims up to {@code limit} due messages of these channels; {@code due} answers how many were due (claimed or not). */
    List<Claimed> claimDue(Collection<String> channels, Instant now, int limit, int[] due) {
        if (channels.isEmpty()) {
            due[0] = 0;
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(now));
        args.addAll(channels);
        args.add(limit);
        List<Claimed> candidates = jdbc.sql("SELECT id, attempts, channel FROM notify_outbox WHERE status IN ('queued', 'sending') AND next_attempt_at <= ?"
                + " AND channel IN (" + String.join(",", channels.stream().map(c -> "?").toList()) + ") ORDER BY next_attempt_at, id LIMIT ?")
            .params(args).query((rs, n) -> new Claimed(rs.getLong(1), rs.getInt(2), rs.getString(3))).list();
        due[0] = candidates.size();
        List<Claimed> claimed = new ArrayList<>();
        for (Claimed c : candidates) {
            int won = jdbc.sql("UPDATE notify_outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND attempts = ?"
                    + " AND status IN ('queued', 'sending')")
                .params(Timestamp.from(now.plus(LEASE)), c.id(), c.attempt()).update();
            if (won == 1) { // otherwise another node has it, or it was cancelled meanwhile
                claimed.add(new Claimed(c.id(), c.attempt() + 1, c.channel()));
            }
        }
        return claimed;
    }

    /** Hands a claimed message back untried: queued again at once, the attempt not counted. */
    void release(Claimed c) {
        jdbc.sql("UPDATE notify_outbox SET status = 'queued', attempts = attempts - 1, next_attempt_at = ? WHERE id = ? AND attempts = ? AND status = 'sending'")
            .params(Timestamp.from(clock.instant()), c.id(), c.attempt()).update();
    }

    Row load(Claimed c) {
        return jdbc.sql("SELECT recipients, subject, body, reference, url_sealed, to_channel, created_at, message_id FROM notify_outbox WHERE id = ?")
            .param(c.id()).query((rs, n) -> new Row(c, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getString(8))).single();
    }

    /**
     * The message's Message-ID for SMTP, given on its first attempt and kept through retries:
     * {@code estate.<id>.<128 random bits>@<domain>}. Random, so that a forged bounce cannot fail a
     * message its forger has not seen.
     */
    String messageId(Row row, String domain) {
        if (row.messageId() != null) {
            return row.messageId();
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String id = "estate." + row.claim().id() + "." + HexFormat.of().formatHex(random) + "@" + domain;
        if (jdbc.sql("UPDATE notify_outbox SET message_id = ? WHERE id = ? AND message_id IS NULL").params(id, row.claim().id()).update() == 1) {
            return id;
        }
        // Given one meanwhile (another node's attempt after a lease ran out): that one stands.
        return jdbc.sql("SELECT message_id FROM notify_outbox WHERE id = ?").param(row.claim().id()).query(String.class).single();
    }

    /**
     * Some recipients were refused for good: the message is queued again at once for the others only
     * (the attempt not counted), the refusal kept as its last error.
     */
    void narrow(Claimed c, List<String> keep, String error) {
        int n = jdbc.sql("""
                UPDATE notify_outbox SET recipients = ?, status = 'queued', attempts = attempts - 1, next_attempt_at = ?, last_error = ?
                WHERE id = ? AND attempts = ? AND status = 'sending'""")
            .params(OutboxMailer.truncate(String.join(",", keep), 4000), Timestamp.from(clock.instant()), OutboxMailer.truncate(error, 1000),
                c.id(), c.attempt()).update();
        if (n == 1) {
            log.warn("{} message {}: {}; sending to the others again", c.channel(), c.id(), error);
        }
    }

    /**
     * A bounce came back for the email with this Message-ID, for these recipients (lower case). When it
     * covers every recipient (or the message had one: a forwarded address may come back rewritten) the
     * message is failed and {@link NotificationFailed} published once; otherwise the bounce is noted as
     * its last error.
     */
    Bounced bounce(String messageId, Set<String> failedRecipients, String detail) {
        return transaction.execute(t -> {
            record Found(long id, String recipients, String reference) {
            }
            Optional<Found> found = jdbc.sql("SELECT id, recipients, reference FROM notify_outbox WHERE message_id = ? AND channel = 'email'")
                .param(messageId).query((rs, n) -> new Found(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
            if (found.isEmpty()) {
                return Bounced.UNKNOWN;
            }
            Found f = found.get();
            List<String> recipients = Arrays.stream(f.recipients().split(",")).map(r -> r.trim().toLowerCase(Locale.ROOT)).toList();
            if (recipients.size() > 1 && !failedRecipients.containsAll(recipients)) {
                jdbc.sql("UPDATE notify_outbox SET last_error = ? WHERE id = ?").params(OutboxMailer.truncate(detail, 1000), f.id()).update();
                log.info("email message {} ({}) bounced for some of its recipients: {}", f.id(), f.reference(), detail);
                return Bounced.NOTED;
            }
            int n = jdbc.sql("UPDATE notify_outbox SET status = 'failed', last_error = ? WHERE id = ? AND status IN ('sending', 'sent', 'delivered')")
                .params(OutboxMailer.truncate(detail, 1000), f.id()).update();
            if (n == 1) {
                events.publishEvent(new NotificationFailed(f.id(), "email", f.reference()));
                log.warn("email message {} ({}) bounced: {}", f.id(), f.reference(), detail);
                return Bounced.FAILED;
            }
            return Bounced.ALREADY_FAILED;
        });
    }

    /** Records what came of an attempt; {@code now} is when the pass began (back-off counts from it). */
    void record(Claimed c, String reference, Outcome outcome, Instant now, int maxAttempts) {
        switch (outcome.kind()) {
            case SENT -> jdbc.sql("UPDATE notify_outbox SET status = CASE WHEN status = 'sending' THEN 'sent' ELSE status END, sent_at = ?,"
                    + " provider_id = ?, last_error = NULL WHERE id = ? AND attempts = ?")
                .params(Timestamp.from(clock.instant()), outcome.providerId(), c.id(), c.attempt()).update();
            case THROTTLED -> later(c, outcome.error(), now.plus(NotifyPace.WAIT));
            case RETRY -> {
                if (c.attempt() >= maxAttempts) {
                    fail(c, reference, outcome.error(), "after " + c.attempt() + " attempts");
                } else {
                    retry(c, reference, outcome.error(), now);
                }
            }
            case FAILED -> fail(c, reference, outcome.error(), "refused");
        }
    }

    /** Waits for the provider's rate limit: queued again shortly, the attempt not counted (nor its back-off grown). */
    private void later(Claimed c, String error, Instant at) {
        jdbc.sql("""
                UPDATE notify_outbox SET status = 'queued', attempts = attempts - 1, next_attempt_at = ?, last_error = ?
                WHERE id = ? AND attempts = ? AND status = 'sending'""")
            .params(Timestamp.from(at), OutboxMailer.truncate(error, 1000), c.id(), c.attempt()).update();
    }

    private void retry(Claimed c, String reference, String error, Instant now) {
        Duration wait = MailDispatcher.backoff(c.attempt());
        jdbc.sql("UPDATE notify_outbox SET status = 'queued', next_attempt_at = ?, last_error = ? WHERE id = ? AND attempts = ? AND status = 'sending'")
            .params(Timestamp.from(now.plus(wait)), OutboxMailer.truncate(error, 1000), c.id(), c.attempt()).update();
        log.info("{} message {} ({}) not sent, attempt {}; next try in {}: {}", c.channel(), c.id(), reference, c.attempt(), wait, error);
    }

    private void fail(Claimed c, String reference, String error, String why) {
        boolean recorded = Boolean.TRUE.equals(transaction.execute(t -> {
            int n = jdbc.sql("UPDATE notify_outbox SET status = 'failed', last_error = ? WHERE id = ? AND attempts = ? AND status = 'sending'")
                .params(OutboxMailer.truncate(error, 1000), c.id(), c.attempt()).update();
            if (n == 1) {
                events.publishEvent(new NotificationFailed(c.id(), c.channel(), reference));
            }
            return n == 1;
        }));
        if (recorded) {
            log.warn("Gave up on {} message {} ({}) {}: {}", c.channel(), c.id(), reference, why, error);
        }
    }

    /**
     * A provider's receipt: {@code delivered}, or {@code failed} (which publishes {@link NotificationFailed}
     * once). The message is found by the provider's id, else by the outbox id given as the provider's
     * reference. Answers whether a message was found.
     */
    boolean receipt(String providerId, String reference, boolean delivered, String detail) {
        return Boolean.TRUE.equals(transaction.execute(t -> {
            Optional<Long> id = providerId == null ? Optional.empty()
                : jdbc.sql("SELECT id FROM notify_outbox WHERE provider_id = ? AND channel IN ('email', 'sms')").param(providerId)
                    .query(Long.class).optional();
            if (id.isEmpty() && reference != null && reference.matches("[0-9]{1,18}")) {
                id = jdbc.sql("SELECT id FROM notify_outbox WHERE id = ? AND channel IN ('email', 'sms') AND status IN ('sending', 'sent', 'delivered')")
                    .param(Long.parseLong(reference)).query(Long.class).optional();
            }
            if (id.isEmpty()) {
                return false;
            }
            if (delivered) {
                jdbc.sql("UPDATE notify_outbox SET status = 'delivered', provider_id = COALESCE(provider_id, ?) WHERE id = ? AND status IN ('sending', 'sent')")
                    .params(providerId, id.get()).update();
            } else {
                int n = jdbc.sql("UPDATE notify_outbox SET status = 'failed', last_error = ?, provider_id = COALESCE(provider_id, ?) WHERE id = ?"
                        + " AND status <> 'failed'")
                    .params(OutboxMailer.truncate(detail, 1000), providerId, id.get()).update();
                if (n == 1) {
                    var row = jdbc.sql("SELECT channel, reference FROM notify_outbox WHERE id = ?").param(id.get())
                        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).single();
                    events.publishEvent(new NotificationFailed(id.get(), row[0], row[1]));
                    log.warn("GOV.UK Notify could not deliver {} message {} ({}): {}", row[0], id.get(), row[1], detail);
                }
            }
            return true;
        }));
    }
}
