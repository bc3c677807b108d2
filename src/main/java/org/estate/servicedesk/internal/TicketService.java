package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketRow.sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.cmdb.Impact;
import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.KnownErrorView;
import org.estate.servicedesk.TicketEvent;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.TicketView.CiRef;
import org.estate.servicedesk.TicketView.ImpactedService;
import org.estate.servicedesk.internal.SlaClock.Reading;
import org.estate.servicedesk.internal.SlaClock.Stop;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incidents and service requests: opening, changing, the status workflow, updates and the SLA
 * clock. Every write is one transaction that also records the audit entry, the timeline event,
 * the recomputed SLA columns and any email to send.
 */
@Service
public class TicketService {

    public static final List<String> LEVELS = List.of("high", "medium", "low");
    public static final List<String> STATUSES = List.of("new", "in-progress", "on-hold", "resolved", "closed");
    public static final List<String> HOLD_REASONS = List.of("awaiting-customer", "awaiting-supplier", "awaiting-change");
    public static final List<String> RESOLUTION_CODES = List.of("fixed", "workaround", "fulfilled", "no-fault-found",
        "duplicate", "cancelled");
    static final Map<String, Set<String>> TRANSITIONS = Map.of(
        "new", Set.of("in-progress", "on-hold", "resolved"),
        "in-progress", Set.of("on-hold", "resolved"),
        "on-hold", Set.of("in-progress", "resolved"),
        "resolved", Set.of("in-progress", "closed"),
        "closed", Set.of());
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final JdbcClient jdbc;
    private final Cmdb cmdb;
    private final Users users;
    private final TeamService teams;
    private final CatalogueService catalogue;
    private final KnownErrorFinder knownErrorFinder;
    private final SlaPolicyService policies;
    private final CalendarService calendars;
    private final RefAllocator refs;
    private final AuditLog audit;
    private final TicketMail mail;
    private final Clock clock;
    private final JsonMapper json;
    private final Duration reopenPeriod;

    TicketService(JdbcClient jdbc, Cmdb cmdb, Users users, TeamService teams, CatalogueService catalogue, KnownErrorFinder knownErrorFinder,
                  SlaPolicyService policies,
                  CalendarService calendars, RefAllocator refs, AuditLog audit, TicketMail mail, Clock clock, JsonMapper json,
                  @Value("${estate.servicedesk.reopen-period:5d}") Duration reopenPeriod) {
        this.jdbc = jdbc;
        this.cmdb = cmdb;
        this.users = users;
        this.teams = teams;
        this.catalogue = catalogue;
        this.knownErrorFinder = knownErrorFinder;
        this.policies = policies;
        this.calendars = calendars;
        this.refs = refs;
        this.audit = audit;
        this.mail = mail;
        this.clock = clock;
        this.json = json;
        this.reopenPeriod = reopenPeriod;
    }

    public Duration reopenPeriod() {
        return reopenPeriod;
    }

    /** Impact × urgency → priority: HH P1; HM, MH P2; HL, MM, LH P3; ML, LM, LL P4. */
    public static String priority(String impact, String urgency) {
        int score = LEVELS.indexOf(impact) + LEVELS.indexOf(urgency);
        return switch (score) {
            case 0 -> "P1";
            case 1 -> "P2";
            case 2 -> "P3";
            default -> "P4";
        };
    }

    // ---- opening -------------------------------------------------------------------------------

