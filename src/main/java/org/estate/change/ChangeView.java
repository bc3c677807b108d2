package org.estate.change;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A change as the API shows it. {@code ref} is {@code CHG-<id>}; {@code risk} and {@code impact}
 * are computed from the live graph when read; {@code approvals} are those of the current
 * assessment (an edit that sends a scheduled change back to assessment drops them).
 * {@code collisionFlag} is null unless the change is scheduled and has collisions it gained after it
 * was scheduled (or last edited).
 */
public record ChangeView(String ref, String type, String status, String template, String title, String description,
                         String reason, List<Long> affectedCis, Instant plannedStart, Instant plannedEnd,
                         String implementationPlan, String backoutPlan, String testPlan, boolean backoutTested,
                         String team, String implementer, String supplier, List<String> linkedIncidents,
                         List<String> linkedProblems, List<String> linkedRequests,
                         @JsonProperty("public") boolean isPublic, String publicNote, String requester, String outcome,
                         String review, Risk risk, Impact impact, List<Collision> collisions, List<Approval> approvals,
                         Instant submittedAt, Instant createdAt, Instant updatedAt, long version, CollisionFlag collisionFlag) {

    /** The business services the change's CIs take {@code down} or {@code degraded} (down first), and how many CIs in all. */
    public record Impact(List<Service> services, int cis) {
    }

    public record Service(long id, String name, String state) {
    }

    /** Another change or a freeze that this change collides with, and the path of CI ids that causes it. */
    public record Collision(String change, String kind, String detail, List<Long> path) {
    }

    /**
     * A scheduled change gained collisions since it was scheduled or last edited (its team was
     * emailed once for each): {@code since} the first of them, {@code collisions} how many are still
     * there, {@code gained} which. It clears when the change is edited or leaves {@code scheduled},
     * or when those collisions are gone.
     */
    public record CollisionFlag(Instant since, int collisions, List<Collision> gained) {
    }

    public record Approval(String by, String decision, String note, Instant at) {
    }
}
