package org.estate.servicedesk.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.estate.platform.Etags;
import org.estate.platform.PageResult;
import org.estate.platform.FilterValues;
import org.estate.platform.Paging;
import org.estate.servicedesk.TicketEvent;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.TicketService;
import org.estate.servicedesk.internal.TicketService.Filter;
import org.estate.servicedesk.internal.TicketService.IncidentInput;
import org.estate.servicedesk.internal.TicketService.StatusChange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents")
class IncidentApiController extends TicketEndpoints {

    private final org.estate.servicedesk.internal.IncidentImports importer;

    private final org.estate.platform.ImportProperties limits;

    IncidentApiController(TicketService tickets, JsonMapper json, org.estate.servicedesk.internal.IncidentImports importer,
                          org.estate.platform.ImportProperties limits) {
        super(tickets, json, "incident");
        this.importer = importer;
        this.limits = limits;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ENGINEER', 'REQUESTER')")
    @Operation(summary = "Log an incident: priority from impact × urgency, SLA targets from its policy, business services impacted from the CMDB")
    ResponseEntity<TicketView> create(@RequestBody IncidentInput input, Authentication auth) {
        TicketView t = tickets.openIncident(input, Actors.of(auth));
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + t.ref())).eTag(Etags.of(t.version())).body(t);
    }

    /**
     * Find incidents, sorted and paged; a requester sees only their own.
     *
     * @param status         new, in-progress, on-hold, resolved, closed (or cancelled); several (comma-separated or repeated) mean any of them
     * @param priority       P1 to P4; several mean any of them
     * @param team           a team key (422 for a team that does not exist)
     * @param assignee       a username
     * @param breached       true: a target has been missed; false: none has
     * @param dueBefore      the earliest running SLA target is at or before this instant
     * @param dueAfter       the earliest running SLA target is at or after this instant
     * @param breachedAfter  a target was missed at or after this instant
     * @param breachedBefore a target was missed before this instant
     * @param q              the reference, or words in the title or description
     * @param requester      the username who raised it
     * @param unassigned     true: open and assigned to nobody
     * @param active         true: new, in progress or on hold
     * @param ci             a CI id: incidents naming that CI among their affected CIs
     * @param sort           ref, title, status, priority, team, assignee, reporter, opened, updated or due; {@code -} before a
     *                       field for descending; several comma-separated; 422 for any other field
     * @param page           the page, from 0
     * @param size           tickets per page (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasAnyRole('VIEWER', 'REQUESTER')")
    @Operation(summary = "Find incidents. dueBefore/dueAfter: the earliest running SLA target; breachedAfter/breachedBefore: when a target was missed; a requester sees only their own")
    PageResult<TicketView> listIncidents(@RequestParam(required = false) List<String> status, @RequestParam(required = false) List<String> priority,
                                  @RequestParam(required = false) String team, @RequestParam(required = false) String assignee,
                                  @RequestParam(required = false) Boolean breached, @RequestParam(required = false) String dueBefore,
                                  @RequestParam(required = false) String dueAfter, @RequestParam(required = false) String breachedAfter,
                                  @RequestParam(required = false) String breachedBefore, @RequestParam(required = false) String q,
                                  @RequestParam(required = false) String requester, @RequestParam(required = false) Boolean unassigned,
                                  @RequestParam(required = false) Boolean active, @RequestParam(required = false) String ci,
                                  @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size, Authentication auth) {
        return tickets.search(IncidentApiController.filter("incident", status, priority, team, assignee, breached, dueBefore, dueAfter, breachedAfter,
            breachedBefore, q, requester, unassigned, active, ci), TicketService.SORT.parse(sort), Paging.of(page, size), Actors.of(auth));
    }

    /**
     * The incidents the list gives for the same filters and order, every page of them, as CSV; a
     * requester gets only their own.
     *
     * @param status         as the list
     * @param priority       as the list
     * @param team           as the list
     * @param assignee       as the list
     * @param breached       as the list
     * @param dueBefore      as the list
     * @param dueAfter       as the list
     * @param breachedAfter  as the list
     * @param breachedBefore as the list
     * @param q              as the list
     * @param requester      as the list
     * @param unassigned     as the list
     * @param active         as the list
     * @param ci             as the list
     * @param sort           as the list
     * @param excel          true: a UTF-8 byte order mark and CRLF line ends, for Excel (default: neither)
     */
    @GetMapping(path = "/export", produces = "text/csv")
    @PreAuthorize("hasAnyRole('VIEWER', 'REQUESTER')")
    @Operation(summary = "Incidents as CSV: exactly the incidents the list gives for the same filters, in its order")
    void exportIncidents(@RequestParam(required = false) List<String> status, @RequestParam(required = false) List<String> priority,
                   @RequestParam(required = false) String team, @RequestParam(required = false) String assignee,
                   @RequestParam(required = false) Boolean breached, @RequestParam(required = false) String dueBefore,
                   @RequestParam(required = false) String dueAfter, @RequestParam(required = false) String breachedAfter,
                   @RequestParam(required = false) String breachedBefore, @RequestParam(required = false) String q,
                   @RequestParam(required = false) String requester, @RequestParam(required = false) Boolean unassigned,
                   @RequestParam(required = false) Boolean active, @RequestParam(required = false) String ci,
                   @RequestParam(required = false) String sort, @RequestParam(required = false) boolean excel, Authentication auth,
                   jakarta.servlet.http.HttpServletResponse response) {
        TicketCsv.tickets(tickets, IncidentApiController.filter("incident", status, priority, team, assignee, breached, dueBefore, dueAfter,
            breachedAfter, breachedBefore, q, requester, unassigned, active, ci), TicketService.SORT.parse(sort), Actors.of(auth),
            "incidents.csv", excel, response);
    }

    static Filter filter(String type, List<String> status, List<String> priority, String team, String assignee, Boolean breached,
                         String dueBefore, String dueAfter, String breachedAfter, String breachedBefore, String q,
                         String requester, Boolean unassigned, Boolean active) {
        return filter(type, status, priority, team, assignee, breached, dueBefore, dueAfter, breachedAfter, breachedBefore, q, requester,
            unassigned, active, null);
    }

    /** As above, with {@code ci}: a CI id (422 naming {@code ci} when it is not a whole number). */
    static Filter filter(String type, List<String> status, List<String> priority, String team, String assignee, Boolean breached,
                         String dueBefore, String dueAfter, String breachedAfter, String breachedBefore, String q,
                         String requester, Boolean unassigned, Boolean active, String ci) {
        Long ciId = null;
        if (ci != null && !ci.isBlank()) {
            try {
                ciId = Long.parseLong(ci.strip());
            } catch (NumberFormatException e) {
                throw new org.estate.platform.ValidationException("ci", "ci is a CI id (a whole number)");
            }
        }
        List<String> statuses = FilterValues.anyOf("status", status, TicketService.STATUSES);
        List<String> priorities = FilterValues.anyOf("priority", priority, List.of("P1", "P2", "P3", "P4"));
        return new Filter(type, statuses, priorities.isEmpty() ? null : String.join(",", priorities), team, assignee, breached,
            dueBefore == null ? null : CalendarApiController.instant("dueBefore", dueBefore),
            dueAfter == null ? null : CalendarApiController.instant("dueAfter", dueAfter),
            breachedAfter == null ? null : CalendarApiController.instant("breachedAfter", breachedAfter),
            breachedBefore == null ? null : CalendarApiController.instant("breachedBefore", breachedBefore),
            q, requester, unassigned, active, null, ciId);
    }

    /**
     * Imports historical incidents from CSV, all or nothing, or checks the file without writing anything.
     * Columns: title,impact,urgency,opened_at,responded_at,resolved_at,closed_at,hold_intervals,affected_cis.
     * 422 lists every header and row problem with its row and column as Excel numbers them.
     *
     * @param dryRun true to only check the file: 200 with {@code created} and each row's incident field by field
     *               ({@code class} is {@code incident}, {@code name} the title), and nothing written
     */
    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Import historical incidents (CSV: title,impact,urgency,opened_at,responded_at,resolved_at,closed_at,hold_intervals,affected_cis); all or nothing, 422 with every bad row; dryRun=true checks without writing")
    Object importHistory(jakarta.servlet.http.HttpServletRequest request,
                         @org.springframework.web.bind.annotation.RequestParam(defaultValue = "false") boolean dryRun) throws java.io.IOException {
        try (org.estate.platform.CsvFile csv = org.estate.platform.CsvFile.spool(request, limits.maxBytes())) {
            if (dryRun) {
                return importer.checkIncidents(csv);
            }
            return Map.of("created", importer.importIncidents(csv));
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(org.estate.cmdb.ImportRejectedException.class)
    ResponseEntity<org.springframework.http.ProblemDetail> rejected(org.estate.cmdb.ImportRejectedException e) {
        org.springframework.http.ProblemDetail problem = e.problem();
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