    public record IncidentInput(String title, String description, String impact, String urgency, List<Long> affectedCis,
                                TicketView.Reporter reporter, String team, String assignee, String category, String requester) {
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
        List<Long> cis = cis(errors, in.affectedCis());
        String team = in.team() == null && !actor.requesterOnly() ? defaultTeam() : in.team();
        if (actor.requesterOnly()) {
            team = defaultTeam();
        }
        assignment(errors, team, in.assignee());
        if (requester != null && !actor.requesterOnly() && users.find(requester).isEmpty()) {
            errors.add(new FieldError("requester", "No user '" + requester + "'"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String priority = priority(in.impact(), in.urgency());
        SlaPolicyService.Targets targets = policies.forIncident(priority);
        Instant now = clock.instant();
        String ref = RefAllocator.format("INC", refs.reserve("INC", 1));
        long id = insert(ref, "incident", in.title().trim(), blank(in.description()), "new", null, in.impact(), in.urgency(),
            priority, blank(in.category()), reporter, requester, team, blank(in.assignee()), null, null, null, targets, now);
        linkCis(id, cis);
        event(id, now, actor.username(), "created", "customer", "Incident logged: " + in.title().trim());
        refreshSla(id, now);
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("title", new Change(null, in.title().trim()));
        changes.put("priority", new Change(null, priority));
        changes.put("team", new Change(null, team));
        if (!cis.isEmpty()) {
            changes.put("affectedCis", new Change(null, cis));
        }
        audit.record("incident", ref, "created", ref + " logged: " + in.title().trim(), changes);
        TicketRow row = row(ref);
        mail.logged(row);
        return view(row, actor, true);
    }

    public record RequestInput(String item, Map<String, Object> answers, String requester) {
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
        org.estate.servicedesk.CatalogueItem item = catalogue.find(in.item())
            .orElseThrow(() -> new ValidationException("item", "No catalogue item '" + in.item() + "'"));
        Map<String, Object> answers = catalogue.check(item, in.answers(), errors);
        String requester = actor.requesterOnly() || in.requester() == null || in.requester().isBlank() ? actor.username() : in.requester().trim();
        java.util.Optional<UserView> who = users.find(requester);
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
        long id = insert(ref, "request", title, null, approval ? "on-hold" : "new", approval ? "awaiting-approval" : null,
            null, null, "P4", item.category(), new TicketView.Reporter(user.displayName(), user.email(), null), requester,
            item.team(), null, item.key(), json.writeValueAsString(answers), approval ? "pending" : "not-required", targets, now);
        if (approval) {
            jdbc.sql("INSERT INTO sd_ticket_clock (ticket_id, kind, reason, started_at) VALUES (?, 'hold', 'awaiting-approval', ?)")
                .params(id, sql(now)).update();
        }
        event(id, now, actor.username(), "created", "customer", item.name() + " requested"
            + (approval ? "; waiting for a manager's approval" : ""));
        refreshSla(id, now);
        audit.record("request", ref, "created", ref + " raised: " + title, Map.of(
            "item", new Change(null, item.key()), "requester", new Change(null, requester), "answers", new Change(null, answers)));
        TicketRow row = row(ref);
        mail.logged(row);
        return view(row, actor, true);
    }

    /** A manager (never the requester) approves or rejects a request waiting for approval. */
    @Transactional
    public TicketView decide(String ref, String decision, String note, Actor actor) {
        TicketRow cur = visible(ref, "request", actor);
        if (!actor.manager()) {
            throw new AccessDeniedException("Only a manager may approve or reject a request");
        }
        if (actor.username().equals(cur.requester())) {
            throw new AccessDeniedException("You cannot approve your own request; another manager must");
        }
        List<FieldError> errors = new ArrayList<>();
        if (!"approved".equals(decision) && !"rejected".equals(decision)) {
            errors.add(new FieldError("decision", "decision must be approved or rejected"));
        }
        if ("rejected".equals(decision) && (note == null || note.isBlank())) {
            errors.add(new FieldError("note", "Say why the request is rejected: the requester is told"));
        }
        text(errors, "note", note, false, 2000);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        cur = lock(ref);
        if (!"pending".equals(cur.approval())) {
            throw new ConflictException(ref + " is not waiting for approval (approval: " + cur.approval() + ")");
        }
        Instant now = clock.instant();
        closeHold(cur.id(), now);
        if ("approved".equals(decision)) {
            jdbc.sql("""
                    UPDATE sd_ticket SET approval = 'approved', approver = ?, approval_note = ?, approved_at = ?, status = 'new',
                        hold_reason = NULL, updated_at = ?, version = version + 1 WHERE id = ?""")
                .params(actor.username(), blank(note), sql(now), sql(now), cur.id()).update();
        } else {
            jdbc.sql("""
                    UPDATE sd_ticket SET approval = 'rejected', approver = ?, approval_note = ?, approved_at = ?, status = 'closed',
                        hold_reason = NULL, resolution_code = 'rejected', resolution_note = ?, responded_at = COALESCE(responded_at, ?),
                        resolved_at = ?, closed_at = ?, updated_at = ?, version = version + 1 WHERE id = ?""")
                .params(actor.username(), note.trim(), sql(now), note.trim(), sql(now), sql(now), sql(now), sql(now), cur.id()).update();
        }
        event(cur.id(), now, actor.username(), "approval", "customer", ("approved".equals(decision) ? "Approved" : "Rejected")
            + (blank(note) == null ? "" : ": " + note.trim()));
        refreshSla(cur.id(), now);
        audit.record("request", ref, "updated", ref + " " + decision + " by " + actor.username(), Map.of(
            "approval", new Change("pending", decision), "status", new Change(cur.status(), "approved".equals(decision) ? "new" : "closed")));
        TicketRow after = row(ref);
        mail.decided(after);
        return view(after, actor, true);
    }

    /** Inserts a ticket row; the SLA columns are filled by {@link #refreshSla}. */
    long insert(String ref, String type, String title, String description, String status, String holdReason, String impact,
                String urgency, String priority, String category, TicketView.Reporter reporter, String requester, String team,
                String assignee, String item, String answers, String approval, SlaPolicyService.Targets targets, Instant now) {
        long calendarRevision = calendars.current(targets.calendarKey()).id();
        var holder = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sd_ticket (ref, ticket_type, title, description, status, hold_reason, impact, urgency, priority, category,
                    reporter_name, reporter_email, reporter_phone, requester, team_key, assignee, catalogue_item, answers, approval,
                    opened_at, policy_revision_id, calendar_revision_id, notified, imported, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, FALSE, ?, ?, 0)""")
            .params(ref, type, title, description, status, holdReason, impact, urgency, priority, category,
                reporter == null ? null : blank(reporter.name()), reporter == null ? null : blank(reporter.email()),
                reporter == null ? null : blank(reporter.phone()), requester, team, assignee, item, answers, approval,
                sql(now), targets.revisionId(), calendarRevision, sql(now), sql(now))
            .update(holder, "id");
        return holder.getKey().longValue();
    }

    // ---- reading -------------------------------------------------------------------------------

    TicketRow row(String ref) {
        return jdbc.sql("SELECT " + TicketRow.COLUMNS + " FROM sd_ticket WHERE ref = ?").param(ref).query(TicketRow::map).optional()
            .orElseThrow(() -> new NotFoundException("No ticket " + ref));
    }

    TicketRow lock(String ref) {
        return jdbc.sql("SELECT " + TicketRow.COLUMNS + " FROM sd_ticket WHERE ref = ? FOR UPDATE").param(ref).query(TicketRow::map)
            .optional().orElseThrow(() -> new NotFoundException("No ticket " + ref));
    }

    /** A ticket the actor may see: a requester sees only their own (404 for anyone else's). */
    TicketRow visible(String ref, String type, Actor actor) {
        TicketRow row = row(ref);
        if ((type != null && !type.equals(row.type())) || (actor.requesterOnly() && !actor.username().equals(row.requester()))) {
            throw new NotFoundException("No " + (type == null ? "ticket" : type) + " " + ref);
        }
        return row;
    }

    @Transactional(readOnly = true)
    public TicketView get(String ref, String type, Actor actor) {
        return view(visible(ref, type, actor), actor, true);
    }

    @Transactional(readOnly = true)
    public List<TicketEvent> timeline(String ref, String type, Actor actor) {
        TicketRow row = visible(ref, type, actor);
        return jdbc.sql("SELECT id, occurred_at, actor, kind, visibility, body FROM sd_ticket_event WHERE ticket_id = ? "
                + (actor.requesterOnly() ? "AND visibility = 'customer' " : "") + "ORDER BY id")
            .param(row.id())
            .query((rs, n) -> new TicketEvent(rs.getLong(1), TicketRow.ts(rs, "occurred_at"), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6))).list();
    }

    public record Filter(String type, List<String> status, String priority, String team, String assignee, Boolean breached,
                         Instant dueBefore, Instant dueAfter, Instant breachedAfter, Instant breachedBefore, String q,
                         String requester, Boolean unassigned, Boolean active, List<String> teams) {
    }

    @Transactional(readOnly = true)
    public PageResult<TicketView> search(Filter f, Paging paging, Actor actor) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        Instant now = clock.instant();
        if (f.type() != null) {
            where.append(" AND ticket_type = ?");
            args.add(f.type());
        }
        if (f.status() != null && !f.status().isEmpty()) {
            where.append(" AND status IN (").append(String.join(",", f.status().stream().map(s -> "?").toList())).append(')');
            args.addAll(f.status());
        }
        if (Boolean.TRUE.equals(f.active())) {
            where.append(" AND status IN ('new', 'in-progress', 'on-hold')");
        }
        eq(where, args, "priority", f.priority());
        eq(where, args, "team_key", f.team());
        eq(where, args, "assignee", f.assignee());
        if (f.teams() != null) {
            if (f.teams().isEmpty()) {
                where.append(" AND 1 = 0");
            } else {
                where.append(" AND team_key IN (").append(String.join(",", f.teams().stream().map(s -> "?").toList())).append(')');
                args.addAll(f.teams());
            }
        }
        if (Boolean.TRUE.equals(f.unassigned())) {
            where.append(" AND assignee IS NULL AND status IN ('new', 'in-progress', 'on-hold')");
        }
        String requester = actor.requesterOnly() ? actor.username() : f.requester();
        eq(where, args, "requester", requester);
        // breached_at is when a target was or will be missed, so each of these is one index range.
        if (Boolean.TRUE.equals(f.breached())) {
            where.append(" AND breached_at < ?");
            args.add(sql(now));
        } else if (Boolean.FALSE.equals(f.breached())) {
            where.append(" AND (breached_at IS NULL OR breached_at >= ?)");
            args.add(sql(now));
        }
        if (f.dueBefore() != null) {
            where.append(" AND next_due <= ?");
            args.add(sql(f.dueBefore()));
            if (Boolean.FALSE.equals(f.breached())) {
                // Not breached implies the earliest running target is still ahead (breached_at <= next_due),
                // which makes "breaching in the next hour" a tight range on next_due.
                where.append(" AND next_due >= ?");
                args.add(sql(now));
            }
        }
        if (f.dueAfter() != null) {
            where.append(" AND next_due >= ?");
            args.add(sql(f.dueAfter()));
        }
        if (f.breachedAfter() != null || f.breachedBefore() != null) {
            Instant after = f.breachedAfter() == null ? Instant.EPOCH : f.breachedAfter();
            Instant before = f.breachedBefore() == null || f.breachedBefore().isAfter(now) ? now : f.breachedBefore();
            where.append(" AND breached_at >= ? AND breached_at < ?");
            args.addAll(List.of(sql(after), sql(before)));
        }
        if (f.q() != null && !f.q().isBlank()) {
            where.append(" AND (ref = ? OR title ILIKE ? OR description ILIKE ?)");
            String like = "%" + f.q().trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.addAll(List.of(f.q().trim().toUpperCase(java.util.Locale.ROOT), like, like));
        }
        // Order along the index the filter ranges over, so a page needs no sort of the whole match.
        String order = f.dueBefore() != null || f.dueAfter() != null ? " ORDER BY next_due, id"
            : f.breachedAfter() != null || f.breachedBefore() != null ? " ORDER BY breached_at DESC, id DESC" : " ORDER BY id DESC";
        long total = jdbc.sql("SELECT COUNT(*) FROM sd_ticket" + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(paging.size());
        pageArgs.add(paging.offset());
        List<TicketRow> rows = jdbc.sql("SELECT " + TicketRow.COLUMNS + " FROM sd_ticket" + where + order + " LIMIT ? OFFSET ?")
            .params(pageArgs).query(TicketRow::map).list();
        Map<Long, List<Stop>> stops = stops(rows.stream().map(TicketRow::id).toList());
        List<TicketView> items = rows.stream().map(r -> view(r, stops.getOrDefault(r.id(), List.of()), actor, false, now)).toList();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    private static void eq(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value.trim());
        }
    }

    // ---- changing ------------------------------------------------------------------------------

    public record Patch(Map<String, Object> fields) {
    }

    /**
     * Applies a JSON merge patch (already parsed into field → value, null meaning clear) to an
     * incident or request at {@code expectedVersion}.
     */
    @Transactional
    public TicketView patch(String ref, String type, long expectedVersion, Map<String, Object> fields, Actor actor) {
        TicketRow cur = visible(ref, type, actor);
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
        if (team != null && !team.equals(cur.team()) || assignee != null && !assignee.equals(cur.assignee())) {
            assignment(errors, team, assignee);
        }
        if (requester != null && !requester.equals(cur.requester()) && users.find(requester).isEmpty()) {
            errors.add(new FieldError("requester", "No user '" + requester + "'"));
        }
        List<Long> newCis = null;
        if (fields.containsKey("affectedCis")) {
            Object v = fields.get("affectedCis");
            if (v == null) {
                newCis = List.of();
            } else if (v instanceof List<?> list) {
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Number num) {
                        ids.add(num.longValue());
                    } else {
                        errors.add(new FieldError("affectedCis[" + i + "]", "CI ids are integers"));
                    }
                }
                newCis = cis(errors, ids);
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
                priority = "incident".equals(cur.type()) ? priority(impact, urgency) : cur.priority();
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
        } else if ("incident".equals(cur.type()) && cur.priorityReason() == null) {
            priority = priority(impact, urgency);
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
            List<Long> old = cis(cur.id());
            if (!new LinkedHashSet<>(old).equals(new LinkedHashSet<>(newCis))) {
                jdbc.sql("DELETE FROM sd_ticket_ci WHERE ticket_id = ?").param(cur.id()).update();
                linkCis(cur.id(), newCis);
                changes.put("affectedCis", new Change(old, newCis));
            }
        }
        if (changes.containsKey("priority")) {
            event(cur.id(), now, actor.username(), "priority", "internal", "Priority " + cur.priority() + " → " + priority
                + (priorityReason != null ? " (" + priorityReason + ")" : "") + "; SLA targets recomputed from the open time");
        }
        if (changes.containsKey("team") || changes.containsKey("assignee")) {
            event(cur.id(), now, actor.username(), "assignment", "internal", "Assigned to "
                + (blank(team) == null ? "no team" : blank(team)) + (blank(assignee) == null ? "" : " / " + blank(assignee)));
        }
        refreshSla(cur.id(), now);
        if (!changes.isEmpty()) {
            audit.record(cur.entity(), ref, "updated", ref + " changed", changes);
        }
        return view(row(ref), actor, true);
    }

    /** Adds a work note (internal) or a customer update (emailed to the reporter; the first one is the response). */
    @Transactional
    public TicketEvent addUpdate(String ref, String type, String text, String visibility, Actor actor) {
        TicketRow cur = visible(ref, type, actor);
        List<FieldError> errors = new ArrayList<>();
        text(errors, "text", text, true, 20000);
        String vis = actor.requesterOnly() ? "customer" : visibility;
        if (!"internal".equals(vis) && !"customer".equals(vis)) {
            errors.add(new FieldError("visibility", "visibility must be internal or customer"));
        }
        if (!actor.requesterOnly() && !actor.engineer()) {
            throw new AccessDeniedException("Viewers read tickets; engineers update them");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if ("closed".equals(cur.status())) {
            throw new ConflictException(ref + " is closed; raise a new ticket");
        }
        cur = lock(ref);
        Instant now = clock.instant();
        String kind = actor.requesterOnly() ? "comment" : "customer".equals(vis) ? "customer" : "note";
        long eventId = event(cur.id(), now, actor.username(), kind, vis, text.trim());
        Map<String, Change> changes = new LinkedHashMap<>();
        if ("customer".equals(kind) && cur.respondedAt() == null) {
            jdbc.sql("UPDATE sd_ticket SET responded_at = ? WHERE id = ?").params(sql(now), cur.id()).update();
            changes.put("respondedAt", new Change(null, now));
        }
        if ("comment".equals(kind) && "on-hold".equals(cur.status()) && "awaiting-customer".equals(cur.holdReason())) {
            // The customer has answered: the clock runs again.
            closeHold(cur.id(), now);
            jdbc.sql("UPDATE sd_ticket SET status = 'in-progress', hold_reason = NULL WHERE id = ?").param(cur.id()).update();
            event(cur.id(), now, "system", "status", "customer", "Status on-hold → in-progress (the customer replied)");
            changes.put("status", new Change("on-hold", "in-progress"));
        }
        jdbc.sql("UPDATE sd_ticket SET updated_at = ?, version = version + 1 WHERE id = ?").params(sql(now), cur.id()).update();
        refreshSla(cur.id(), now);
        changes.put("update", new Change(null, vis + ": " + abbreviate(text.trim(), 200)));
        audit.record(cur.entity(), ref, "updated", (kind.equals("note") ? "Work note on " : "Update on ") + ref, changes);
        if ("customer".equals(kind)) {
            mail.customerUpdate(cur, text.trim());
        } else if ("comment".equals(kind)) {
            mail.customerComment(cur, actor.username(), text.trim());
        }
        return new TicketEvent(eventId, now, actor.username(), kind, vis, text.trim());
    }

    public record StatusChange(String status, String holdReason, String resolutionCode, String note) {
    }

    /** Moves a ticket along the workflow; 409 for a move it forbids. */
    @Transactional
    public TicketView changeStatus(String ref, String type, StatusChange change, Actor actor) {
        TicketRow visible = visible(ref, type, actor);
        if (actor.requesterOnly() || !actor.engineer()) {
            throw new AccessDeniedException("Only the service desk moves tickets along the workflow");
        }
        List<FieldError> errors = new ArrayList<>();
        String to = change.status();
        if (to == null || !STATUSES.contains(to)) {
            throw new ValidationException("status", "status must be one of " + STATUSES);
        }
        if ("on-hold".equals(to) && (change.holdReason() == null || !HOLD_REASONS.contains(change.holdReason()))) {
            errors.add(new FieldError("holdReason", "Say what the ticket is waiting for: one of " + HOLD_REASONS));
        }
        if ("resolved".equals(to)) {
            if (change.resolutionCode() == null || !RESOLUTION_CODES.contains(change.resolutionCode())) {
                errors.add(new FieldError("resolutionCode", "Give a resolution code: one of " + RESOLUTION_CODES));
            }
            if (change.note() == null || change.note().isBlank()) {
                errors.add(new FieldError("note", "Say how it was resolved: the reporter is sent this note"));
            }
        }
        text(errors, "note", change.note(), false, 4000);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        TicketRow cur = lock(visible.ref());
        String from = cur.status();
        if (from.equals(to) || !TRANSITIONS.get(from).contains(to)) {
            throw new ConflictException(ref + " cannot move from " + from + " to " + to
                + (TRANSITIONS.get(from).isEmpty() ? " (it is closed)" : "; from " + from + " it can go to " + TRANSITIONS.get(from)));
        }
        if ("request".equals(cur.type()) && "pending".equals(cur.approval())) {
            throw new ConflictException(ref + " is awaiting approval; it moves on when a manager approves it");
        }
        Instant now = clock.instant();
        if ("resolved".equals(from) && "in-progress".equals(to) && cur.resolvedAt() != null
            && now.isAfter(cur.resolvedAt().plus(reopenPeriod))) {
            throw new ConflictException(ref + " was resolved more than " + reopenPeriod.toDays() + " days ago; raise a new ticket");
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("status", new Change(from, to));
        Instant respondedAt = cur.respondedAt();
        Instant resolvedAt = cur.resolvedAt();
        Instant closedAt = cur.closedAt();
        String holdReason = null;
        String resolutionCode = cur.resolutionCode();
        String resolutionNote = cur.resolutionNote();
        if ("on-hold".equals(from)) {
            closeHold(cur.id(), now);
        }
        switch (to) {
            case "in-progress" -> {
                if ("resolved".equals(from)) {
                    // Reopened: the resolution clock resumes from where it stopped.
                    jdbc.sql("UPDATE sd_ticket_clock SET ended_at = ? WHERE ticket_id = ? AND kind = 'stopped' AND ended_at IS NULL")
                        .params(sql(now), cur.id()).update();
                    resolvedAt = null;
                    resolutionCode = null;
                    resolutionNote = null;
                    changes.put("resolvedAt", new Change(cur.resolvedAt(), null));
                }
                if (respondedAt == null) {
                    respondedAt = now;
                }
            }
            case "on-hold" -> {
                holdReason = change.holdReason();
                jdbc.sql("INSERT INTO sd_ticket_clock (ticket_id, kind, reason, started_at) VALUES (?, 'hold', ?, ?)")
                    .params(cur.id(), holdReason, sql(now)).update();
                changes.put("holdReason", new Change(null, holdReason));
            }
            case "resolved" -> {
                resolvedAt = now;
                resolutionCode = change.resolutionCode();
                resolutionNote = change.note().trim();
                if (respondedAt == null) {
                    respondedAt = now;
                }
                jdbc.sql("INSERT INTO sd_ticket_clock (ticket_id, kind, reason, started_at) VALUES (?, 'stopped', 'resolved', ?)")
                    .params(cur.id(), sql(now)).update();
                changes.put("resolutionCode", new Change(cur.resolutionCode(), resolutionCode));
            }
            case "closed" -> closedAt = now;
            default -> { }
        }
        if (!Objects.equals(respondedAt, cur.respondedAt())) {
            changes.put("respondedAt", new Change(cur.respondedAt(), respondedAt));
        }
        jdbc.sql("""
                UPDATE sd_ticket SET status = ?, hold_reason = ?, responded_at = ?, resolved_at = ?, closed_at = ?,
                    resolution_code = ?, resolution_note = ?, updated_at = ?, version = version + 1 WHERE id = ?""")
            .params(to, holdReason, sql(respondedAt), sql(resolvedAt), sql(closedAt), resolutionCode, resolutionNote, sql(now), cur.id())
            .update();
        String text = "Status " + from + " → " + to + (holdReason != null ? " (" + holdReason + ")" : "")
            + ("resolved".equals(to) ? " (" + resolutionCode + "): " + resolutionNote
            : change.note() != null && !change.note().isBlank() ? ": " + change.note().trim() : "");
        event(cur.id(), now, actor.username(), "status", "resolved".equals(to) || "closed".equals(to) || "resolved".equals(from)
            ? "customer" : "internal", text);
        refreshSla(cur.id(), now);
        audit.record(cur.entity(), ref, "updated", ref + " " + from + " → " + to, changes);
        TicketRow after = row(ref);
        if ("resolved".equals(to)) {
            mail.resolved(after);
        }
        return view(after, actor, true);
    }

    // ---- SLA -----------------------------------------------------------------------------------

    /** Recomputes and stores a ticket's due times, breach flags and next clock event. */
    Reading refreshSla(long id, Instant now) {
        TicketRow r = jdbc.sql("SELECT " + TicketRow.COLUMNS + " FROM sd_ticket WHERE id = ?").param(id).query(TicketRow::map).single();
        Reading reading = reading(r, stops(List.of(id)).getOrDefault(id, List.of()), now);
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

    Map<Long, List<Stop>> stops(Collection<Long> ids) {
        Map<Long, List<Stop>> map = new HashMap<>();
        if (ids.isEmpty()) {
            return map;
        }
        jdbc.sql("SELECT ticket_id, kind, reason, started_at, ended_at FROM sd_ticket_clock WHERE ticket_id IN ("
                + String.join(",", ids.stream().map(i -> "?").toList()) + ") ORDER BY started_at, id")
            .params(new ArrayList<Object>(ids))
            .query(rs -> {
                map.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Stop(rs.getString(2), rs.getString(3),
                    TicketRow.ts(rs, "started_at"), TicketRow.ts(rs, "ended_at")));
            });
        return map;
    }

    private void closeHold(long ticketId, Instant now) {
        jdbc.sql("UPDATE sd_ticket_clock SET ended_at = ? WHERE ticket_id = ? AND kind = 'hold' AND ended_at IS NULL")
            .params(sql(now), ticketId).update();
    }

    // ---- views ---------------------------------------------------------------------------------

    TicketView view(TicketRow r, Actor actor, boolean detail) {
        Instant now = clock.instant();
        return view(r, stops(List.of(r.id())).getOrDefault(r.id(), List.of()), actor, detail, now);
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
        if (detail) {
            List<Long> ids = cis(r.id());
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
            knownErrors = actor.requesterOnly() ? List.of() : knownErrorFinder.find(ids, r.title() + " " + (r.description() == null ? "" : r.description()));
        }
        Map<String, Object> answers = r.answers() == null ? null : json.readValue(r.answers(), new TypeReference<Map<String, Object>>() { });
        TicketView.Approval approval = r.approval() == null ? null
            : new TicketView.Approval(r.approval(), r.approver(), r.approvalNote(), r.approvedAt());
        return new TicketView(r.ref(), r.type(), r.title(), r.description(), r.status(), r.holdReason(), r.impact(), r.urgency(),
            r.priority(), r.priorityReason(), r.category(),
            new TicketView.Reporter(r.reporterName(), r.reporterEmail(), r.reporterPhone()), r.requester(), r.team(), r.assignee(),
            affected, services, knownErrors, r.item(), answers, approval, r.resolutionCode(), r.resolutionNote(), r.openedAt(),
            r.respondedAt(), r.resolvedAt(), r.closedAt(), sla, r.imported(), r.createdAt(), r.updatedAt(), r.version());
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

    List<Long> cis(long ticketId) {
        return jdbc.sql("SELECT ci_id FROM sd_ticket_ci WHERE ticket_id = ? ORDER BY ci_id").param(ticketId).query(Long.class).list();
    }

    // ---- helpers -------------------------------------------------------------------------------

    void linkCis(long ticketId, List<Long> cis) {
        for (long ci : cis) {
            jdbc.sql("INSERT INTO sd_ticket_ci (ticket_id, ci_id) VALUES (?, ?)").params(ticketId, ci).update();
        }
    }

    long event(long ticketId, Instant at, String actor, String kind, String visibility, String text) {
        var holder = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO sd_ticket_event (ticket_id, occurred_at, actor, kind, visibility, body) VALUES (?, ?, ?, ?, ?, ?)")
            .params(ticketId, sql(at), actor, kind, visibility, text).update(holder, "id");
        return holder.getKey().longValue();
    }

    String defaultTeam() {
        return teams.find("service-desk").map(t -> t.key()).orElse(null);
    }

    List<Long> cis(List<FieldError> errors, List<Long> ids) {
        List<Long> found = new ArrayList<>();
        if (ids == null) {
            return found;
        }
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null) {
                errors.add(new FieldError("affectedCis[" + i + "]", "CI ids are integers"));
                continue;
            }
            try {
                cmdb.get(id);
                if (!found.contains(id)) {
                    found.add(id);
                }
            } catch (NotFoundException e) {
                errors.add(new FieldError("affectedCis[" + i + "]", "No CI with id " + id));
            }
        }
        return found;
    }

    void assignment(List<FieldError> errors, String team, String assignee) {
        var t = team == null ? java.util.Optional.<org.estate.servicedesk.TeamView>empty() : teams.find(team);
        if (team != null && t.isEmpty()) {
            errors.add(new FieldError("team", "No team '" + team + "'"));
        }
        if (assignee != null && !assignee.isBlank()) {
            if (users.find(assignee).isEmpty()) {
                errors.add(new FieldError("assignee", "No user '" + assignee + "'"));
            } else if (t.isPresent() && !t.get().members().contains(assignee)) {
                errors.add(new FieldError("assignee", assignee + " is not a member of " + t.get().name()));
            }
        }
    }

    static void text(List<FieldError> errors, String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "Enter the " + field));
            }
        } else if (value.length() > max) {
            errors.add(new FieldError(field, field + " must be " + max + " characters or fewer"));
        }
    }

    static void level(List<FieldError> errors, String field, String value) {
        if (value == null || !LEVELS.contains(value)) {
            errors.add(new FieldError(field, field + " must be high, medium or low"));
        }
    }

    static void reporter(List<FieldError> errors, TicketView.Reporter r) {
        if (r == null) {
            errors.add(new FieldError("reporter", "Say who reported it: name and email"));
            return;
        }
        text(errors, "reporter.name", r.name(), true, 200);
        if (r.email() == null || r.email().isBlank()) {
            errors.add(new FieldError("reporter.email", "Enter the reporter's email: updates are sent to it"));
        } else if (!EMAIL.matcher(r.email().trim()).matches() || r.email().length() > 320) {
            errors.add(new FieldError("reporter.email", "'" + r.email() + "' is not an email address"));
        }
        text(errors, "reporter.phone", r.phone(), false, 50);
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static void diff(Map<String, Change> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.put(field, new Change(from, to));
        }
    }
}
