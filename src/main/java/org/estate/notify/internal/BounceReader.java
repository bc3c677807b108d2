package org.estate.notify.internal;

import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.estate.platform.BackgroundJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

/**
 * Reads the bounce mailbox by IMAP ({@link BounceProperties}): every unread message is read as a
 * delivery status notification ({@link DeliveryReports}); a permanent failure of one of Estate's
 * messages fails it in the outbox, which publishes {@code NotificationFailed} (a page then escalates at
 * once). A message is marked read only after what it said is committed — reading does not mark it
 * (IMAP peek) — so a crash in between reads it again, and reading twice changes nothing. Anything that is
 * not a report about Estate's mail is marked read and left where it is: the mailbox should be one kept
 * for bounces.
 */
@Component
public class BounceReader {

    private static final Logger log = LoggerFactory.getLogger(BounceReader.class);
    /** Messages read a pass: a backlog is worked through over several passes. */
    static final int PASS = 500;
    /** Larger messages are not reports (a report quotes headers, or a message Estate wrote). */
    private static final int MAX_SIZE = 5 * 1024 * 1024;

    private final BounceProperties settings;
    private final OutboxLedger ledger;
    private final boolean scheduling;
    private final AtomicBoolean announced = new AtomicBoolean();
    private final BackgroundJob job = new BackgroundJob("Bounce reading", BounceReader.class);

    BounceReader(BounceProperties settings, OutboxLedger ledger, @Value("${estate.bounces.reader:true}") boolean scheduling) {
        this.settings = settings;
        this.ledger = ledger;
        this.scheduling = scheduling;
    }

    @Scheduled(fixedDelayString = "${estate.bounces.poll-interval:1m}", initialDelayString = "${estate.bounces.poll-interval:1m}")
    void scheduled() {
        if (!scheduling || !settings.configured()) {
            return;
        }
        if (announced.compareAndSet(false, true)) {
            log.info("Reading bounces from {} on {}:{} every {}", settings.folder(), settings.host(), settings.port(), settings.pollInterval());
        }
        job.run(this::readBounces);
    }

    /** Reads what has arrived since the last pass; answers how many messages it failed. */
    public int readBounces() {
        if (!settings.configured()) {
            return 0;
        }
        String protocol = settings.tls() ? "imaps" : "imap";
        Properties p = new Properties();
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "20000");
        p.put("mail." + protocol + ".peek", "true"); // reading does not mark read: only a committed outcome does
        if (settings.tls()) {
            p.put("mail.imaps.ssl.checkserveridentity", "true");
        } else {
            p.put("mail.imap.starttls.enable", "true");
        }
        int failed = 0;
        try (Store store = Session.getInstance(p).getStore(protocol)) {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            Folder folder = store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (int i = 0; i < Math.min(PASS, unread.length); i++) {
                    failed += read(unread[i]) ? 1 : 0;
                    unread[i].setFlag(Flags.Flag.SEEN, true);
                }
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("The bounce mailbox could not be read: " + e.getMessage(), e);
        }
        return failed;
    }

    /** Reads one message; answers whether it failed one of Estate's messages. */
    private boolean read(Message message) throws MessagingException {
        Optional<DeliveryReports.Bounce> bounce;
        try {
            bounce = message.getSize() > MAX_SIZE || !(message instanceof MimeMessage mime) ? Optional.empty() : DeliveryReports.read(mime);
        } catch (MessagingException | java.io.IOException | RuntimeException e) {
            if (!message.getFolder().isOpen()) {
                throw new IllegalStateException("The bounce mailbox closed while a message was read", e); // left unread for the next pass
            }
            log.info("A message in the bounce mailbox could not be read as a delivery report: {}", e.toString());
            return false;
        }
        if (bounce.isEmpty()) {
            return false;
        }
        OutboxLedger.Bounced outcome = ledger.bounce(bounce.get().messageId(), bounce.get().recipients(), bounce.get().detail());
        if (outcome == OutboxLedger.Bounced.UNKNOWN) {
            log.info("A bounce for {} matches no message in the outbox: ignored", bounce.get().messageId());
        }
        return outcome == OutboxLedger.Bounced.FAILED;
    }
}
