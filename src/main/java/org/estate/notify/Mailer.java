package org.estate.notify;

import org.estate.platform.PageResult;
import org.estate.platform.Paging;

/**
 * Sends email through the outbox. {@link #send} must be called inside the caller's transaction:
 * it only queues the message, which goes out after commit (and never, if the transaction rolls back).
 */
public interface Mailer {

    void send(Email email);

    PageResult<OutboxMessage> outbox(String status, Paging paging);
}
