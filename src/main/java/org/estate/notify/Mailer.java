package org.estate.notify;

import org.estate.platform.PageResult;
import org.estate.platform.Paging;

/**
 * Sends email through the outbox (channel {@code email} of {@link Notifier}'s outbox). {@link #send} must be called inside the caller's transaction:
 * it only queues the message, which goes out after commit (and never, if the transaction rolls back).
 */
public interface Mailer {

    void send(Email email);

    PageResult<OutboxMessage> outbox(String status, Paging paging);

    /** The sortable columns of the outbox. */
    org.estate.platform.SortOptions<OutboxMessage> OUTBOX_SORT = org.estate.platform.SortOptions.<OutboxMessage>by("-created")
        .value("created", "created_at", OutboxMessage::createdAt).value("sent", "sent_at", OutboxMessage::sentAt)
        .value("status", "status", OutboxMessage::status).text("subject", "subject", OutboxMessage::subject)
        .value("attempts", "attempts", OutboxMessage::attempts).tieBreaker("id", OutboxMessage::id);

    /** The statuses of a message in the outbox, in the order it moves through them. */
    java.util.List<String> OUTBOX_STATUSES = java.util.List.of("queued", "sending", "sent", "delivered", "failed", "cancelled");

    /**
     * The email outbox: {@code statuses} any of (422 naming {@code status} for another), in
     * {@code sort}'s order ({@link #OUTBOX_SORT}; null: newest first).
     */
    PageResult<OutboxMessage> outbox(java.util.List<String> statuses, org.estate.platform.Sort sort, Paging paging);
}
