package org.estate.oncall.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.identity.Users;
import org.estate.notify.NotificationView;
import org.estate.notify.Notifier;
import org.estate.oncall.internal.PageStore.PageRow;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.FilterValues;
import org.estate.platform.NotFoundException;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.DeskDirectory;
import org.estate.servicedesk.SystemIncidents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pages: raised by hand, by the API, or by an urgent incident (one open page per incident),
 * escalated by {@link PageEscalator} until acknowledged, then resolved. Acknowledging cancels every
 * notification of the page still queued, so none is sent after it.
 */
@Service
public class PageService {

    private static final Logger log = LoggerFactory.getLogger(PageService.class);
    static final String ENTITY = "page";
    public static final List<String> STATUSES = List.of("triggered", "acknowledged", "resolved");

    /** What {@code POST /api/v1/pages} takes: whom to page (a policy, a team or a user), what about, and optionally the incident. */
    public record PageInput(String policy, String team, String user, String title, String message, String incident, String urgency) {
    }

    /** One notification a page sent: to whom, on which channel, where it stands in the outbox, when it was queued. */
    public record Notified(String user, String channel, String status, Instant at, int level) {
    }

    public record PageView(long id, String status, String urgency, int level, int cycle, String title, String message, String incident,
                           String policy, String team, String user, String raisedBy, Instant createdAt, Instant nextEscalationAt,
                           String acknowledgedBy, Instant acknowledgedAt, String resolvedBy, Instant resolvedAt, List<Notified> notifications) {
    }

    private final JdbcClient jdbc;
    private final PageStore store;
    private final PageEscalator escalator;
    private final EscalationPolicyService policies;
    private final DeskDirectory desk;
    private final Users users;
    private final SystemIncidents incidents;
    private final Notifier notifier;
    private final AuditLog audit;
    private final Clock clock;

