package org.estate.notify;

import java.time.Instant;
import java.util.List;

/** A message in the outbox: {@code status} is pending, sent or failed (gave up after the last retry). */
public record OutboxMessage(long id, List<String> to, String subject, String reference, String status, int attempts,
                            Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
}
