package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketRow.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.NotFoundException;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.FilterValues;
import org.estate.platform.Sort;
import org.estate.platform.SortOptions;
import org.estate.platform.SqlDialect;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.KnownErrorView;
import org.estate.servicedesk.ProblemView;
import org.estate.servicedesk.TicketView.CiRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Problems and known errors, linked to the incidents they explain and the CIs they sit on. */
@Service
public class ProblemService {

    public static final List<String> STATUSES = List.of("open", "resolved", "closed");

    private final JdbcClient jdbc;
    private final Cmdb cmdb;
    private final TeamService teams;
    private final RefAllocator refs;
    private final AuditLog audit;
    private final Clock clock;
    private final TicketChecks tickets;
    private final KnownErrorFinder finder;
    private final SqlDialect dialect;

    ProblemService(JdbcClient jdbc, Cmdb cmdb, TeamService teams, RefAllocator refs, AuditLog audit, Clock clock, TicketChecks tickets,
                   KnownErrorFinder finder, SqlDialect dialect) {
        this.finder = finder;
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.cmdb = cmdb;
        this.teams = teams;
        this.refs = refs;
        this.audit = audit;
        this.clock = clock;
        this.tickets = tickets;
    }

    public record ProblemInput(String title, String description, List<String> incidents, List<Long> affectedCis) {
    }

    private record Row(long id, String ref, String title, String description, String status, String rootCause, String workaround,
                       boolean knownError, String team, String assignee, Instant createdAt, Instant updatedAt, Instant resolvedAt,
                       long version) {
    }

    private static final String SELECT = """
        SELECT id, ref, title, description, status, root_cause, workaround, known_error, team_key, assignee, created_at,
               updated_at, resolved_at, version FROM sd_problem""";

