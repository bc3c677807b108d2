package org.estate.change.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.estate.change.ChangeView;
import org.estate.change.internal.ChangeSearch;
import org.estate.change.internal.ChangeService;
import org.estate.change.internal.ChangeWorkflow;
import org.estate.change.internal.ChangeWorkflow.StatusChange;
import org.estate.platform.AuditLog;
import org.estate.platform.Etags;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.ValidationException;
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
@RequestMapping("/api/v1/changes")
@Tag(name = "Changes")
class ChangeApiController {

    private final ChangeService changes;
    private final ChangeWorkflow workflow;
    private final ChangeSearch search;
    private final JsonMapper json;

    ChangeApiController(ChangeService changes, ChangeWorkflow workflow, ChangeSearch search, JsonMapper json) {
        this.workflow = workflow;
        this.changes = changes;
        this.search = search;
        this.json = json;
    }

    @PostMapping
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Raise a change: draft (normal, emergency) or scheduled at once (standard, from a template whose CI classes and maximum duration it keeps); 422 per field")
    ResponseEntity<ChangeView> create(@RequestBody JsonNode body, Authentication auth) {
        ChangeView c = changes.create(fields(body), ChangeActors.of(auth));
        return ResponseEntity.created(URI.create("/api/v1/changes/" + c.ref())).eTag(Etags.of(c.version())).body(c);
    }

    /**
     * Find changes, sorted and paged.
     *
     * @param status draft, assessment, scheduled, implementing, review, closed, rejected or cancelled; several mean any of them
     * @param type   standard, normal or emergency; several mean any of them
     * @param team   a team key (422 for a team that does not exist)
     * @param ci     a CI id: changes naming it
     * @param from   the window ends after this instant
     * @param to     the window starts before this instant
     * @param q      the reference, or words in the title or description
     * @param sort   start, end, title, status, type, updated or ref; {@code -} before a field for descending (default -start)
     * @param page   the page, from 0
     * @param size   changes per page (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Find changes: by status, type, team, CI, window (from/to) and text; paged")
    PageResult<ChangeView> list(@RequestParam(required = false) List<String> status, @RequestParam(required = false) List<String> type,
                                @RequestParam(required = false) String team, @RequestParam(required = false) String ci,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return search.search(search.filter(status, type, team, ci, from, to, q), ChangeSearch.SORT.parse(sort), Paging.of(page, size));
    }

    @GetMapping("/{ref}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One change with its impact, risk (with factors), collisions and approvals; ETag")
    ResponseEntity<ChangeView> get(@PathVariable String ref) {
        ChangeView c = changes.get(ref);
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    @GetMapping("/{ref}/history")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The change's timeline from the audit log, newest first")
    List<AuditLog.Entry> history(@PathVariable String ref) {
        return changes.history(ref);
    }

    @PatchMapping(path = "/{ref}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Change a change with a JSON merge patch; If-Match required (428 without, 412 when stale). Editing the window, CIs or plans of a scheduled change sends it back to assessment; riskOverride {level, reason} is a manager's")
    ResponseEntity<ChangeView> patch(@PathVariable String ref, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @RequestBody JsonNode patch, Authentication auth) {
        long version = Etags.versionFrom(ifMatch);
        ChangeView c = changes.patch(ref, version, fields(patch), ChangeActors.of(auth));
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    @PostMapping("/{ref}/submit")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Submit a draft for assessment (requester, implementer or a manager); 422 naming missing plans of a normal change; approvers are emailed")
    ResponseEntity<ChangeView> submit(@PathVariable String ref, Authentication auth) {
        ChangeView c = workflow.submit(ref, ChangeActors.of(auth));
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    @PostMapping("/{ref}/status")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Move along scheduled → implementing → review → closed, or cancel; 409 for a forbidden move; 422 when an outcome or review is missing")
    ResponseEntity<ChangeView> status(@PathVariable String ref, @RequestBody StatusChange move, Authentication auth) {
        ChangeView c = workflow.changeStatus(ref, move, ChangeActors.of(auth));
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    record Decision(String decision, String note, String freezeReason) {
    }

    @PostMapping("/{ref}/approvals")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Approve or reject a change in assessment: a manager (low/medium, emergency) or two CAB members (high/very-high); 403 for the requester or implementer; 409 when not awaiting approval; a rejection needs a note")
    ResponseEntity<ChangeView> decide(@PathVariable String ref, @RequestBody Decision decision, Authentication auth) {
        ChangeView c = workflow.decide(ref, decision.decision(), decision.note(), decision.freezeReason(), ChangeActors.of(auth));
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    private Map<String, Object> fields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException("", "The body must be a JSON object");
        }
        return json.convertValue(body, new TypeReference<Map<String, Object>>() { });
    }
}
