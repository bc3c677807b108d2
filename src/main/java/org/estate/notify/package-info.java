/**
 * Notifications: outbound email through an outbox, so that a message is queued in the same
 * transaction as the change that causes it, sent by a background dispatcher, retried when the
 * SMTP server fails, and never silently dropped.
 *
 * <p>Uses {@code platform} only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.estate.notify;
