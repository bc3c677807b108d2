package org.estate.monitoring.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.estate.cmdb.ImportRejectedException;
import org.estate.monitoring.internal.checks.CheckCsv;
import org.estate.monitoring.internal.checks.CheckList;
import org.estate.monitoring.internal.checks.CheckService;
import org.estate.monitoring.internal.checks.CheckView;
import org.estate.platform.CsvFile;
import org.estate.platform.CsvOutput;
import org.estate.platform.Etags;
import org.estate.platform.ImportProperties;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.platform.ValidationException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
@RequestMapping("/api/v1/checks")
@Tag(name = "Checks")
class CheckApiController {

    private final CheckService checks;
    private final CheckList list;
    private final CheckCsv csv;
    private final ImportProperties limits;
    private final JsonMapper json;

    CheckApiController(CheckService checks, CheckList list, CheckCsv csv, ImportProperties limits, JsonMapper json) {
        this.checks = checks;
        this.list = list;
        this.csv = csv;
        this.limits = limits;
        this.json = json;
    }

    @PostMapping
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Create a check: name, type, ci?, intervalSeconds? (10–86400, 60), timeoutMs? (100–60000, below the interval), "
        + "failureThreshold? (1–20, 3; 1 for a heartbeat), recoveryThreshold? (1–20, 1), enabled? (true), target {…}; 201 with id (and pingUrl for a heartbeat, "
        + "shown only here); 422 per field, target fields as target.<key>")
    ResponseEntity<CheckView> create(@RequestBody JsonNode body) {
        CheckView c = checks.create(fields(body));
        return ResponseEntity.created(URI.create("/api/v1/checks/" + c.id())).eTag(Etags.of(c.version())).body(c);
    }

    /**
     * Find checks, sorted and paged; each with its state, since and last result, never a secret.
     *
     * @param type  a check type (http, tcp…); several mean any of them
     * @param state up, degraded, down, unknown, paused or maintenance; several mean any of them
     * @param ci    the CI watched: its id, or class:name
     * @param q     words in the name
     * @param sort  name, type, state, since or id; {@code -} before a field for descending (default name)
     * @param page  the page, from 0
     * @param size  checks per page (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Find checks by type, state, CI and name; paged")
    PageResult<CheckView> search(@RequestParam(required = false) List<String> type, @RequestParam(required = false) List<String> state,
                                 @RequestParam(required = false) String ci, @RequestParam(required = false) String q,
                                 @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        return list.search(list.filter(type, state, ci, q), CheckList.SORT.parse(sort), Paging.of(page, size));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One check with its state and last result; secrets named in secretsSet, never given; ETag")
    ResponseEntity<CheckView> get(@PathVariable long id) {
        CheckView c = checks.get(id);
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Change a check with a JSON merge patch; If-Match required (428 without, 412 when stale). target is merged over "
        + "the stored one: omitted fields (secrets included) keep their value, null removes one. enabled=false pauses, true resumes")
    ResponseEntity<CheckView> patch(@PathVariable long id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                    @RequestBody JsonNode patch) {
        long version = Etags.versionFrom(ifMatch);
        CheckView c = checks.patch(id, version, fields(patch));
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Delete a check (its state history is kept)")
    ResponseEntity<Void> delete(@PathVariable long id) {
        checks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/ping-url")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Issue a heartbeat check a new ping URL, shown only in this answer; the old one stops working; 409 for other types")
    ResponseEntity<CheckView> newPingUrl(@PathVariable long id) {
        CheckView c = checks.newPingUrl(id);
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    /**
     * Imports checks from CSV ({@code name,type,ci,interval_seconds,failure_threshold,target}, target as JSON), all or
     * nothing; a row updates the check of the same name and type, else creates one. 422 lists every problem by row and cell.
     *
     * @param dryRun true to only check the file: 200 with what each row would do, and nothing written
     */
    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Import checks from CSV, all or nothing (dryRun=true checks the file and writes nothing); secrets allowed in, never out")
    Object importChecks(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun) throws IOException {
        try (CsvFile file = CsvFile.spool(request, limits.maxBytes())) {
            return dryRun ? csv.check(file) : csv.importChecks(file);
        }
    }

    /**
     * The checks the list gives for the same filters, in its order, as CSV in the import format, secrets left out.
     *
     * @param type  as the list
     * @param state as the list
     * @param ci    as the list
     * @param q     as the list
     * @param sort  as the list
     * @param excel true: a UTF-8 byte order mark and CRLF line ends, for Excel
     */
    @GetMapping(path = "/export", produces = "text/csv")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Checks as CSV in the import format (secrets left out); the same filters as the list")
    void export(@RequestParam(required = false) List<String> type, @RequestParam(required = false) List<String> state,
                @RequestParam(required = false) String ci, @RequestParam(required = false) String q,
                @RequestParam(required = false) String sort, @RequestParam(required = false) boolean excel,
                HttpServletResponse response) throws IOException {
        CheckList.Filter filter = list.filter(type, state, ci, q);
        Sort order = CheckList.SORT.parse(sort);
        csv.export(filter, order, CsvOutput.attachment(response, "checks.csv", excel));
    }

    @ExceptionHandler(ImportRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ImportRejectedException e) {
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(e.problem());
    }

    private Map<String, Object> fields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException("", "The body must be a JSON object");
        }
        return json.convertValue(body, new TypeReference<Map<String, Object>>() { });
    }
}
