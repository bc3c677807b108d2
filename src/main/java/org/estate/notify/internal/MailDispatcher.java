package org.estate.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.estate.platform.BackgroundJob;
import org.estate.platform.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds, on every channel: email by SMTP (a batch over one connection) or by
 * GOV.UK Notify when its email template is set, SMS by Notify, Teams, Slack and webhooks by HTTP.
 * Claims and outcomes go through {@link OutboxLedger}: a message is claimed by a compare-and-set on its
 * attempt count, which also pushes its next attempt a lease ahead, so two nodes never send it at once
 * and one that dies mid-send leaves it to be retried when the lease runs out. Failures back off
 * exponentially (1, 2, 4 … minutes, at most an hour); after the last attempt (or a refusal for good)
 * the message is failed, logged and announced ({@code NotificationFailed}), never dropped silently.
 * A channel whose transport is not configured (no SMTP host, no Notify key) stays queued.
 */
@Component
@EnableConfigurationProperties({SmtpProperties.class, NotifyProperties.class, BounceProperties.class})
public class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 50;
    /** Messages sent at once by one-call channels. */
    static final int PARALLEL = 8;

    private final Clock clock;
    private final SmtpProperties smtp;
    private final NotifyProperties notify;
    private final OutboxLedger ledger;
    private final NotifySender notifySender;
    private final WebhookSender webhooks;
    private final ChannelService channels;
    private final Secrets secrets;
    private final SmtpSender smtpSender;
    private final NotifyPace pace;
    private final AtomicBoolean warnedEmail = new AtomicBoolean();
    private final AtomicBoolean warnedSms = new AtomicBoolean();
    private final boolean scheduling;
    private final BackgroundJob job = new BackgroundJob("Notification dispatch", MailDispatcher.class);

    MailDispatcher(Clock clock, SmtpProperties smtp, NotifyProperties notify, BounceProperties bounces, OutboxLedger ledger, NotifySender notifySender,
                   WebhookSender webhooks, ChannelService channels, Secrets secrets,
                   @org.springframework.beans.factory.annotation.Value("${estate.smtp.dispatcher:true}") boolean scheduling) {
        this.scheduling = scheduling;
        this.clock = clock;
        this.smtp = smtp;
        this.notify = notify;
        this.pace = new NotifyPace(clock, notify.ratePerMinute());
        this.ledger = ledger;
        this.notifySender = notifySender;
        this.webhooks = webhooks;
        this.channels = channels;
        this.secrets = secrets;
        this.smtpSender = new SmtpSender(smtp, bounces.address());
    }

    @Scheduled(fixedDelayString = "${estate.smtp.poll-interval:2s}", initialDelayString = "${estate.smtp.poll-interval:2s}")
    void scheduled() {
        if (!scheduling) {
            return;
        }
        job.run(this::dispatchDue);
    }

    /** The channels whose transport is configured. */
    private List<String> readyChannels() {
        List<String> ready = new ArrayList<>(List.of("teams", "slack", "webhook"));
        if (smtp.configured() || notify.emailViaNotify()) {
            ready.add("email");
        } else if (warnedEmail.compareAndSet(false, true)) {
            log.warn("Email is not configured (ESTATE_SMTP_HOST is unset): messages stay queued in the outbox until it is");
        }
        if (notify.smsConfigured()) {
            ready.add("sms");
        } else if (warnedSms.compareAndSet(false, true)) {
            log.info("SMS is not configured (ESTATE_NOTIFY_API_KEY or ESTATE_NOTIFY_SMS_TEMPLATE_ID is unset): SMS stay queued until it is");
        }
        return ready;
    }

    /** Sends every message due now, on every configured channel; returns how many were sent. */
    public int dispatchDue() {
        List<String> ready = readyChannels();
        Instant now = clock.instant();
        int sent = 0;
        AtomicBoolean throttled = new AtomicBoolean();
        // A claimed message's next attempt moves past now, so each batch is new work; stop when one comes back short.
        for (int round = 0; round < 100; round++) {
            int[] due = new int[1];
            List<OutboxLedger.Claimed> claimed = ledger.claimDue(ready, now, BATCH, due);
            List<OutboxLedger.Claimed> bySmtp = new ArrayList<>();
            List<OutboxLedger.Claimed> oneByOne = new ArrayList<>();
            for (OutboxLedger.Claimed c : claimed) {
                ("email".equals(c.channel()) && !notify.emailViaNotify() ? bySmtp : oneByOne).add(c);
            }
            sent += deliver(bySmtp, now);
            sent += deliverEach(oneByOne, now, throttled);
            if (throttled.get()) {
                break; // Notify's limit reached: claiming more now would only hand it back
            }
            if (due[0] < BATCH) {
                break;
            }
        }
        return sent;
    }

    /**
     * Sends messages one call each (Notify, Teams, Slack, webhooks), {@link #PARALLEL} at a time: a
     * provider's round trip (tens of milliseconds to Notify) would otherwise cap a node well below
     * Notify's 3,000 a minute. Slow receivers must not outlast the lease (another node would send the
     * rest again): what is left when half of it has gone is handed back.
     */
    private int deliverEach(List<OutboxLedger.Claimed> claimed, Instant now, AtomicBoolean throttled) {
        if (claimed.isEmpty()) {
            return 0;
        }
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(PARALLEL);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (OutboxLedger.Claimed c : claimed) {
                slots.acquireUninterruptibly();
                threads.submit(() -> {
                    try {
                        if (Duration.between(now, clock.instant()).compareTo(OutboxLedger.LEASE.dividedBy(2)) > 0) {
                            ledger.release(c);
                        } else {
                            sent.addAndGet(deliverOne(c, now, throttled));
                        }
                    } catch (RuntimeException e) {
                        log.warn("{} message {} not sent: {}", c.channel(), c.id(), e.toString());
                    } finally {
                        slots.release();
                    }
                });
            }
        } // waits for every send
        return sent.get();
    }

    /** Sends one message by Notify or HTTP and records its fate. */
    private int deliverOne(OutboxLedger.Claimed c, Instant now, AtomicBoolean throttled) {
        OutboxLedger.Row r = ledger.load(c);
        Outcome outcome;
        try {
            outcome = switch (c.channel()) {
                case "sms", "email" -> throttled.get() || !pace.tryTake() ? Outcome.throttled("GOV.UK Notify's rate limit: waiting")
                    : "sms".equals(c.channel()) ? notifySender.sms(c.id(), r.recipients(), r.body()) : notifyEmail(r);
                default -> post(r);
            };
        } catch (RuntimeException e) {
            outcome = Outcome.retry(e.getClass().getSimpleName());
        }
        if (outcome.kind() == Outcome.Kind.THROTTLED) {
            throttled.set(true); // Notify said 429 (or this node's pace did): the rest of this pass's Notify messages wait too
        }
        ledger.record(c, r.reference(), outcome, now, "email".equals(c.channel()) ? smtp.maxAttempts() : notify.maxAttempts());
        return outcome.kind() == Outcome.Kind.SENT ? 1 : 0;
    }

    /** Email by Notify: one call an address (a message queued for several while SMTP was in use goes to each). */
    private Outcome notifyEmail(OutboxLedger.Row r) {
        Outcome last = null;
        for (String address : r.recipients().split(",")) {
            last = notifySender.email(r.claim().id(), address.trim(), r.subject(), r.body());
            if (last.kind() != Outcome.Kind.SENT) {
                return last;
            }
        }
        return last;
    }

    private Outcome post(OutboxLedger.Row r) {
        WebhookSender.Post post = new WebhookSender.Post(r.claim().id(), r.reference(), r.subject(), r.body(), r.createdAt());
        if (r.toChannel()) {
            return channels.target(r.recipients()).map(t -> webhooks.send(t.type(), t.url(), t.secret(), post))
                .orElse(Outcome.failed("The channel " + r.recipients() + " no longer exists"));
        }
        if (r.sealedUrl() == null) {
            return Outcome.failed("No webhook URL");
        }
        return webhooks.send(r.claim().channel(), secrets.open(r.sealedUrl()), null, post);
    }

    /**
     * Sends a batch of claimed email by SMTP ({@link SmtpSender}), each with its outbox Message-ID, then
     * records each message's fate: sent, retried later, sent again at once to the recipients who were
     * not refused, or failed for good.
     */
    private int deliver(List<OutboxLedger.Claimed> batch, Instant now) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<OutboxLedger.Row> rows = new ArrayList<>();
        List<SmtpSender.Mail> mails = new ArrayList<>();
        for (OutboxLedger.Claimed c : batch) {
            OutboxLedger.Row m = ledger.load(c);
            rows.add(m);
            mails.add(new SmtpSender.Mail(ledger.messageId(m, smtpSender.idDomain()), m.recipients().split(","), m.subject(), m.body()));
        }
        List<SmtpSender.Result> results = smtpSender.send(mails);
        int sent = 0;
        for (int i = 0; i < batch.size(); i++) {
            SmtpSender.Result result = results.get(i);
            if (!result.keep().isEmpty()) {
                ledger.narrow(batch.get(i), result.keep(), result.outcome().error());
                continue;
            }
            ledger.record(batch.get(i), rows.get(i).reference(), result.outcome(), now, smtp.maxAttempts());
            sent += result.outcome().kind() == Outcome.Kind.SENT ? 1 : 0;
        }
        return sent;
    }

    /** 1, 2, 4 … minutes after the nth failure, at most an hour. */
    public static Duration backoff(int attempt) {
        return Duration.ofMinutes(Math.min(60, 1L << Math.min(6, Math.max(0, attempt - 1))));
    }
}
