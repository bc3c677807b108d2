package org.estate.notify;

import java.time.Instant;
import java.util.List;

/**
 * An email in the outbox: {@code status} is queued, sending (claimed by a node), sent, delivered (a GOV.UK
 * Notify receipt), failed (gave up after the last retry, or refused for good) or cancelled.
 */
public record OutboxMessage(long id, List<String> to, String subject, String reference, String status, int attempts,
                            Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
}
