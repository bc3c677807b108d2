package org.estate.servicedesk.web;

import java.util.List;
import java.util.Map;

import org.estate.platform.Etags;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.TicketEvent;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.TicketService;
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

import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What incidents and requests share under their own paths ({@code /api/v1/incidents/{ref}…},
 * {@code /api/v1/requests/{ref}…}): reading, merge-patching, updates, the timeline and the workflow.
 */
abstract class TicketEndpoints {

    protected final TicketService tickets;
    protected final JsonMapper json;
    private final String type;

    TicketEndpoints(TicketService tickets, JsonMapper json, String type) {
        this.tickets = tickets;
        this.json = json;
        this.type = type;
    }

    @GetMapping("/{ref}")
    @PreAuthorize("hasAnyRole('VIEWER', 'REQUESTER')")
    @Operation(summary = "One ticket with its SLA clock, affected CIs, impacted business services and known errors; ETag")
    public ResponseEntity<TicketView> get(@PathVariable String ref, Authentication auth) {
        TicketView t = tickets.get(ref, type, Actors.of(auth));
        return ResponseEntity.ok().eTag(Etags.of(t.version())).body(t);
    }

    @PatchMapping(path = "/{ref}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Change a ticket with a JSON merge patch; If-Match required (428 without, 412 when stale). A priority other than impact × urgency needs a manager and a priorityReason")
    public ResponseEntity<TicketView> patch(@PathVariable String ref, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @RequestBody JsonNode patch, Authentication auth) {
        long version = Etags.versionFrom(ifMatch);
        TicketView t = tickets.patch(ref, type, version, fields(json, patch), Actors.of(auth));
        return ResponseEntity.ok().eTag(Etags.of(t.version())).body(t);
    }

    static Map<String, Object> fields(JsonMapper json, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new ValidationException("", "A merge patch must be a JSON object");
        }
        return json.convertValue(patch, new TypeReference<Map<String, Object>>() { });
    }

    /**
     * Assign the ticket to the caller ("Assign to me").
     *
     * <p>When the caller is not in the ticket's team, the ticket moves to their team (the first of
     * their teams by key); 422 when they are in no team, 409 for a closed ticket.
     *
     * @param ref the ticket's reference, e.g. INC-12
     */
    @PostMapping("/{ref}/assign-to-me")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Assign the ticket to the caller; the team follows them when they are not in it")
    public ResponseEntity<TicketView> assignToMe(@PathVariable String ref, Authentication auth) {
        TicketView t = tickets.assignToMe(ref, type, Actors.of(auth));
        return ResponseEntity.ok().eTag(Etags.of(t.version())).body(t);
    }

    record UpdateRequest(String text, String visibility) {
    }

    @PostMapping("/{ref}/updates")
    @PreAuthorize("hasAnyRole('ENGINEER', 'REQUESTER')")
    @Operation(summary = "Add a work note (internal) or a customer update (emailed to the reporter; the first is the response)")
    public ResponseEntity<TicketEvent> update(@PathVariable String ref, @RequestBody UpdateRequest body, Authentication auth) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tickets.addUpdate(ref, type, body.text(), body.visibility(), Actors.of(auth)));
    }

    @GetMapping("/{ref}/updates")
    @PreAuthorize("hasAnyRole('VIEWER', 'REQUESTER')")
    @Operation(summary = "The ticket's timeline, oldest first (a requester sees customer-visible entries only)")
    public List<TicketEvent> timeline(@PathVariable String ref, Authentication auth) {
        return tickets.timeline(ref, type, Actors.of(auth));
    }

    @PostMapping("/{ref}/status")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Move along new → in-progress → on-hold → resolved → closed (reopen within the reopen period); 409 for a move the workflow forbids")
    public ResponseEntity<TicketView> status(@PathVariable String ref, @RequestBody StatusChange change, Authentication auth) {
        TicketView t = tickets.changeStatus(ref, type, change, Actors.of(auth));
        return ResponseEntity.ok().eTag(Etags.of(t.version())).body(t);
    }
}