    private static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("ref"), rs.getString("title"), rs.getString("description"),
            rs.getString("status"), rs.getString("root_cause"), rs.getString("workaround"), rs.getBoolean("known_error"),
            rs.getString("team_key"), rs.getString("assignee"), TicketRow.ts(rs, "created_at"), TicketRow.ts(rs, "updated_at"),
            TicketRow.ts(rs, "resolved_at"), rs.getLong("version"));
    }

    @Transactional
    public ProblemView create(ProblemInput in) {
        List<FieldError> errors = new ArrayList<>();
        TicketChecks.text(errors, "title", in.title(), true, 300);
        TicketChecks.text(errors, "description", in.description(), false, 20000);
        List<Long> incidents = incidents(errors, in.incidents());
        List<Long> cis = tickets.cis(errors, in.affectedCis());
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant();
        String ref = RefAllocator.format("PRB", refs.reserve("PRB", 1));
        var holder = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sd_problem (ref, title, description, status, known_error, created_at, updated_at, version)
                VALUES (?, ?, ?, 'open', FALSE, ?, ?, 0)""")
            .params(ref, in.title().trim(), TicketChecks.blank(in.description()), sql(now), sql(now)).update(holder, "id");
        long id = holder.getKey().longValue();
        link(id, incidents, cis);
        audit.record("problem", ref, "created", ref + " raised: " + in.title().trim(), Map.of(
            "title", new Change(null, in.title().trim()), "incidents", new Change(null, in.incidents()),
            "affectedCis", new Change(null, cis)));
        return get(ref);
    }

    @Transactional(readOnly = true)
    public ProblemView get(String ref) {
        return view(row(ref));
    }

    private Row row(String ref) {
        return jdbc.sql(SELECT + " WHERE ref = ?").param(ref).query(ProblemService::map).optional()
            .orElseThrow(() -> new NotFoundException("No problem " + ref));
    }

    /** The sortable columns of the problem list. */
    public static final SortOptions<ProblemView> SORT = SortOptions.<ProblemView>by("-ref")
        .value("ref", "id", ProblemView::ref)
        .text("title", "title", ProblemView::title)
        .value("status", "status", ProblemView::status)
        .text("team", "team_key", ProblemView::team)
        .text("assignee", "assignee", ProblemView::assignee)
        .value("created", "created_at", ProblemView::createdAt)
        .value("updated", "updated_at", ProblemView::updatedAt)
        .tieBreaker("id", ProblemView::ref);

    @Transactional(readOnly = true)
    public PageResult<ProblemView> search(String status, Boolean knownError, String q, Paging paging) {
        return search(status == null || status.isBlank() ? List.of() : List.of(status), knownError, q, null, paging);
    }

    /** The problem list: {@code statuses} any of (422 naming {@code status} for an unknown one), in {@code sort}'s order (null: newest first). */
    @Transactional(readOnly = true)
    public PageResult<ProblemView> search(List<String> statuses, Boolean knownError, String q, Sort sort, Paging paging) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        List<String> wanted = FilterValues.anyOf("status", statuses, STATUSES);
        if (!wanted.isEmpty()) {
            where.append(" AND status IN (").append(String.join(",", wanted.stream().map(s -> "?").toList())).append(')');
            args.addAll(wanted);
        }
        if (knownError != null) {
            where.append(" AND known_error = ?");
            args.add(knownError);
        }
        if (q != null && !q.isBlank()) {
            where.append(" AND (ref = ? OR title ILIKE ? OR workaround ILIKE ?)");
            String like = "%" + q.trim() + "%";
            args.addAll(List.of(q.trim().toUpperCase(Locale.ROOT), like, like));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM sd_problem" + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(paging.size());
        pageArgs.add(paging.offset());
        List<ProblemView> items = jdbc.sql(SELECT + where + SORT.orderBy(sort == null ? SORT.parse(null) : sort, dialect)
                + " LIMIT ? OFFSET ?").params(pageArgs)
            .query(ProblemService::map).list().stream().map(r -> view(r, false)).toList();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    /** The sortable columns of the known-error list (the same names, and SQL, as the problem list's). */
    public static final SortOptions<KnownErrorView> KNOWN_ERROR_SORT = SortOptions.<KnownErrorView>by("-ref")
        .value("ref", "id", KnownErrorView::ref).text("title", "title", KnownErrorView::title)
        .value("status", "status", KnownErrorView::status).tieBreaker("id", KnownErrorView::ref);

    /**
     * The known-error list of the pages: with {@code q}, those reading like it (at most 20, best
     * match first unless {@code sort} says otherwise); without, every known error not closed, in
     * {@code sort}'s order (null: newest first).
     */
    @Transactional(readOnly = true)
    public PageResult<KnownErrorView> knownErrorList(String q, Sort sort, Paging paging) {
        if (q != null && !q.isBlank()) {
            return KNOWN_ERROR_SORT.page(finder.find(List.of(), q), sort, paging);
        }
        return search(List.of("open", "resolved"), true, null, sort, paging)
            .map(p -> new KnownErrorView(p.ref(), p.title(), p.workaround(), p.status()));
    }

    /** Known errors (not closed) on a CI and/or like a text, best matches first. */
    @Transactional(readOnly = true)
    public List<KnownErrorView> knownErrors(Long ci, String q) {
        return finder.find(ci == null ? List.of() : List.of(ci), q);
    }

    @Transactional
    public ProblemView patch(String ref, long expectedVersion, Map<String, Object> fields) {
        Row cur = row(ref);
        if (cur.version() != expectedVersion) {
            throw new PreconditionFailedException(ref + " has changed since you read it (current ETag \"" + cur.version() + "\")");
        }
        Set<String> allowed = Set.of("title", "description", "status", "rootCause", "workaround", "knownError", "team", "assignee",
            "incidents", "affectedCis");
        List<FieldError> errors = new ArrayList<>();
        fields.keySet().stream().filter(k -> !allowed.contains(k))
            .forEach(k -> errors.add(new FieldError(k, "'" + k + "' cannot be changed (or is not a field)")));
        String title = fields.containsKey("title") ? TicketChecks.str(fields.get("title")) : cur.title();
        String description = fields.containsKey("description") ? TicketChecks.str(fields.get("description")) : cur.description();
        String status = fields.containsKey("status") ? TicketChecks.str(fields.get("status")) : cur.status();
        String rootCause = fields.containsKey("rootCause") ? TicketChecks.str(fields.get("rootCause")) : cur.rootCause();
        String workaround = fields.containsKey("workaround") ? TicketChecks.str(fields.get("workaround")) : cur.workaround();
        String team = fields.containsKey("team") ? TicketChecks.str(fields.get("team")) : cur.team();
        String assignee = fields.containsKey("assignee") ? TicketChecks.str(fields.get("assignee")) : cur.assignee();
        boolean knownError = cur.knownError();
        if (fields.containsKey("knownError")) {
            if (fields.get("knownError") instanceof Boolean b) {
                knownError = b;
            } else {
                errors.add(new FieldError("knownError", "knownError is true or false"));
            }
        }
        TicketChecks.text(errors, "title", title, true, 300);
        TicketChecks.text(errors, "description", description, false, 20000);
        TicketChecks.text(errors, "rootCause", rootCause, false, 20000);
        TicketChecks.text(errors, "workaround", workaround, false, 20000);
        if (status == null || !STATUSES.contains(status)) {
            errors.add(new FieldError("status", "Choose the status: " + String.join(", ", STATUSES)));
        }
        if (knownError && (workaround == null || workaround.isBlank())) {
            errors.add(new FieldError("workaround", "A known error needs its workaround written down"));
        }
        if (!java.util.Objects.equals(team, cur.team()) || !java.util.Objects.equals(assignee, cur.assignee())) {
            tickets.assignment(errors, TicketChecks.blank(team), TicketChecks.blank(assignee));
            if (!java.util.Objects.equals(assignee, cur.assignee())) {
                tickets.assignable(errors, TicketChecks.blank(assignee));
            }
        }
        List<Long> incidents = null;
        if (fields.containsKey("incidents")) {
            incidents = fields.get("incidents") instanceof List<?> l
                ? incidents(errors, l.stream().map(o -> o == null ? null : o.toString()).toList()) : null;
            if (incidents == null) {
                errors.add(new FieldError("incidents", "incidents is a list of incident refs"));
            }
        }
        List<Long> cis = null;
        if (fields.containsKey("affectedCis")) {
            if (fields.get("affectedCis") instanceof List<?> l) {
                cis = tickets.cis(errors, TicketChecks.ciIds(l));
            } else {
                errors.add(new FieldError("affectedCis", "affectedCis is a list of CI ids"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant();
        Instant resolvedAt = "open".equals(status) ? null : cur.resolvedAt() != null ? cur.resolvedAt() : now;
        int n = jdbc.sql("""
                UPDATE sd_problem SET title = ?, description = ?, status = ?, root_cause = ?, workaround = ?, known_error = ?,
                    team_key = ?, assignee = ?, resolved_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?""")
            .params(title.trim(), TicketChecks.blank(description), status, TicketChecks.blank(rootCause), TicketChecks.blank(workaround),
                knownError, TicketChecks.blank(team), TicketChecks.blank(assignee), sql(resolvedAt), sql(now), cur.id(), expectedVersion)
            .update();
        if (n == 0) {
            throw new PreconditionFailedException(ref + " has changed since you read it");
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        TicketChecks.diff(changes, "title", cur.title(), title.trim());
        TicketChecks.diff(changes, "description", cur.description(), TicketChecks.blank(description));
        TicketChecks.diff(changes, "status", cur.status(), status);
        TicketChecks.diff(changes, "rootCause", cur.rootCause(), TicketChecks.blank(rootCause));
        TicketChecks.diff(changes, "workaround", cur.workaround(), TicketChecks.blank(workaround));
        TicketChecks.diff(changes, "knownError", cur.knownError(), knownError);
        TicketChecks.diff(changes, "team", cur.team(), TicketChecks.blank(team));
        TicketChecks.diff(changes, "assignee", cur.assignee(), TicketChecks.blank(assignee));
        if (incidents != null) {
            jdbc.sql("DELETE FROM sd_problem_incident WHERE problem_id = ?").param(cur.id()).update();
            link(cur.id(), incidents, List.of());
            changes.put("incidents", new Change(null, fields.get("incidents")));
        }
        if (cis != null) {
            jdbc.sql("DELETE FROM sd_problem_ci WHERE problem_id = ?").param(cur.id()).update();
            link(cur.id(), List.of(), cis);
            changes.put("affectedCis", new Change(null, cis));
        }
        audit.record("problem", ref, "updated", ref + (knownError && !cur.knownError() ? " is now a known error" : " changed"), changes);
        return get(ref);
    }

    private void link(long id, List<Long> incidents, List<Long> cis) {
        for (long t : incidents) {
            jdbc.sql("INSERT INTO sd_problem_incident (problem_id, ticket_id) VALUES (?, ?)").params(id, t).update();
        }
        for (long c : cis) {
            jdbc.sql("INSERT INTO sd_problem_ci (problem_id, ci_id) VALUES (?, ?)").params(id, c).update();
        }
    }

    /** The most incidents one problem links in one go. */
    static final int MAX_INCIDENTS = 1000;

    private List<Long> incidents(List<FieldError> errors, List<String> refs) {
        List<Long> ids = new ArrayList<>();
        if (refs == null) {
            return ids;
        }
        if (refs.size() > MAX_INCIDENTS) {
            errors.add(new FieldError("incidents", "Link at most " + MAX_INCIDENTS + " incidents (" + refs.size() + " given)"));
            return ids;
        }
        for (int i = 0; i < refs.size(); i++) {
            String r = refs.get(i);
            Long id = r == null ? null : jdbc.sql("SELECT id FROM sd_ticket WHERE ref = ? AND ticket_type = 'incident'").param(r.trim())
                .query(Long.class).optional().orElse(null);
            if (id == null) {
                errors.add(new FieldError("incidents[" + i + "]", "No incident " + r));
            } else if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private ProblemView view(Row r) {
        return view(r, true);
    }

    private ProblemView view(Row r, boolean detail) {
        List<ProblemView.LinkedIncident> incidents = null;
        List<CiRef> cis = null;
        if (detail) {
            incidents = jdbc.sql("""
                    SELECT t.ref, t.title, t.status, t.priority FROM sd_problem_incident pi JOIN sd_ticket t ON t.id = pi.ticket_id
                    WHERE pi.problem_id = ? ORDER BY t.id""").param(r.id())
                .query((rs, n) -> new ProblemView.LinkedIncident(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
            cis = new ArrayList<>();
            for (long id : jdbc.sql("SELECT ci_id FROM sd_problem_ci WHERE problem_id = ? ORDER BY ci_id").param(r.id()).query(Long.class).list()) {
                try {
                    Ci ci = cmdb.get(id);
                    cis.add(new CiRef(id, ci.ciClass(), ci.name()));
                } catch (NotFoundException e) {
                    cis.add(new CiRef(id, null, "(deleted CI " + id + ")"));
                }
            }
        }
        return new ProblemView(r.ref(), r.title(), r.description(), r.status(), r.rootCause(), r.workaround(), r.knownError(),
            r.team(), r.assignee(), incidents, cis, r.createdAt(), r.updatedAt(), r.resolvedAt(), r.version());
    }
}
