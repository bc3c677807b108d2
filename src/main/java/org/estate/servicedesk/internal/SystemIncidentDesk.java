package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketChecks.text;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.IncidentBecameUrgent;
import org.estate.servicedesk.SystemIncidents;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.TicketService.StatusChange;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link SystemIncidents} over the desk's own parts: opening writes the ticket as
 * {@link TicketOpening} does, but at a priority set directly (impact and urgency chosen to agree
 * with it) and with no reporter to email; the rest goes through {@link TicketWorkflow} and
 * {@link TicketPatcher} as a desk manager named {@code actor}, so audit, timeline and SLA are as
 * for any other change. The audit entries name {@code actor}.
 */
@Service
class SystemIncidentDesk implements SystemIncidents {

    private final TicketStore store;
    private final TicketViews views;
    private final TicketChecks checks;
    private final TicketWorkflow workflow;
    private final TicketPatcher patcher;
    private final SlaPolicyService policies;
    private final RefAllocator refs;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SystemIncidentDesk(TicketStore store, TicketViews views, TicketChecks checks, TicketWorkflow workflow, TicketPatcher patcher,
                       SlaPolicyService policies, RefAllocator refs, AuditLog audit, JdbcClient jdbc, Clock clock,
                       ApplicationEventPublisher events) {
        this.store = store;
        this.views = views;
        this.checks = checks;
        this.workflow = workflow;
        this.patcher = patcher;
        this.policies = policies;
        this.refs = refs;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    private static Actor actor(String name) {
        return new Actor(name, true, true, true);
    }

    /** Impact and urgency whose product is the priority, so the desk's own rule agrees with it. */
    static String[] levels(String priority) {
        return switch (priority) {
            case "P1" -> new String[] {"high", "high"};
            case "P2" -> new String[] {"high", "medium"};
            case "P3" -> new String[] {"medium", "medium"};
            default -> new String[] {"medium", "low"};
        };
    }

    @Override
    @Transactional
    public String open(Opening in) {
        return as(in.actor(), () -> {
            List<FieldError> errors = new ArrayList<>();
            text(errors, "title", in.title(), true, 300);
            text(errors, "description", in.description(), false, 20000);
            text(errors, "priorityReason", in.priorityReason(), true, 1000);
            text(errors, "actor", in.actor(), true, 100);
            if (in.priority() == null || !SlaPolicyService.PRIORITIES.contains(in.priority())) {
                errors.add(new FieldError("priority", "priority must be P1, P2, P3 or P4"));
            }
            List<Long> cis = checks.cis(errors, in.affectedCis());
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            String[] level = levels(in.priority());
            String title = in.title().trim();
            SlaPolicyService.Targets targets = policies.forIncident(in.priority());
            Instant now = clock.instant();
            String ref = RefAllocator.format("INC", refs.reserve("INC", 1));
            String team = checks.defaultTeam();
            long id = store.insert(ref, "incident", title, TicketChecks.blank(in.description()), "new", null, level[0], level[1],
                in.priority(), null, new TicketView.Reporter(null, null, null), null, team, null, null, null, null, targets, now,
                in.actor());
            jdbc.sql("UPDATE sd_ticket SET priority_reason = ? WHERE id = ?").params(in.priorityReason().trim(), id).update();
            store.linkCis(id, cis);
            store.event(id, now, in.actor(), "created", "customer", "Incident logged: " + title);
            store.event(id, now, in.actor(), "priority", "internal", "Priority " + in.priority() + " (" + in.priorityReason().trim() + ")");
            views.refreshSla(id, now);
            Map<String, Change> changes = new LinkedHashMap<>();
            changes.put("title", new Change(null, title));
            changes.put("priority", new Change(null, in.priority()));
            changes.put("priorityReason", new Change(null, in.priorityReason().trim()));
            changes.put("team", new Change(null, team));
            if (!cis.isEmpty()) {
                changes.put("affectedCis", new Change(null, cis));
            }
            audit.record("incident", ref, "created", ref + " raised by " + in.actor() + ": " + title, changes);
            if (TicketService.URGENT.contains(in.priority())) {
                events.publishEvent(new IncidentBecameUrgent(ref, in.priority(), null));
            }
            return ref;
        });
    }

    @Override
    @Transactional
    public boolean addUpdate(String ref, String text, String actor) {
        TicketRow row = store.row(ref);
        if ("closed".equals(row.status())) {
            return false;
        }
        as(actor, () -> workflow.addUpdate(ref, "incident", text, "internal", actor(actor)));
        return true;
    }

    @Override
    @Transactional
    public void addAffectedCis(String ref, Collection<Long> cis, String actor) {
        TicketRow row = store.row(ref);
        LinkedHashSet<Long> all = new LinkedHashSet<>(store.cis(row.id()));
        if (all.addAll(cis) && !"closed".equals(row.status())) {
            List<Long> capped = all.stream().limit(TicketService.MAX_CIS).toList();
            as(actor, () -> patcher.patch(ref, "incident", row.version(), Map.of("affectedCis", capped), actor(actor)));
        }
    }

    @Override
    @Transactional
    public boolean resolve(String ref, String resolutionCode, String note, String actor) {
        TicketRow row = store.lock(ref);
        if (!row.open()) {
            return false;
        }
        as(actor, () -> workflow.changeStatus(ref, "incident", new StatusChange("resolved", null, resolutionCode, note), actor(actor)));
        return true;
    }

    @Override
    @Transactional
    public boolean resolveAsDuplicate(String ref, String of, String note, String actor) {
        TicketRow original = store.row(of);
        TicketRow row = store.lock(ref);
        if (!row.open()) {
            return false;
        }
        if (ref.equals(of)) {
            throw new ValidationException("of", "An incident cannot duplicate itself");
        }
        jdbc.sql("UPDATE sd_ticket SET duplicate_of = ? WHERE id = ?").params(original.ref(), row.id()).update();
        String text = "Duplicate of " + original.ref() + (note == null || note.isBlank() ? "" : ": " + note.trim());
        as(actor, () -> workflow.changeStatus(ref, "incident", new StatusChange("resolved", null, DUPLICATE, text), actor(actor)));
        if (!"closed".equals(original.status())) {
            store.event(original.id(), clock.instant(), actor, "note", "internal", ref + " was resolved as a duplicate of this incident");
        }
        return true;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<State> state(String ref) {
        return jdbc.sql("SELECT ref, status, priority, assignee, team_key, title FROM sd_ticket WHERE ref = ? AND ticket_type = 'incident'").param(ref)
            .query((rs, n) -> {
                String status = rs.getString(2);
                String assignee = rs.getString(4);
                boolean taken = assignee != null || "in-progress".equals(status) || "on-hold".equals(status);
                return new State(rs.getString(1), status, rs.getString(3), assignee, taken, rs.getString(5), rs.getString(6));
            }).optional();
    }

    @Override
    @Transactional
    public void changePriority(String ref, String priority, String reason, String actor) {
        TicketRow row = store.row(ref);
        if (priority.equals(row.priority())) {
            return;
        }
        as(actor, () -> patcher.patch(ref, "incident", row.version(), Map.of("priority", priority, "priorityReason", reason),
            actor(actor)));
    }

    /** Runs {@code work} with {@code actor} as the signed-in name, so the audit log names who acted. */
    private static <T> T as(String actor, Supplier<T> work) {
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(actor, null, List.of()));
        SecurityContextHolder.setContext(ctx);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
