package org.estate.notify;

import java.util.List;
import java.util.Optional;

/**
 * The outbox for every channel. {@link #queue} must be called inside the caller's transaction: the
 * message goes out after commit (never, if it rolls back), with retries and back-off, and is never
 * silently dropped.
 */
public interface Notifier {

    /** Queues the message; answers its outbox id. 422 ({@code ValidationException}) for an unknown channel key. */
    long queue(Notification notification);

    /** Cancels every message with this reference that is still {@code queued} (not yet being sent); answers how many. */
    int cancel(String reference);

    Optional<NotificationView> find(long id);

    /** Every message whose reference starts with {@code prefix}, oldest first. */
    List<NotificationView> withReferencePrefix(String prefix);

    /** Whether a channel with this key is configured. */
    boolean channelExists(String key);
}
