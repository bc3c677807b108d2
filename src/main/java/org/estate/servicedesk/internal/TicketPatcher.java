package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketChecks.blank;
import static org.estate.servicedesk.internal.TicketChecks.diff;
import static org.estate.servicedesk.internal.TicketChecks.level;
import static org.estate.servicedesk.internal.TicketChecks.reporter;
import static org.estate.servicedesk.internal.TicketChecks.str;
import static org.estate.servicedesk.internal.TicketChecks.text;
import static org.estate.servicedesk.internal.TicketRow.sql;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.TicketView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing a ticket's fields (not its status): title, description, impact and urgency (and so the
 * priority and SLA targets), a manager's priority override, team, assignee, requester, reporter and
 * affected CIs.
 */
@Component
class TicketPatcher {

    private final JdbcClient jdbc;
    private final TicketStore store;
    private final TicketViews views;
    private final TicketChecks checks;
    private final SlaPolicyService policies;
    private final CalendarService calendars;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    TicketPatcher(JdbcClient jdbc, TicketStore store, TicketViews views, TicketChecks checks, SlaPolicyService policies,
                  CalendarService calendars, AuditLog audit, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.store = store;
        this.views = views;
        this.checks = checks;
        this.policies = policies;
        this.calendars = calendars;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Assigns the ticket to the acting engineer ("Assign to me"): the team follows them when they
     * are not in the ticket's team. Already theirs: unchanged. A closed ticket is 409.
     */
    @Transactional
    public TicketView assignToMe(String ref, String type, Actor actor) {
        TicketRow cur = store.visible(ref, type, actor);
        if ("closed".equals(cur.status())) {
            throw new ConflictException(ref + " is closed: it cannot be assigned");
        }
        if (actor.username().equals(cur.assignee())) {
            return views.view(cur, actor, true);
        }
        return patch(ref, type, cur.version(), Map.of("assignee", actor.username()), actor);
    }

    /**
     * Applies a JSON merge patch (already parsed into field → value, null meaning clear) to an
     * incident or request at {@code expectedVersion}.
     */
    @Transactional
    public TicketView patch(String ref, String type, long expectedVersion, Map<String, Object> fields, Actor actor) {
        TicketRow cur = store.visible(ref, type, actor);
        if (actor.requesterOnly()) {
            throw new AccessDeniedException("Requesters comment on their tickets; the service desk changes them");
        }
        if (cur.version() != expectedVersion) {
            throw new PreconditionFailedException(ref + " has changed since you read it (current ETag \"" + cur.version() + "\")");
        }
        Set<String> allowed = Set.of("title", "description", "impact", "urgency", "priority", "priorityReason", "category",
            "team", "assignee", "reporter", "affectedCis", "requester");
        List<FieldError> errors = new ArrayList<>();
        for (String k : fields.keySet()) {
            if ("status".equals(k)) {
                errors.add(new FieldError("status", "Change the status with POST /api/v1/" + cur.entity() + "s/" + ref + "/status"));
            } else if (!allowed.contains(k)) {
                errors.add(new FieldError(k, "'" + k + "' cannot be changed (or is not a field)"));
            }
        }
        String title = fields.containsKey("title") ? str(fields.get("title")) : cur.title();
        String description = fields.containsKey("description") ? str(fields.get("description")) : cur.description();
        String impact = fields.containsKey("impact") ? str(fields.get("impact")) : cur.impact();
        String urgency = fields.containsKey("urgency") ? str(fields.get("urgency")) : cur.urgency();
        String category = fields.containsKey("category") ? str(fields.get("category")) : cur.category();
        String team = fields.containsKey("team") ? str(fields.get("team")) : cur.team();
        String assignee = fields.containsKey("assignee") ? str(fields.get("assignee")) : cur.assignee();
        String requester = fields.containsKey("requester") ? str(fields.get("requester")) : cur.requester();
        TicketView.Reporter reporter = new TicketView.Reporter(cur.reporterName(), cur.reporterEmail(), cur.reporterPhone());
        if (fields.containsKey("reporter")) {
            if (fields.get("reporter") instanceof Map<?, ?> m) {
                reporter = new TicketView.Reporter(
                    m.containsKey("name") ? str(m.get("name")) : reporter.name(),
                    m.containsKey("email") ? str(m.get("email")) : reporter.email(),
                    m.containsKey("phone") ? str(m.get("phone")) : reporter.phone());
            } else {
                errors.add(new FieldError("reporter", "reporter must be an object with name, email and phone"));
            }
        }
        text(errors, "title", title, true, 300);
        text(errors, "description", description, false, 20000);
        text(errors, "category", category, false, 100);
        if ("incident".equals(cur.type())) {
            level(errors, "impact", impact);
            level(errors, "urgency", urgency);
            if (reporter.name() != null || reporter.email() != null) {
                reporter(errors, reporter);
            }
        }
        boolean teamChanged = !Objects.equals(blank(team), cur.team());
        if (teamChanged || !Objects.equals(blank(assignee), cur.assignee())) {
            // A new assignee from another team takes the ticket to their team, unless this change also names the team.
            team = checks.teamFollowing(errors, blank(team), fields.containsKey("team") && teamChanged, blank(assignee));
            if (!Objects.equals(blank(assignee), cur.assignee())) {
                checks.assignable(errors, blank(assignee));
            }
        }
        if (!Objects.equals(blank(requester), cur.requester()) && "pending".equals(cur.approval())) {
            // Approval is never by the requester: who the request is for is fixed until a manager has decided.
            throw new ConflictException(ref + " is awaiting approval; its requester cannot change until a manager has decided");
        }
        if (requester != null && !requester.equals(cur.requester()) && !checks.userExists(requester)) {
            errors.add(new FieldError("requester", "No user '" + requester + "'"));
        }
        List<Long> newCis = null;
        if (fields.containsKey("affectedCis")) {
            Object v = fields.get("affectedCis");
            if (v == null) {
                newCis = List.of();
            } else if (v instanceof List<?> list) {
                newCis = checks.cis(errors, TicketChecks.ciIds(list));
            } else {
                errors.add(new FieldError("affectedCis", "affectedCis is a list of CI ids"));
            }
        }
        // Priority: from impact × urgency, unless a manager overrides it with a reason.
        String priority = cur.priority();
        String priorityReason = cur.priorityReason();
        if (fields.containsKey("priority")) {
            String p = str(fields.get("priority"));
            if (p == null) {
                priorityReason = null;
                // (A level refused above leaves the priority alone: the 422 names the level.)
                priority = "incident".equals(cur.type()) && TicketService.isLevel(impact) && TicketService.isLevel(urgency)
                    ? TicketService.priority(impact, urgency) : cur.priority();
            } else if (!p.equals(cur.priority()) || fields.containsKey("priorityReason")) {
                if (!actor.manager()) {
                    throw new AccessDeniedException("Only a manager may override the priority");
                }
                if (!SlaPolicyService.PRIORITIES.contains(p)) {
                    errors.add(new FieldError("priority", "priority must be P1, P2, P3 or P4"));
                }
                String reason = fields.containsKey("priorityReason") ? str(fields.get("priorityReason")) : null;
                if (reason == null || reason.isBlank()) {
                    errors.add(new FieldError("priorityReason", "Give the reason for overriding the priority"));
                }
                priority = p;
                priorityReason = reason;
            }
        } else if (fields.containsKey("priorityReason")) {
            errors.add(new FieldError("priorityReason", "Send priorityReason with the priority it explains"));
        } else if ("incident".equals(cur.type()) && cur.priorityReason() == null
            && TicketService.isLevel(impact) && TicketService.isLevel(urgency)) {
            priority = TicketService.priority(impact, urgency);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant();
        long policyRevision = cur.policyRevisionId();
        long calendarRevision = cur.calendarRevisionId();
        if (!priority.equals(cur.priority()) && "incident".equals(cur.type())) {
            // A priority change recomputes both targets from the original open time, under the new priority's policy.
            SlaPolicyService.Targets t = policies.forIncident(priority);
            policyRevision = t.revisionId();
            calendarRevision = calendars.current(t.calendarKey()).id();
        }
        int n = jdbc.sql("""
                UPDATE sd_ticket SET title = ?, description = ?, impact = ?, urgency = ?, priority = ?, priority_reason = ?,
                    category = ?, team_key = ?, assignee = ?, requester = ?, reporter_name = ?, reporter_email = ?, reporter_phone = ?,
                    policy_revision_id = ?, calendar_revision_id = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?""")
            .params(title.trim(), blank(description), impact, urgency, priority, blank(priorityReason), blank(category), blank(team),
                blank(assignee), blank(requester), blank(reporter.name()), blank(reporter.email()), blank(reporter.phone()),
                policyRevision, calendarRevision, sql(now), cur.id(), expectedVersion)
            .update();
        if (n == 0) {
            throw new PreconditionFailedException(ref + " has changed since you read it");
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        diff(changes, "title", cur.title(), title.trim());
        diff(changes, "description", cur.description(), blank(description));
        diff(changes, "impact", cur.impact(), impact);
        diff(changes, "urgency", cur.urgency(), urgency);
        diff(changes, "priority", cur.priority(), priority);
        diff(changes, "priorityReason", cur.priorityReason(), blank(priorityReason));
        diff(changes, "category", cur.category(), blank(category));
        diff(changes, "team", cur.team(), blank(team));
        diff(changes, "assignee", cur.assignee(), blank(assignee));
        diff(changes, "requester", cur.requester(), blank(requester));
        diff(changes, "reporter.name", cur.reporterName(), blank(reporter.name()));
        diff(changes, "reporter.email", cur.reporterEmail(), blank(reporter.email()));
        diff(changes, "reporter.phone", cur.reporterPhone(), blank(reporter.phone()));
        if (newCis != null) {
            List<Long> old = store.cis(cur.id());
            if (!new LinkedHashSet<>(old).equals(new LinkedHashSet<>(newCis))) {
                store.replaceCis(cur.id(), newCis);
                changes.put("affectedCis", new Change(old, newCis));
            }
        }
        // Raised to P1 or P2 (P2 to P1 too): the team hears at once, as for a new one.
        if (changes.containsKey("priority") && "incident".equals(cur.type()) && TicketService.URGENT.contains(priority)
            && priority.compareTo(cur.priority()) < 0) {
            events.publishEvent(new org.estate.servicedesk.IncidentBecameUrgent(ref, priority, cur.priority()));
        }
        if (changes.containsKey("priority")) {
            store.event(cur.id(), now, actor.username(), "priority", "internal", "Priority " + cur.priority() + " → " + priority
                + (priorityReason != null ? " (" + priorityReason + ")" : "") + "; SLA targets recomputed from the open time");
        }
        if (changes.containsKey("team") || changes.containsKey("assignee")) {
            store.event(cur.id(), now, actor.username(), "assignment", "internal", "Assigned to "
                + (blank(team) == null ? "no team" : blank(team)) + (blank(assignee) == null ? "" : " / " + blank(assignee)));
        }
        views.refreshSla(cur.id(), now);
        if (!changes.isEmpty()) {
            audit.record(cur.entity(), ref, "updated", ref + " changed", changes);
        }
        return views.view(store.row(ref), actor, true);
    }
}
