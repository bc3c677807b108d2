package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketRow.sql;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.cmdb.Impact;
import org.estate.platform.NotFoundException;
import org.estate.servicedesk.KnownErrorView;
import org.estate.servicedesk.RecentChanges;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.TicketView.CiRef;
import org.estate.servicedesk.TicketView.ImpactedService;
import org.estate.servicedesk.internal.SlaClock.Reading;
import org.estate.servicedesk.internal.SlaClock.Stop;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading a ticket's SLA clock (and storing what the indexes need of it), and turning a row into
 * the {@link TicketView} the API and pages show: affected CIs, impacted business services and
 * known errors for the detail view.
 */
@Component
class TicketViews {

    private final JdbcClient jdbc;
    private final TicketStore store;
    private final Cmdb cmdb;
    private final KnownErrorFinder knownErrorFinder;
    private final SlaPolicyService policies;
    private final CalendarService calendars;
    private final Clock clock;
    private final JsonMapper json;
    private final ObjectProvider<RecentChanges> recentChanges;

    TicketViews(JdbcClient jdbc, TicketStore store, Cmdb cmdb, KnownErrorFinder knownErrorFinder, SlaPolicyService policies,
                CalendarService calendars, Clock clock, JsonMapper json, ObjectProvider<RecentChanges> recentChanges) {
        this.recentChanges = recentChanges;
        this.jdbc = jdbc;
        this.store = store;
        this.cmdb = cmdb;
        this.knownErrorFinder = knownErrorFinder;
        this.policies = policies;
        this.calendars = calendars;
        this.clock = clock;
        this.json = json;
    }

    // ---- SLA -----------------------------------------------------------------------------------

    /** Recomputes and stores a ticket's due times, breach flags and next clock event. */
    Reading refreshSla(long id, Instant now) {
        TicketRow r = store.row(id);
        Reading reading = reading(r, store.stops(id), now);
        jdbc.sql("""
                UPDATE sd_ticket SET response_due = ?, resolution_due = ?, response_warn_at = ?, resolution_warn_at = ?,
                    response_breached = ?, resolution_breached = ?, breached_at = ?, next_due = ?, next_event_at = ?
                WHERE id = ?""")
            .params(sql(reading.responseDue()), sql(reading.resolutionDue()), sql(reading.responseWarnAt()),
                sql(reading.resolutionWarnAt()), reading.responseBreached(), reading.resolutionBreached(),
                sql(reading.breachedAt()), sql(reading.nextDue()), sql(reading.nextEventAt()), id)
            .update();
        return reading;
    }

    Reading reading(TicketRow r, List<Stop> stops, Instant now) {
        SlaPolicyService.Targets t = policies.revision(r.policyRevisionId());
        return SlaClock.read(calendars.revision(r.calendarRevisionId()).calendar(), t.responseMinutes(), t.resolutionMinutes(),
            t.warningPercent(), r.openedAt(), r.respondedAt(), r.resolvedAt(), "closed".equals(r.status()), stops, r.notified(), now);
    }

    // ---- views ---------------------------------------------------------------------------------

    TicketView view(TicketRow r, Actor actor, boolean detail) {
        return view(r, store.stops(r.id()), actor, detail, clock.instant());
    }

