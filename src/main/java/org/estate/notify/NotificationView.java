package org.estate.notify;

import java.time.Instant;

/**
 * A message in the outbox: {@code status} is queued, sending, sent, delivered, failed or cancelled;
 * {@code at} when it was queued; {@code providerId} the id the provider gave it (a Notify id).
 */
public record NotificationView(long id, String channel, String recipient, String status, int attempts, String providerId,
                               Instant at, String reference, String lastError, Instant sentAt) {
}
