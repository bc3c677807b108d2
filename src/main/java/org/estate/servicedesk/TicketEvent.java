package org.estate.servicedesk;

import java.time.Instant;

/**
 * One entry of a ticket's timeline: {@code kind} is created, note (internal work note), customer
 * (update the reporter sees, emailed), status, assignment, priority, approval or sla.
 */
public record TicketEvent(long id, Instant at, String actor, String kind, String visibility, String text) {
}
