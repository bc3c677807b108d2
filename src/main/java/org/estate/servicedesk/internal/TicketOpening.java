package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketChecks.abbreviate;
import static org.estate.servicedesk.internal.TicketChecks.blank;
import static org.estate.servicedesk.internal.TicketChecks.level;
import static org.estate.servicedesk.internal.TicketChecks.reporter;
import static org.estate.servicedesk.internal.TicketChecks.text;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.CatalogueItem;
import org.estate.servicedesk.IncidentBecameUrgent;
import org.estate.servicedesk.RequestAwaitsApproval;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.TicketService.IncidentInput;
import org.estate.servicedesk.internal.TicketService.RequestInput;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** Opening tickets: logging an incident and raising a service request from a catalogue item. */
@Component
class TicketOpening {

    private final TicketStore store;
    private final TicketViews views;
    private final TicketChecks checks;
    private final Users users;
    private final CatalogueService catalogue;
    private final SlaPolicyService policies;
    private final RefAllocator refs;
    private final AuditLog audit;
    private final TicketMail mail;
    private final Clock clock;
    private final JsonMapper json;
    private final org.springframework.context.ApplicationEventPublisher events;

    TicketOpening(TicketStore store, TicketViews views, TicketChecks checks, Users users, CatalogueService catalogue,
                  SlaPolicyService policies, RefAllocator refs, AuditLog audit, TicketMail mail, Clock clock, JsonMapper json,
                  org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.views = views;
        this.checks = checks;
        this.users = users;
        this.catalogue = catalogue;
        this.policies = policies;
        this.refs = refs;
        this.audit = audit;
        this.mail = mail;
        this.clock = clock;
        this.json = json;
    }

    @Transactional
    public TicketView openIncident(IncidentInput in, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        TicketView.Reporter reporter = in.reporter();
        String requester = in.requester();
        if (actor.requesterOnly()) {
            UserView me = users.find(actor.username()).orElseThrow();
            reporter = new TicketView.Reporter(me.displayName(), me.email(), reporter == null ? null : reporter.phone());
            requester = actor.username();
            if (in.team() != null || in.assignee() != null) {
                errors.add(new FieldError(in.team() != null ? "team" : "assignee", "The service desk assigns tickets; leave this out"));
            }
        }
        text(errors, "title", in.title(), true, 300);
        text(errors, "description", in.description(), false, 20000);
        text(errors, "category", in.category(), false, 100);
        level(errors, "impact", in.impact());
        level(errors, "urgency", in.urgency());
        reporter(errors, reporter);
        List<Long> cis;
        if (actor.requesterOnly()) {
            // The portal offers no CIs: a requester cannot name any, so nothing here says whether an id exists.
            cis = List.of();
            if (in.affectedCis() != null && !in.affectedCis().isEmpty()) {
                errors.add(new FieldError("affectedCis", "The service desk links the affected CIs; describe what is affected instead"));
            }
        } else {
            cis = checks.cis(errors, in.affectedCis());
        }
        String team = in.team() == null && !actor.requesterOnly() ? checks.defaultTeam() : in.team();
        if (actor.requesterOnly()) {
            team = checks.defaultTeam();
        }
        // Without a team the ticket goes to the service desk, or follows its assignee to their team.
        team = checks.teamFollowing(errors, team, in.team() != null || actor.requesterOnly(), blank(in.assignee()));
        checks.assignable(errors, blank(in.assignee()));
        if (requester != null && !actor.requesterOnly() && !checks.userExists(requester)) {
            errors.add(new FieldError("requester", "No user '" + requester + "'"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String priority = TicketService.priority(in.impact(), in.urgency());
        SlaPolicyService.Targets targets = policies.forIncident(priority);
        Instant now = clock.instant();
        String ref = RefAllocator.format("INC", refs.reserve("INC", 1));
        long id = store.insert(ref, "incident", in.title().trim(), blank(in.description()), "new", null, in.impact(), in.urgency(),
            priority, blank(in.category()), reporter, requester, team, blank(in.assignee()), null, null, null, targets, now, actor.username());
        store.linkCis(id, cis);
        store.event(id, now, actor.username(), "created", "customer", "Incident logged: " + in.title().trim());
        views.refreshSla(id, now);
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("title", new Change(null, in.title().trim()));
        changes.put("priority", new Change(null, priority));
        changes.put("team", new Change(null, team));
        if (!cis.isEmpty()) {
            changes.put("affectedCis", new Change(null, cis));
        }
        audit.record("incident", ref, "created", ref + " logged: " + in.title().trim(), changes);
        TicketRow row = store.row(ref);
        mail.logged(row);
        if (TicketService.URGENT.contains(priority)) {
            events.publishEvent(new IncidentBecameUrgent(ref, priority, null));
        }
        return views.view(row, actor, true);
    }

    /**
     * Raises a service request from a catalogue item. When the item needs approval the request
     * waits on hold (awaiting-approval, counted as paused) until a manager decides.
     */
    @Transactional
    public TicketView openRequest(RequestInput in, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        if (in.item() == null || in.item().isBlank()) {
            throw new ValidationException("item", "Name the catalogue item");
        }
        CatalogueItem item = catalogue.find(in.item())
            .orElseThrow(() -> new ValidationException("item", "No catalogue item '" + in.item() + "'"));
        Map<String, Object> answers = catalogue.check(item, in.answers(), errors);
        String requester = actor.requesterOnly() || in.requester() == null || in.requester().isBlank() ? actor.username() : in.requester().trim();
        Optional<UserView> who = users.find(requester);
        if (who.isEmpty()) {
            errors.add(new FieldError("requester", "No user '" + requester + "'"));
        } else if (actor.requesterOnly() && in.requester() != null && !in.requester().equals(actor.username())) {
            errors.add(new FieldError("requester", "You can raise requests for yourself only"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        UserView user = who.get();
        Object subject = answers.getOrDefault("fullName", answers.getOrDefault("hostname", answers.getOrDefault("commonName", user.displayName())));
        String title = abbreviate(item.name() + ": " + subject, 300);
        SlaPolicyService.Targets targets = policies.current(item.slaPolicy());
        Instant now = clock.instant();
        String ref = RefAllocator.format("REQ", refs.reserve("REQ", 1));
        boolean approval = item.approvalRequired();
        long id = store.insert(ref, "request", title, null, approval ? "on-hold" : "new", approval ? "awaiting-approval" : null,
            null, null, "P4", item.category(), new TicketView.Reporter(user.displayName(), user.email(), null), requester,
            item.team(), null, item.key(), json.writeValueAsString(answers), approval ? "pending" : "not-required", targets, now, actor.username());
        if (approval) {
            store.openHold(id, "awaiting-approval", now);
        }
        store.event(id, now, actor.username(), "created", "customer", item.name() + " requested"
            + (approval ? "; waiting for a manager's approval" : ""));
        views.refreshSla(id, now);
        audit.record("request", ref, "created", ref + " raised: " + title, Map.of(
            "item", new Change(null, item.key()), "requester", new Change(null, requester), "answers", new Change(null, answers)));
        TicketRow row = store.row(ref);
        mail.logged(row);
        if (approval) {
            events.publishEvent(new RequestAwaitsApproval(ref));
        }
        return views.view(row, actor, true);
    }
}
