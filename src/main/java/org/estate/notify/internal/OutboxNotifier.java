package org.estate.notify.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.estate.notify.Notification;
import org.estate.notify.NotificationView;
import org.estate.notify.Notifier;
import org.estate.platform.FilterValues;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Secrets;
import org.estate.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Queues messages of every channel in {@code notify_outbox} inside the caller's transaction. */
@Service
class OutboxNotifier implements Notifier {

    static final String VIEW_COLUMNS = "id, channel, recipients, status, attempts, provider_id, created_at, reference, last_error, sent_at";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Secrets secrets;
    private final ChannelService channels;

    OutboxNotifier(JdbcClient jdbc, Clock clock, Secrets secrets, ChannelService channels) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.secrets = secrets;
        this.channels = channels;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public long queue(Notification n) {
        if (n.body() == null) {
            throw new ValidationException("body", "A message needs a body");
        }
        if (n.recipient() == null || n.recipient().isBlank()) {
            throw new ValidationException("recipient", "A message needs a recipient");
        }
        String recipient = n.recipient().trim();
        if (n.toChannel()) {
            var channel = channels.find(recipient)
                .orElseThrow(() -> new ValidationException("recipient", "No channel with key '" + OutboxMailer.truncate(recipient, 60) + "'"));
            return insert(channel.type(), recipient, null, true, n.subject(), n.body(), n.reference(), n.notBefore());
        }
        String channel = n.channel() == null ? "" : n.channel();
        switch (channel) {
            case "email", "sms" -> {
                return insert(channel, recipient, null, false, "sms".equals(channel) ? null : n.subject(), n.body(), n.reference(),
                    n.notBefore());
            }
            case "teams", "slack" -> {
                if (AddressPolicy.parse(n.url()) == null) {
                    throw new ValidationException("url", "A personal " + channel + " webhook needs an http or https URL");
                }
                return insert(channel, recipient, secrets.seal(n.url().trim()), false, n.subject(), n.body(), n.reference(), n.notBefore());
            }
            default -> throw new ValidationException("channel", "Unknown channel '" + OutboxMailer.truncate(channel, 60)
                + "': use email, sms, teams or slack, or a configured channel's key");
        }
    }

    /** Inserts a queued row; answers its id. */
    long insert(String channel, String recipients, String sealedUrl, boolean toChannel, String subject, String body, String reference,
                Instant notBefore) {
        Instant now = clock.instant();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO notify_outbox (channel, recipients, url_sealed, to_channel, subject, body, reference, status, attempts,
                                           next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)""")
            .params(channel, OutboxMailer.truncate(recipients, 4000), sealedUrl, toChannel, OutboxMailer.truncate(subject, 500), body,
                OutboxMailer.truncate(reference, 100), Timestamp.from(notBefore == null || notBefore.isBefore(now) ? now : notBefore),
                Timestamp.from(now))
            .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Override
    @Transactional
    public int cancel(String reference) {
        if (reference == null) {
            return 0;
        }
        return jdbc.sql("UPDATE notify_outbox SET status = 'cancelled' WHERE reference = ? AND status = 'queued'").param(reference).update();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<NotificationView> find(long id) {
        return jdbc.sql("SELECT " + VIEW_COLUMNS + " FROM notify_outbox WHERE id = ?").param(id).query(OutboxNotifier::view).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<NotificationView> withReferencePrefix(String prefix) {
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.sql("SELECT " + VIEW_COLUMNS + " FROM notify_outbox WHERE reference LIKE ? ESCAPE '\\' ORDER BY id")
            .param(escaped + "%").query(OutboxNotifier::view).list();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean channelExists(String key) {
        return key != null && channels.find(key).isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public PageResult<NotificationView> notifications(List<String> channelFilter, List<String> statusFilter, Paging paging) {
        List<String> wantedChannels = FilterValues.anyOf("channel", channelFilter, CHANNELS);
        List<String> wantedStatuses = FilterValues.anyOf("status", statusFilter, STATUSES);
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!wantedChannels.isEmpty()) {
            where.append(" AND channel IN (").append(String.join(",", wantedChannels.stream().map(s -> "?").toList())).append(")");
            args.addAll(wantedChannels);
        }
        if (!wantedStatuses.isEmpty()) {
            where.append(" AND status IN (").append(String.join(",", wantedStatuses.stream().map(s -> "?").toList())).append(")");
            args.addAll(wantedStatuses);
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM notify_outbox" + where).params(args).query(Long.class).single();
        args.add(paging.size());
        args.add(paging.offset());
        List<NotificationView> items = jdbc.sql("SELECT " + VIEW_COLUMNS + " FROM notify_outbox" + where
                + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
            .params(args).query(OutboxNotifier::view).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    static NotificationView view(ResultSet rs, int n) throws SQLException {
        Timestamp sent = rs.getTimestamp(10);
        return new NotificationView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
            rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9), sent == null ? null : sent.toInstant());
    }
}
