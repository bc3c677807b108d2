package org.estate.notify.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.estate.notify.Email;
import org.estate.notify.Mailer;
import org.estate.notify.OutboxMessage;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.FilterValues;
import org.estate.platform.Sort;
import org.estate.platform.SqlDialect;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues email in the outbox of every channel ({@link OutboxNotifier}, channel {@code email}) inside the
 * caller's transaction: one message to all its recipients by SMTP, or one a recipient when email goes
 * through GOV.UK Notify (which takes one address a message).
 */
@Service
class OutboxMailer implements Mailer {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SqlDialect dialect;
    private final OutboxNotifier outbox;
    private final NotifyProperties notify;

    OutboxMailer(JdbcClient jdbc, Clock clock, SqlDialect dialect, OutboxNotifier outbox, NotifyProperties notify) {
        this.dialect = dialect;
        this.outbox = outbox;
        this.notify = notify;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void send(Email email) {
        List<String> to = email.to() == null ? List.of() : email.to().stream().filter(a -> a != null && !a.isBlank()).map(String::trim).toList();
        if (to.isEmpty()) {
            // Nobody to write to (a team without an address, a reporter without email): say so rather than drop it unseen.
            org.slf4j.LoggerFactory.getLogger(OutboxMailer.class).info("Email '{}' ({}) has no recipient and was not queued",
                truncate(email.subject(), 120), email.reference());
            return;
        }
        if (notify.emailViaNotify()) {
            for (String address : to) {
                outbox.insert("email", address, null, false, email.subject(), email.body(), email.reference(), null);
            }
        } else {
            outbox.insert("email", String.join(",", to), null, false, email.subject(), email.body(), email.reference(), null);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public PageResult<OutboxMessage> outbox(String status, Paging paging) {
        return outbox(status == null || status.isBlank() ? List.of() : List.of(status), null, paging);
    }

    @Override
    @Transactional(readOnly = true)
    public PageResult<OutboxMessage> outbox(List<String> statuses, Sort sort, Paging paging) {
        List<String> wanted = FilterValues.anyOf("status", statuses, OUTBOX_STATUSES);
        String where = " WHERE channel = 'email'" + (wanted.isEmpty() ? "" : " AND status IN (" + String.join(",", wanted.stream().map(s -> "?").toList()) + ")");
        List<Object> args = new ArrayList<>(wanted);
        long total = jdbc.sql("SELECT COUNT(*) FROM notify_outbox" + where).params(args).query(Long.class).single();
        args.add(paging.size());
        args.add(paging.offset());
        List<OutboxMessage> items = jdbc.sql("""
                SELECT id, recipients, subject, reference, status, attempts, next_attempt_at, last_error, created_at, sent_at
                FROM notify_outbox""" + where + OUTBOX_SORT.orderBy(sort == null ? OUTBOX_SORT.parse(null) : sort, dialect) + " LIMIT ? OFFSET ?")
            .params(args)
            .query((rs, n) -> new OutboxMessage(rs.getLong(1), Arrays.asList(rs.getString(2).split(",")), rs.getString(3) == null ? "" : rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getInt(6), instant(rs.getTimestamp(7)), rs.getString(8),
                instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10))))
            .list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
