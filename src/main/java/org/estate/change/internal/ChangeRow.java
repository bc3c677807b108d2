package org.estate.change.internal;

import java.time.Instant;
import java.util.List;

/** A change as stored, with its CIs and linked ticket refs; {@code id} is null before it is inserted. */
record ChangeRow(Long id, String type, String status, String template, String title, String description, String reason,
                 Instant plannedStart, Instant plannedEnd, String implementationPlan, String backoutPlan, String testPlan,
                 boolean backoutTested, String team, String implementer, String supplier, boolean isPublic, String publicNote,
                 String requester, String outcome, String review, String riskOverride, String riskOverrideReason,
                 String riskOverrideBy, Instant submittedAt, Instant createdAt, Instant updatedAt, long version,
                 List<Long> cis, List<String> links) {

    static final String PREFIX = "CHG-";

    String ref() {
        return PREFIX + id;
    }

    /** The id a ref names, or -1 when it is not a change ref. */
    static long idOf(String ref) {
        if (ref == null || ref.length() > 24 || !ref.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
            || !ref.substring(PREFIX.length()).matches("[1-9][0-9]*")) {
            return -1;
        }
        try {
            return Long.parseLong(ref.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    ChangeRow withStatus(String s) {
        return new ChangeRow(id, type, s, template, title, description, reason, plannedStart, plannedEnd, implementationPlan,
            backoutPlan, testPlan, backoutTested, team, implementer, supplier, isPublic, publicNote, requester, outcome, review,
            riskOverride, riskOverrideReason, riskOverrideBy, submittedAt, createdAt, updatedAt, version, cis, links);
    }

    ChangeRow withClosing(String s, String newOutcome, String newReview) {
        return new ChangeRow(id, type, s, template, title, description, reason, plannedStart, plannedEnd, implementationPlan,
            backoutPlan, testPlan, backoutTested, team, implementer, supplier, isPublic, publicNote, requester, newOutcome, newReview,
            riskOverride, riskOverrideReason, riskOverrideBy, submittedAt, createdAt, updatedAt, version, cis, links);
    }

    ChangeRow withSubmitted(Instant at) {
        return new ChangeRow(id, type, "assessment", template, title, description, reason, plannedStart, plannedEnd, implementationPlan,
            backoutPlan, testPlan, backoutTested, team, implementer, supplier, isPublic, publicNote, requester, outcome, review,
            riskOverride, riskOverrideReason, riskOverrideBy, at, createdAt, updatedAt, version, cis, links);
    }
}
