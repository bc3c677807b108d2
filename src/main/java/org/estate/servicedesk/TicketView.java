package org.estate.servicedesk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An incident or a service request as the API shows it. {@code affectedCis},
 * {@code impactedServices} and {@code knownErrors} are filled on the detail view (null in lists);
 * {@code recentChanges} on an incident's detail view only (see {@link RecentChanges});
 * {@code item}, {@code answers} and {@code approval} only for requests.
 */
public record TicketView(String ref, String type, String title, String description, String status, String holdReason,
                         String impact, String urgency, String priority, String priorityReason, String category,
                         Reporter reporter, String requester, String team, String assignee,
                         List<CiRef> affectedCis, List<ImpactedService> impactedServices, List<KnownErrorView> knownErrors,
                         List<RecentChanges.Change> recentChanges,
                         String item, Map<String, Object> answers, Approval approval,
                         String resolutionCode, String resolutionNote,
                         Instant openedAt, Instant respondedAt, Instant resolvedAt, Instant closedAt,
                         Sla sla, boolean imported, Instant createdAt, Instant updatedAt, long version) {

    public record Reporter(String name, String email, String phone) {
    }

    public record CiRef(long id, @JsonProperty("class") String ciClass, String name) {
    }

    /** A business service the affected CIs take down or degrade (or an affected CI that is one itself, distance 0). */
    public record ImpactedService(long id, String name, String state, int distance) {
    }

    public record Approval(String state, String approver, String note, Instant at) {
    }

    /**
     * The SLA clock: due times in UTC, null while the resolution clock is paused;
     * {@code pausedMinutes} counts business minutes of the policy's calendar spent on hold.
     */
    public record Sla(String policy, String calendar, String responseTarget, String resolutionTarget,
                      Instant responseDue, Instant resolutionDue, Instant respondedAt, Instant resolvedAt,
                      boolean responseBreached, boolean resolutionBreached, long pausedMinutes, String state) {
    }
}