    PageService(JdbcClient jdbc, PageStore store, PageEscalator escalator, EscalationPolicyService policies, DeskDirectory desk, Users users,
                SystemIncidents incidents, Notifier notifier, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.escalator = escalator;
        this.policies = policies;
        this.desk = desk;
        this.users = users;
        this.incidents = incidents;
        this.notifier = notifier;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public PageView raise(PageInput in, String actor) {
        List<FieldError> errors = new ArrayList<>();
        String title = strip(in.title());
        if (title == null) {
            errors.add(new FieldError("title", "Give the page a title"));
        } else if (title.length() > 300) {
            errors.add(new FieldError("title", "Title must be 300 characters or fewer"));
        }
        String message = strip(in.message());
        if (message != null && message.length() > 4000) {
            errors.add(new FieldError("message", "Message must be 4,000 characters or fewer"));
        }
        String policy = strip(in.policy());
        String team = strip(in.team());
        String user = strip(in.user());
        String incident = strip(in.incident());
        if (policy != null && (policy.length() > 60 || policies.find(policy).isEmpty())) {
            errors.add(new FieldError("policy", "No escalation policy '" + RotaFields.clip(policy) + "'"));
        }
        if (team != null && (team.length() > 60 || desk.team(team).isEmpty())) {
            errors.add(new FieldError("team", "No team '" + RotaFields.clip(team) + "'"));
        }
        if (user != null && (user.length() > 100 || users.find(user).filter(u -> u.enabled()).isEmpty())) {
            errors.add(new FieldError("user", "No enabled user '" + RotaFields.clip(user) + "'"));
        }
        Optional<SystemIncidents.State> state = Optional.empty();
        if (incident != null) {
            state = incident.length() > 40 ? Optional.empty() : incidents.state(incident);
            if (state.isEmpty()) {
                errors.add(new FieldError("incident", "No incident '" + RotaFields.clip(incident) + "'"));
            } else if (team == null && policy == null && user == null) {
                team = state.get().team();
            }
        }
        if (policy == null && team == null && user == null && errors.stream().noneMatch(e -> e.field().matches("policy|team|user|incident"))) {
            errors.add(new FieldError("policy", "Say whom to page: a policy, a team or a user"
                + (incident != null ? " (the incident has no team)" : "")));
        }
        String urgency = strip(in.urgency());
        if (urgency != null && !urgency.equals("high") && !urgency.equals("low")) {
            errors.add(new FieldError("urgency", "Urgency is high or low"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (urgency == null) {
            urgency = state.map(s -> "P3".equals(s.priority()) || "P4".equals(s.priority()) ? "low" : "high").orElse("high");
        }
        if (incident != null) {
            Optional<PageRow> open = store.openFor(incident);
            if (open.isPresent()) {
                throw new ConflictException("Page " + open.get().id() + " is already open for " + incident);
            }
        }
        return get(create(urgency, title, message, incident, policy, team, user, actor));
    }

    /**
     * Pages an urgent incident's team, unless a page is open for it already (one open page per
     * incident) or the incident is no longer open. Answers the new page's id.
     */
    @Transactional
    public Optional<Long> raiseForIncident(String ref, String why) {
        Optional<SystemIncidents.State> state = incidents.state(ref);
        if (state.isEmpty() || !state.get().open() || store.openFor(ref).isPresent()) {
            return Optional.empty();
        }
        SystemIncidents.State s = state.get();
        if (s.team() == null) {
            // Logged, not noted on the incident: a note would change it under whoever is editing it now.
            log.warn("{} ({}) is {} but has no team: nobody was paged", ref, s.priority(), why);
            return Optional.empty();
        }
        String urgency = "P1".equals(s.priority()) || "P2".equals(s.priority()) ? "high" : "low";
        return Optional.of(create(urgency, PageEscalator.clip(s.priority() + " " + s.title(), 300), why, ref, null, s.team(), null, "system"));
    }

    private long create(String urgency, String title, String message, String incident, String policy, String team, String user,
                        String actor) {
        Instant now = clock.instant();
        long id = store.insert(urgency, title, message, incident, policy, team, user, actor, now);
        PageRow row = store.find(id).orElseThrow();
        audit.record(ENTITY, String.valueOf(id), "created", "Page " + id + " raised: " + title, Map.of(
            "title", new Change(null, title), "urgency", new Change(null, urgency),
            "target", new Change(null, policy != null ? "policy " + policy : team != null ? "team " + team : "user " + user)));
        escalator.announce(row);
        escalator.start(row, now);
        return id;
    }

    /** Acknowledges a triggered page (an acknowledged one is left as it is); 409 when it is resolved. */
    @Transactional
    public PageView acknowledge(long id, String actor, String how) {
        PageRow p = store.find(id).orElseThrow(() -> new NotFoundException("No page " + id));
        if ("resolved".equals(p.status())) {
            throw new ConflictException("Page " + id + " is resolved");
        }
        Instant now = clock.instant();
        int n = jdbc.sql("""
                UPDATE oncall_page SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?, next_escalation_at = NULL,
                    version = version + 1 WHERE id = ? AND status = 'triggered'""")
            .params(actor, Timestamp.from(now), id).update();
        if (n == 1) {
            int cancelled = notifier.cancel(PageEscalator.reference(id));
            audit.record(ENTITY, String.valueOf(id), "acknowledged", "Page " + id + " acknowledged by " + actor + " (" + how + ")",
                Map.of("status", new Change("triggered", "acknowledged")));
            if (p.incident() != null) {
                incidents.addUpdate(p.incident(), "Page " + id + " acknowledged by " + actor + " at " + now + " (" + how + ")"
                    + (cancelled > 0 ? "; " + cancelled + " queued notification(s) cancelled" : ""), actor);
            }
        }
        return get(id);
    }

    /** Resolves a page (stops any escalation); 409 when it was resolved already. */
    @Transactional
    public PageView resolve(long id, String actor) {
        PageRow p = store.find(id).orElseThrow(() -> new NotFoundException("No page " + id));
        int n = jdbc.sql("""
                UPDATE oncall_page SET status = 'resolved', resolved_by = ?, resolved_at = ?, open_incident = NULL,
                    next_escalation_at = NULL, version = version + 1 WHERE id = ? AND status <> 'resolved'""")
            .params(actor, Timestamp.from(clock.instant()), id).update();
        if (n == 0) {
            throw new ConflictException("Page " + id + " is resolved already");
        }
        notifier.cancel(PageEscalator.reference(id));
        audit.record(ENTITY, String.valueOf(id), "resolved", "Page " + id + " resolved by " + actor,
            Map.of("status", new Change(p.status(), "resolved")));
        return get(id);
    }

    @Transactional(readOnly = true)
    public PageView get(long id) {
        PageRow p = store.find(id).orElseThrow(() -> new NotFoundException("No page " + id));
        record N(String user, String channel, Long outbox, Instant at, int level) {
        }
        List<N> rows = jdbc.sql("SELECT username, channel, outbox_id, created_at, level_no FROM oncall_page_notification WHERE page_id = ? ORDER BY id")
            .param(id).query((rs, i) -> new N(rs.getString(1), rs.getString(2), rs.getObject(3) == null ? null : rs.getLong(3),
                rs.getTimestamp(4).toInstant(), rs.getInt(5))).list();
        List<Notified> notified = new ArrayList<>();
        for (N r : rows) {
            Optional<NotificationView> m = r.outbox() == null ? Optional.empty() : notifier.find(r.outbox());
            notified.add(new Notified(r.user(), r.channel(), m.map(NotificationView::status).orElse("unknown"),
                m.map(v -> v.sentAt() != null ? v.sentAt() : v.at()).orElse(r.at()), r.level() + 1));
        }
        return view(p, notified);
    }

    /** Pages newest first, {@code statuses} any of triggered, acknowledged, resolved (none: all). */
    @Transactional(readOnly = true)
    public PageResult<PageView> list(List<String> statuses, Paging paging) {
        List<String> wanted = FilterValues.anyOf("status", statuses, STATUSES);
        String where = wanted.isEmpty() ? "" : " WHERE status IN (" + String.join(",", wanted.stream().map(s -> "?").toList()) + ")";
        List<Object> args = new ArrayList<>(wanted);
        long total = jdbc.sql("SELECT COUNT(*) FROM oncall_page" + where).params(args).query(Long.class).single();
        args.add(paging.size());
        args.add(paging.offset());
        List<PageView> items = jdbc.sql("SELECT " + PageStore.COLUMNS + " FROM oncall_page" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")
            .params(args).query(PageStore::map).list().stream().map(p -> view(p, List.of())).toList();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    private static PageView view(PageRow p, List<Notified> notified) {
        return new PageView(p.id(), p.status(), p.urgency(), p.level() + 1, p.cycle(), p.title(), p.message(), p.incident(), p.policy(),
            p.team(), p.user(), p.raisedBy(), p.createdAt(), p.nextEscalationAt(), p.acknowledgedBy(), p.acknowledgedAt(), p.resolvedBy(),
            p.resolvedAt(), notified);
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