    TicketView view(TicketRow r, List<Stop> stops, Actor actor, boolean detail, Instant now) {
        Reading reading = reading(r, stops, now);
        SlaPolicyService.Targets t = policies.revision(r.policyRevisionId());
        int dayMinutes = calendars.revision(r.calendarRevisionId()).calendar().dayMinutes();
        TicketView.Sla sla = new TicketView.Sla(t.policyKey(), t.calendarKey(),
            SlaPolicyService.words(t.responseMinutes(), dayMinutes), SlaPolicyService.words(t.resolutionMinutes(), dayMinutes),
            reading.responseDue(), reading.resolutionDue(), r.respondedAt(), r.resolvedAt(), reading.responseBreached(),
            reading.resolutionBreached(), reading.pausedMinutes(), reading.state());
        List<CiRef> affected = null;
        List<ImpactedService> services = null;
        List<KnownErrorView> knownErrors = null;
        List<RecentChanges.Change> changes = null;
        if (detail && actor.requesterOnly()) {
            // A requester sees what the portal shows them: nothing of the CMDB, nor the desk's known errors.
            affected = List.of();
            services = List.of();
            knownErrors = List.of();
            changes = "incident".equals(r.type()) ? List.of() : null;
        } else if (detail) {
            List<Long> ids = store.cis(r.id());
            affected = new ArrayList<>();
            for (long id : ids) {
                try {
                    Ci ci = cmdb.get(id);
                    affected.add(new CiRef(id, ci.ciClass(), ci.name()));
                } catch (NotFoundException e) {
                    affected.add(new CiRef(id, null, "(deleted CI " + id + ")"));
                }
            }
            services = impactedServices(affected);
            knownErrors = knownErrorFinder.find(ids, r.title() + " " + (r.description() == null ? "" : r.description()));
            changes = "incident".equals(r.type()) ? recentChanges(r, ids, now) : null;
        }
        Map<String, Object> answers = r.answers() == null ? null : json.readValue(r.answers(), new TypeReference<Map<String, Object>>() { });
        TicketView.Approval approval = r.approval() == null ? null
            : new TicketView.Approval(r.approval(), r.approver(), r.approvalNote(), r.approvedAt());
        return new TicketView(r.ref(), r.type(), r.title(), r.description(), r.status(), r.holdReason(), r.impact(), r.urgency(),
            r.priority(), actor.requesterOnly() ? null : r.priorityReason(), r.category(),
            new TicketView.Reporter(r.reporterName(), r.reporterEmail(), r.reporterPhone()), r.requester(), r.team(), r.assignee(),
            affected, services, knownErrors, changes, r.item(), answers, approval, r.resolutionCode(), r.resolutionNote(), r.openedAt(),
            r.respondedAt(), r.resolvedAt(), r.closedAt(), sla, r.imported(), r.createdAt(), r.updatedAt(), r.version());
    }

    /**
     * Changes on the incident's CIs and what they rely on, from 72 hours before it opened until 72
     * hours after now (or after it was resolved, once it is), at most 30 days in all.
     */
    private List<RecentChanges.Change> recentChanges(TicketRow r, List<Long> cis, Instant now) {
        RecentChanges answerer = recentChanges.getIfAvailable();
        if (answerer == null || cis.isEmpty()) {
            return List.of();
        }
        Instant from = r.openedAt().minus(RecentChanges.AROUND);
        Instant until = r.resolvedAt() != null ? r.resolvedAt() : r.closedAt() != null ? r.closedAt() : now;
        Instant to = until.isBefore(r.openedAt()) ? r.openedAt() : until;
        to = to.plus(RecentChanges.AROUND);
        Instant cap = from.plus(java.time.Duration.ofDays(30));
        return answerer.around(cis, from, to.isAfter(cap) ? cap : to);
    }

    /** The business services that the affected CIs take down or degrade, affected services themselves first. */
    List<ImpactedService> impactedServices(List<CiRef> affected) {
        List<ImpactedService> services = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        for (CiRef c : affected) {
            if (c.ciClass() == null) {
                continue;
            }
            live.add(c.id());
            if ("business-service".equals(c.ciClass())) {
                services.add(new ImpactedService(c.id(), c.name(), "down", 0));
            }
        }
        if (!live.isEmpty()) {
            Impact impact = cmdb.impact(live);
            for (Impact.Impacted i : impact.impacted()) {
                if ("business-service".equals(i.ciClass())) {
                    services.add(new ImpactedService(i.id(), i.name(), i.state(), i.distance()));
                }
            }
        }
        return services;
    }
}
