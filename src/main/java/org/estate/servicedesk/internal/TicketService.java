package org.estate.servicedesk.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.servicedesk.TicketEvent;
import org.estate.servicedesk.TicketView;
import org.springframework.stereotype.Service;

/**
 * The service desk's tickets (incidents and service requests) as the controllers and other parts
 * of the module see them: the vocabulary (levels, statuses, the workflow's moves) and one entry
 * point per action, each handed to the part that owns it — {@link TicketOpening} (logging and
 * raising), {@link TicketWorkflow} (updates and status), {@link TicketPatcher} (changing fields),
 * {@link RequestApproval}, {@link TicketSearch} (reading and listing). Each of those writes in one
 * transaction with its audit entry, timeline event, recomputed SLA columns and email.
 */
@Service
public class TicketService {

    /** The most CIs one ticket or problem may name. */
    public static final int MAX_CIS = TicketChecks.MAX_CIS;
    public static final List<String> LEVELS = List.of("high", "medium", "low");
    /** The sortable columns of every ticket list (incidents, requests, the desk queues). */
    public static final org.estate.platform.SortOptions<org.estate.servicedesk.TicketView> SORT = TicketSearch.SORT;

    /** The priorities whose incidents the team hears of at once (IncidentBecameUrgent). */
    public static final List<String> URGENT = List.of("P1", "P2");
    public static final List<String> STATUSES = List.of("new", "in-progress", "on-hold", "resolved", "closed");
    public static final List<String> HOLD_REASONS = List.of("awaiting-customer", "awaiting-supplier", "awaiting-change");
    public static final List<String> RESOLUTION_CODES = List.of("fixed", "workaround", "fulfilled", "no-fault-found",
        "duplicate", "cancelled", "monitoring-recovered");
    static final Map<String, Set<String>> TRANSITIONS = Map.of(
        "new", Set.of("in-progress", "on-hold", "resolved"),
        "in-progress", Set.of("on-hold", "resolved"),
        "on-hold", Set.of("in-progress", "resolved"),
        "resolved", Set.of("in-progress", "closed"),
        "closed", Set.of());

    public record IncidentInput(String title, String description, String impact, String urgency, List<Long> affectedCis,
                                TicketView.Reporter reporter, String team, String assignee, String category, String requester) {
    }

    public record RequestInput(String item, Map<String, Object> answers, String requester) {
    }

    public record Filter(String type, List<String> status, String priority, String team, String assignee, Boolean breached,
                         Instant dueBefore, Instant dueAfter, Instant breachedAfter, Instant breachedBefore, String q,
                         String requester, Boolean unassigned, Boolean active, List<String> teams, Long ci) {

        /** Without a CI: tickets naming any CI or none. */
        public Filter(String type, List<String> status, String priority, String team, String assignee, Boolean breached,
                      Instant dueBefore, Instant dueAfter, Instant breachedAfter, Instant breachedBefore, String q,
                      String requester, Boolean unassigned, Boolean active, List<String> teams) {
            this(type, status, priority, team, assignee, breached, dueBefore, dueAfter, breachedAfter, breachedBefore, q, requester,
                unassigned, active, teams, null);
        }
    }

    public record StatusChange(String status, String holdReason, String resolutionCode, String note) {
    }

    private final TicketOpening opening;
    private final TicketWorkflow workflow;
    private final TicketPatcher patcher;
    private final RequestApproval approval;
    private final TicketSearch search;
    private final TicketChecks checks;

    TicketService(TicketOpening opening, TicketWorkflow workflow, TicketPatcher patcher, RequestApproval approval,
                  TicketSearch search, TicketChecks checks) {
        this.opening = opening;
        this.workflow = workflow;
        this.patcher = patcher;
        this.approval = approval;
        this.search = search;
        this.checks = checks;
    }

    /** True for high, medium or low (null-safe: List.of(...).contains(null) throws). */
    static boolean isLevel(String level) {
        return level != null && LEVELS.contains(level);
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

    public Duration reopenPeriod() {
        return workflow.reopenPeriod();
    }

    /** Until when a requester's reply reopens this resolved ticket; null unless it is resolved. */
    public Instant reopenUntil(TicketView t) {
        return "resolved".equals(t.status()) && t.resolvedAt() != null ? t.resolvedAt().plus(reopenPeriod()) : null;
    }

    /** Whether the requester may still reply: not closed, and if resolved, within the reopen period (the reply reopens it). */
    public boolean takesReplies(TicketView t) {
        return workflow.takesReplies(t.status(), t.resolvedAt());
    }

    String defaultTeam() {
        return checks.defaultTeam();
    }

    public TicketView openIncident(IncidentInput in, Actor actor) {
        return opening.openIncident(in, actor);
    }

    /** Raises a service request; one that needs approval waits on hold until a manager decides. */
    public TicketView openRequest(RequestInput in, Actor actor) {
        return opening.openRequest(in, actor);
    }

    /** A manager (never the requester) approves or rejects a request waiting for approval. */
    public TicketView decide(String ref, String decision, String note, Actor actor) {
        return approval.decide(ref, decision, note, actor);
    }

    /** Why the actor may not approve or reject the request (null when they may). */
    public String approvalRefusal(String ref, Actor actor) {
        return approval.refusal(ref, actor);
    }

    public TicketView get(String ref, String type, Actor actor) {
        return search.get(ref, type, actor);
    }

    public List<TicketEvent> timeline(String ref, String type, Actor actor) {
        return search.timeline(ref, type, actor);
    }

    public PageResult<TicketView> search(Filter f, Paging paging, Actor actor) {
        return search.search(f, paging, actor);
    }

    /** The list in {@code sort}'s order ({@link #SORT}; null: the filter's natural order). */
    public PageResult<TicketView> search(Filter f, org.estate.platform.Sort sort, Paging paging, Actor actor) {
        return search.search(f, sort, paging, actor);
    }

    /** Applies a JSON merge patch (field → value, null meaning clear) at {@code expectedVersion}. */
    public TicketView patch(String ref, String type, long expectedVersion, Map<String, Object> fields, Actor actor) {
        return patcher.patch(ref, type, expectedVersion, fields, actor);
    }

    /** Assigns the ticket to the actor; the team follows them when they are not in it (see {@link TicketChecks#teamFollowing}). */
    public TicketView assignToMe(String ref, String type, Actor actor) {
        return patcher.assignToMe(ref, type, actor);
    }

    /** Adds a work note (internal) or a customer update (emailed to the reporter; the first one is the response). */
    public TicketEvent addUpdate(String ref, String type, String text, String visibility, Actor actor) {
        return workflow.addUpdate(ref, type, text, visibility, actor);
    }

    /** Moves a ticket along the workflow; 409 for a move it forbids. */
    public TicketView changeStatus(String ref, String type, StatusChange change, Actor actor) {
        return workflow.changeStatus(ref, type, change, actor);
    }
}
