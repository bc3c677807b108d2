package org.estate.notify;

/**
 * A message failed for good: a GOV.UK Notify {@code permanent-failure} (or other failure) receipt, a
 * permanent refusal by the receiving server, or the last retry spent. Published through the event
 * publication registry in the transaction that records the failure.
 */
public record NotificationFailed(long id, String channel, String reference) {
}
