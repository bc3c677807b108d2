package org.estate.servicedesk.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.estate.platform.Etags;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.servicedesk.TicketEvent;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.TicketService;
import org.estate.servicedesk.internal.TicketService.RequestInput;
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
@RequestMapping("/api/v1/requests")
@Tag(name = "Service requests")
class RequestApiController extends TicketEndpoints {

    RequestApiController(TicketService tickets, JsonMapper json) {
        super(tickets, json, "request");
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ENGINEER', 'REQUESTER')")
    @Operation(summary = "Raise a request from a catalogue item: 422 when the answers don't fit the item's fields")
    ResponseEntity<TicketView> create(@RequestBody RequestInput input, Authentication auth) {
        TicketView t = tickets.openRequest(input, Actors.of(auth));
        return ResponseEntity.created(URI.create("/api/v1/requests/" + t.ref())).eTag(Etags.of(t.version())).body(t);
    }

    record Decision(String decision, String note) {
    }

    @PostMapping("/{ref}/approval")
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "A manager approves or rejects a request waiting for approval: 403 for the requester or a non-manager, 409 when not waiting")
    ResponseEntity<TicketView> approval(@PathVariable String ref, @RequestBody Decision body, Authentication auth) {
        TicketView t = tickets.decide(ref, body.decision(), body.note(), Actors.of(auth));
        return ResponseEntity.ok().eTag(Etags.of(t.version())).body(t);
    }

    /**
     * Find requests, sorted and paged; a requester sees only their own.
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
     * @param sort           ref, title, status, priority, team, assignee, reporter, opened, updated or due; {@code -} before a
     *                       field for descending; several comma-separated; 422 for any other field
     * @param page           the page, from 0
     * @param size           tickets per page (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasAnyRole('VIEWER', 'REQUESTER')")
    @Operation(summary = "Find requests. dueBefore/dueAfter: the earliest running SLA target; breachedAfter/breachedBefore: when a target was missed; a requester sees only their own")
    PageResult<TicketView> listRequests(@RequestParam(required = false) List<String> status, @RequestParam(required = false) List<String> priority,
                                  @RequestParam(required = false) String team, @RequestParam(required = false) String assignee,
                                  @RequestParam(required = false) Boolean breached, @RequestParam(required = false) String dueBefore,
                                  @RequestParam(required = false) String dueAfter, @RequestParam(required = false) String breachedAfter,
                                  @RequestParam(required = false) String breachedBefore, @RequestParam(required = false) String q,
                                  @RequestParam(required = false) String requester, @RequestParam(required = false) Boolean unassigned,
                                  @RequestParam(required = false) Boolean active, @RequestParam(required = false) String sort,
                                  @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size, Authentication auth) {
        return tickets.search(IncidentApiController.filter("request", status, priority, team, assignee, breached, dueBefore, dueAfter, breachedAfter,
            breachedBefore, q, requester, unassigned, active), TicketService.SORT.parse(sort), Paging.of(page, size), Actors.of(auth));
    }

    /**
     * The requests the list gives for the same filters and order, every page of them, as CSV; a
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
     * @param sort           as the list
     * @param excel          true: a UTF-8 byte order mark and CRLF line ends, for Excel (default: neither)
     */
    @GetMapping(path = "/export", produces = "text/csv")
    @PreAuthorize("hasAnyRole('VIEWER', 'REQUESTER')")
    @Operation(summary = "Requests as CSV: exactly the requests the list gives for the same filters, in its order")
    void exportRequests(@RequestParam(required = false) List<String> status, @RequestParam(required = false) List<String> priority,
                   @RequestParam(required = false) String team, @RequestParam(required = false) String assignee,
                   @RequestParam(required = false) Boolean breached, @RequestParam(required = false) String dueBefore,
                   @RequestParam(required = false) String dueAfter, @RequestParam(required = false) String breachedAfter,
                   @RequestParam(required = false) String breachedBefore, @RequestParam(required = false) String q,
                   @RequestParam(required = false) String requester, @RequestParam(required = false) Boolean unassigned,
                   @RequestParam(required = false) Boolean active, @RequestParam(required = false) String sort,
                   @RequestParam(required = false) boolean excel, Authentication auth,
                   jakarta.servlet.http.HttpServletResponse response) {
        TicketCsv.tickets(tickets, IncidentApiController.filter("request", status, priority, team, assignee, breached, dueBefore, dueAfter,
            breachedAfter, breachedBefore, q, requester, unassigned, active), TicketService.SORT.parse(sort), Actors.of(auth),
            "requests.csv", excel, response);
    }
}
