package org.estate.servicedesk;

/**
 * A P1 or P2 incident breached its SLA ({@code target} is {@code response} or {@code resolution}).
 * Published once per breach, in the transaction of the SLA clock that announces it, through the
 * event publication registry (on-call pages the team when no page is open for the incident).
 */
public record IncidentSlaBreached(String ref, String priority, String target) {
}
