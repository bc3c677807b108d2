package org.estate.servicedesk;

import java.time.Instant;
import java.util.List;

/** A problem: the cause behind one or more incidents; a known error once its workaround is written down. */
public record ProblemView(String ref, String title, String description, String status, String rootCause, String workaround,
                          boolean knownError, String team, String assignee, List<LinkedIncident> incidents,
                          List<TicketView.CiRef> affectedCis, Instant createdAt, Instant updatedAt, Instant resolvedAt,
                          long version) {

    public record LinkedIncident(String ref, String title, String status, String priority) {
    }
}
