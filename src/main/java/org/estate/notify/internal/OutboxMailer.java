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

/** Queues email in {@code notify_outbox} inside the caller's transaction. */
@Service
class OutboxMailer implements Mailer {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SqlDialect dialect;

    OutboxMailer(JdbcClient jdbc, Clock clock, SqlDialect dialect) {
        this.dialect = dialect;
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
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO notify_outbox (recipients, subject, body, reference, status, attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)""")
            .params(String.join(",", to), truncate(email.subject(), 500), email.body(), truncate(email.reference(), 100), now, now)
            .update();
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
        String where = wanted.isEmpty() ? "" : " WHERE status IN (" + String.join(",", wanted.stream().map(s -> "?").toList()) + ")";
        List<Object> args = new ArrayList<>(wanted);
        long total = jdbc.sql("SELECT COUNT(*) FROM notify_outbox" + where).params(args).query(Long.class).single();
        args.add(paging.size());
        args.add(paging.offset());
        List<OutboxMessage> items = jdbc.sql("""
                SELECT id, recipients, subject, reference, status, attempts, next_attempt_at, last_error, created_at, sent_at
                FROM notify_outbox""" + where + OUTBOX_SORT.orderBy(sort == null ? OUTBOX_SORT.parse(null) : sort, dialect) + " LIMIT ? OFFSET ?")
            .params(args)
            .query((rs, n) -> new OutboxMessage(rs.getLong(1), Arrays.asList(rs.getString(2).split(",")), rs.getString(3),
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
