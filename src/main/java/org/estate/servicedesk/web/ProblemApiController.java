package org.estate.servicedesk.web;

import org.estate.platform.SortOptions;
import java.net.URI;
import java.util.List;

import org.estate.platform.Etags;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.servicedesk.KnownErrorView;
import org.estate.servicedesk.ProblemView;
import org.estate.servicedesk.internal.ProblemService;
import org.estate.servicedesk.internal.ProblemService.ProblemInput;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Problems and known errors")
class ProblemApiController {

    private final ProblemService problems;
    private final JsonMapper json;

    ProblemApiController(ProblemService problems, JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    @PostMapping("/problems")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Raise a problem linked to incidents and CIs")
    ResponseEntity<ProblemView> create(@RequestBody ProblemInput input) {
        ProblemView p = problems.create(input);
        return ResponseEntity.created(URI.create("/api/v1/problems/" + p.ref())).eTag(Etags.of(p.version())).body(p);
    }

    /**
     * Find problems by status, known-error flag and text, sorted and paged.
     *
     * @param status     open, resolved or closed; several (comma-separated or repeated) mean any of them
     * @param knownError true: known errors only; false: not known errors
     * @param q          the reference, or words in the title or workaround
     * @param sort       ref, title, status, team, assignee, created or updated ({@code -} for descending; default {@code -ref})
     * @param page       the page, from 0
     * @param size       problems per page (default 50, at most 500)
     */
    @GetMapping("/problems")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Find problems by status, known-error flag and text")
    PageResult<ProblemView> listProblems(@RequestParam(required = false) List<String> status, @RequestParam(required = false) Boolean knownError,
                                         @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                                         @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return problems.search(status, knownError, q, ProblemService.SORT.parse(sort), Paging.of(page, size));
    }

    /**
     * The problems the list gives for the same filters and order, every page of them, as CSV.
     *
     * @param status     as the list
     * @param knownError as the list
     * @param q          as the list
     * @param sort       as the list
     * @param excel      true: a UTF-8 byte order mark and CRLF line ends, for Excel (default: neither)
     */
    @GetMapping(path = "/problems/export", produces = "text/csv")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Problems as CSV: exactly the problems the list gives for the same filters, in its order")
    void exportProblems(@RequestParam(required = false) List<String> status, @RequestParam(required = false) Boolean knownError,
                        @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                        @RequestParam(required = false) boolean excel, jakarta.servlet.http.HttpServletResponse response) {
        TicketCsv.problems(problems, status, knownError, q, ProblemService.SORT.parse(sort), excel, response);
    }

    @GetMapping("/problems/{ref}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One problem with its incidents and CIs; ETag")
    ResponseEntity<ProblemView> get(@PathVariable String ref) {
        ProblemView p = problems.get(ref);
        return ResponseEntity.ok().eTag(Etags.of(p.version())).body(p);
    }

    @PatchMapping(path = "/problems/{ref}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Change a problem (rootCause, workaround, knownError, status, …) with a JSON merge patch; If-Match required")
    ResponseEntity<ProblemView> patch(@PathVariable String ref, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      @RequestBody JsonNode patch) {
        long version = Etags.versionFrom(ifMatch);
        ProblemView p = problems.patch(ref, version, TicketEndpoints.fields(json, patch));
        return ResponseEntity.ok().eTag(Etags.of(p.version())).body(p);
    }

    /**
     * Known errors on a CI and/or with text like q, best matches first; with neither, every known error
     * not closed; in the paging envelope.
     *
     * @param ci   a CI id: known errors naming it
     * @param q    words in the title or workaround
     * @param sort ref, title or status ({@code -} for descending); default: best match first
     * @param page the page, from 0
     * @param size known errors per page (default 50, at most 500)
     */
    @GetMapping("/known-errors")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Known errors: on a CI and/or with text like q (best matches first), or all not closed")
    PageResult<KnownErrorView> listKnownErrors(@RequestParam(required = false) Long ci, @RequestParam(required = false) String q,
                                               @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size) {
        Sort order = sort == null || sort.isBlank() ? null : ProblemService.KNOWN_ERROR_SORT.parse(sort);
        if (ci == null && (q == null || q.isBlank())) {
            // No filter: every known error that is not closed, as the page lists them.
            return problems.knownErrorList(null, order, Paging.of(page, size));
        }
        return ProblemService.KNOWN_ERROR_SORT.page(problems.knownErrors(ci, q), order, Paging.of(page, size));
    }
}
