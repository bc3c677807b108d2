package org.estate.servicedesk;

/**
 * An incident was opened at P1 or P2, or raised to one ({@code previousPriority} then names the
 * lower one it had; null when it was opened so). Published in the transaction of the change through
 * the event publication registry, so a listener's reaction (the team's email, later a page) is not
 * lost if the process dies after the commit.
 */
public record IncidentBecameUrgent(String ref, String priority, String previousPriority) {
}
