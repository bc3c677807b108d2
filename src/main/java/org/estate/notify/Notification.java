package org.estate.notify;

import java.time.Instant;

/**
 * A message for the outbox on any channel.
 *
 * <ul>
 * <li>{@code channel}: {@code email}, {@code sms}, {@code teams}, {@code slack} or {@code webhook}.</li>
 * <li>{@code recipient}: what the outbox shows — an email address, an E.164 phone number, a
 * configured channel's key, or for a person's own Teams/Slack webhook a label such as
 * {@code alice (teams)}.</li>
 * <li>{@code url}: for a person's own Teams/Slack webhook, its URL (stored encrypted, never shown);
 * null for email, SMS and configured channels (whose URL the channel holds).</li>
 * <li>{@code toChannel}: true when {@code recipient} is a configured channel's key.</li>
 * <li>{@code reference}: what the message is about ({@code INC-000123}, {@code page:42:0:1}); messages
 * may be cancelled by it while still queued.</li>
 * <li>{@code notBefore}: not sent before this instant (null: at once).</li>
 * </ul>
 */
public record Notification(String channel, String recipient, String url, boolean toChannel, String subject, String body,
                           String reference, Instant notBefore) {

    public static Notification email(String to, String subject, String body, String reference) {
        return new Notification("email", to, null, false, subject, body, reference, null);
    }

    public static Notification sms(String e164, String body, String reference) {
        return new Notification("sms", e164, null, false, null, body, reference, null);
    }

    /** A person's own Teams or Slack incoming webhook ({@code type} teams or slack). */
    public static Notification webhook(String type, String label, String url, String subject, String body, String reference) {
        return new Notification(type, label, url, false, subject, body, reference, null);
    }

    /** A post to a configured channel (its type decides the format: Teams card, Slack message, signed JSON). */
    public static Notification toChannel(String channelKey, String subject, String body, String reference) {
        return new Notification(null, channelKey, null, true, subject, body, reference, null);
    }

    public Notification at(Instant when) {
        return new Notification(channel, recipient, url, toChannel, subject, body, reference, when);
    }
}
