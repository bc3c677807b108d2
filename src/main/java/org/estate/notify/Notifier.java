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

    /** The channels a message may go by. */
    List<String> CHANNELS = List.of("email", "sms", "teams", "slack", "webhook");

    /** The statuses of a message, in the order it moves through them ({@link Mailer#OUTBOX_STATUSES}). */
    List<String> STATUSES = Mailer.OUTBOX_STATUSES;

    /**
     * The outbox of every channel, newest first: {@code channels} and {@code statuses} any of
     * ({@link #CHANNELS}, {@link #STATUSES}; 422 naming {@code channel} or {@code status} for another).
     */
    org.estate.platform.PageResult<NotificationView> notifications(List<String> channels, List<String> statuses,
                                                                   org.estate.platform.Paging paging);
}
