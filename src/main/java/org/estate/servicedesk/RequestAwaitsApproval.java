package org.estate.servicedesk;

/** A service request was raised that waits for a manager's approval (published like {@link IncidentBecameUrgent}). */
public record RequestAwaitsApproval(String ref) {
}
