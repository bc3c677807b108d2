package org.estate.servicedesk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** A row of {@code sd_ticket}: the facts the SLA clock is computed from and what the views show. */
record TicketRow(long id, String ref, String type, String title, String description, String status, String holdReason,
                 String impact, String urgency, String priority, String priorityReason, String category,
                 String reporterName, String reporterEmail, String reporterPhone, String requester, String team,
                 String assignee, String item, String answers, String approval, String approver, String approvalNote,
                 Instant approvedAt, String resolutionCode, String resolutionNote, Instant openedAt, Instant respondedAt,
                 Instant resolvedAt, Instant closedAt, long policyRevisionId, long calendarRevisionId, int notified,
                 boolean imported, Instant createdAt, Instant updatedAt, long version) {

    static final String COLUMNS = """
        id, ref, ticket_type, title, description, status, hold_reason, impact, urgency, priority, priority_reason, category,
        reporter_name, reporter_email, reporter_phone, requester, team_key, assignee, catalogue_item, answers, approval,
        approver, approval_note, approved_at, resolution_code, resolution_note, opened_at, responded_at, resolved_at,
        closed_at, policy_revision_id, calendar_revision_id, notified, imported, created_at, updated_at, version""";

    static TicketRow map(ResultSet rs, int n) throws SQLException {
        return new TicketRow(rs.getLong("id"), rs.getString("ref"), rs.getString("ticket_type"), rs.getString("title"),
            rs.getString("description"), rs.getString("status"), rs.getString("hold_reason"), rs.getString("impact"),
            rs.getString("urgency"), rs.getString("priority"), rs.getString("priority_reason"), rs.getString("category"),
            rs.getString("reporter_name"), rs.getString("reporter_email"), rs.getString("reporter_phone"),
            rs.getString("requester"), rs.getString("team_key"), rs.getString("assignee"), rs.getString("catalogue_item"),
            rs.getString("answers"), rs.getString("approval"), rs.getString("approver"), rs.getString("approval_note"),
            ts(rs, "approved_at"), rs.getString("resolution_code"), rs.getString("resolution_note"), ts(rs, "opened_at"),
            ts(rs, "responded_at"), ts(rs, "resolved_at"), ts(rs, "closed_at"), rs.getLong("policy_revision_id"),
            rs.getLong("calendar_revision_id"), rs.getInt("notified"), rs.getBoolean("imported"), ts(rs, "created_at"),
            ts(rs, "updated_at"), rs.getLong("version"));
    }

    static Instant ts(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp sql(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    TicketRow withNotified(int bits) {
        return new TicketRow(id, ref, type, title, description, status, holdReason, impact, urgency, priority, priorityReason, category,
            reporterName, reporterEmail, reporterPhone, requester, team, assignee, item, answers, approval, approver, approvalNote,
            approvedAt, resolutionCode, resolutionNote, openedAt, respondedAt, resolvedAt, closedAt, policyRevisionId,
            calendarRevisionId, bits, imported, createdAt, updatedAt, version);
    }

    boolean open() {
        return !"resolved".equals(status) && !"closed".equals(status);
    }

    String entity() {
        return "request".equals(type) ? "request" : "incident";
    }
}
