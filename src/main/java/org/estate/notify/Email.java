package org.estate.notify;

import java.util.List;

/** An email to send: recipients, subject, plain-text body, and a reference (such as a ticket) for the outbox. */
public record Email(List<String> to, String subject, String body, String reference) {
}
