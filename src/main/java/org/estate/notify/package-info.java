/**
 * Notifications: one outbox for every channel (email by SMTP or GOV.UK Notify, SMS by Notify, Teams,
 * Slack and signed webhooks), so that a message is queued in the same transaction as the change that
 * causes it, sent by a background dispatcher, retried when the receiver fails, and never silently
 * dropped ({@link org.estate.notify.NotificationFailed} says when one fails for good).
 *
 * <p>Uses {@code platform} only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.estate.notify;
