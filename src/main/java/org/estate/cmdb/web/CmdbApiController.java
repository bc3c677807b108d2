package org.estate.cmdb.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.estate.cmdb.AttributeDefinition;
import org.estate.cmdb.AttributeType;
import org.estate.cmdb.Ci;
import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiFilter;
import org.estate.cmdb.CiRelationships;
import org.estate.cmdb.Cmdb;
import org.estate.cmdb.Dependency;
import org.estate.cmdb.GraphView;
import org.estate.cmdb.HistoryEntry;
import org.estate.cmdb.Impact;
import org.estate.cmdb.ImportRejectedException;
import org.estate.cmdb.ImportResult;
import org.estate.cmdb.Relationship;
import org.estate.cmdb.RelationshipInput;
import org.estate.platform.CsvFile;
import org.estate.platform.Etags;
import org.estate.platform.ImportProperties;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.platform.SortOptions;
import org.estate.platform.ValidationException;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "CMDB")
class CmdbApiController {

    private final Cmdb cmdb;
    private final JsonMapper json;

    private final ImportProperties limits;

    CmdbApiController(Cmdb cmdb, JsonMapper json, ImportProperties limits) {
        this.cmdb = cmdb;
        this.limits = limits;
        this.json = json;
    }

    // ---- classes -------------------------------------------------------------------------------

    static final SortOptions<CiClass> CLASS_SORT = SortOptions.<CiClass>by("label")
        .text("label", "label", CiClass::label).text("key", "class_key", CiClass::key).tieBreaker("class_key", CiClass::key);

    /**
     * CI classes with their attributes, in the paging envelope.
     *
     * @param sort label or key ({@code -} for descending)
     * @param page the page, from 0
     * @param size classes per page (default 50, at most 500)
     */
    @GetMapping("/ci-classes")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "CI classes with their attributes")
    PageResult<CiClass> listCiClasses(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return CLASS_SORT.page(cmdb.classes(), CLASS_SORT.parse(sort), Paging.of(page, size));
    }

    record AttributeRequest(String key, String label, String type, Boolean required, List<String> options) {
    }

    @PostMapping("/ci-classes/{key}/attributes")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a custom attribute to a class (admin only); in force at once")
    AttributeDefinition addAttribute(@PathVariable String key, @RequestBody AttributeRequest request) {
        AttributeType type = null;
        if (request.type() != null) {
            type = AttributeType.fromKey(request.type()).orElseThrow(() -> new ValidationException("type",
                "Unknown type '" + request.type() + "': use text, number, boolean, date, ip-address, url, email or enum"));
        }
        return cmdb.addAttribute(key, new AttributeDefinition(request.key(), request.label(), type,
            Boolean.TRUE.equals(request.required()), request.options(), false));
    }

    // ---- CIs -----------------------------------------------------------------------------------

    @PostMapping("/cis")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Create a CI: 409 for a duplicate class and name, 422 for invalid fields")
    ResponseEntity<Ci> create(@RequestBody JsonNode body) {
        Ci ci = cmdb.create(CiJson.fromJson(body));
        return ResponseEntity.created(URI.create("/api/v1/cis/" + ci.id())).eTag(Etags.of(ci.version())).body(ci);
    }

    /**
     * Find CIs by class, status, criticality, tag and text, sorted and paged.
     *
     * @param ciClass     class keys; several (comma-separated or repeated) mean any of them; 422 for an unknown class
     * @param status      planned, live, maintenance or retired; several mean any of them
     * @param criticality critical, high, medium or low; several mean any of them
     * @param tag         a tag the CI carries
     * @param q           text in the name, owner, description or any attribute value (host name, IP address, serial…)
     * @param sort        name, class, status, criticality, owner or updated; {@code -} before a field for descending;
     *                    several comma-separated; 422 for any other field
     * @param page        the page, from 0
     * @param size        CIs per page (default 50, at most 500)
     */
    @GetMapping("/cis")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Find CIs by class, status, criticality, tag and text")
    PageResult<Ci> listCis(@RequestParam(name = "class", required = false) List<String> ciClass,
                           @RequestParam(required = false) List<String> status,
                           @RequestParam(required = false) List<String> criticality,
                           @RequestParam(required = false) String tag,
                           @RequestParam(required = false) String q,
                           @RequestParam(required = false) String sort,
                           @RequestParam(required = false) Integer page,
                           @RequestParam(required = false) Integer size) {
        return cmdb.search(filter(ciClass, status, criticality, tag, q), cmdb.ciSort(sort), Paging.of(page, size));
    }

    static CiFilter filter(List<String> ciClass, List<String> status, List<String> criticality, String tag, String q) {
        return new CiFilter(CsvDownload.joined(ciClass), CsvDownload.joined(status), CsvDownload.joined(criticality),
            CsvDownload.blank(q), CsvDownload.blank(tag));
    }

    @GetMapping("/cis/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One CI, with its ETag")
    ResponseEntity<Ci> get(@PathVariable long id) {
        Ci ci = cmdb.get(id);
        return ResponseEntity.ok().eTag(Etags.of(ci.version())).body(ci);
    }

    @PatchMapping(path = "/cis/{id}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Change a CI with a JSON merge patch; If-Match required (428 without, 412 when stale)")
    ResponseEntity<Ci> patch(@PathVariable long id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                             @RequestBody JsonNode patch) {
        Ci current = cmdb.get(id);
        Etags.requireMatch(ifMatch, current.version());
        Ci updated = cmdb.update(id, current.version(), CiJson.mergePatch(current, patch, json));
        return ResponseEntity.ok().eTag(Etags.of(updated.version())).body(updated);
    }

    @DeleteMapping("/cis/{id}")
    @PreAuthorize("hasRole('ENGINEER')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a CI and its relationships, all audited")
    void delete(@PathVariable long id) {
        cmdb.delete(id);
    }

    static final SortOptions<HistoryEntry> HISTORY_SORT = SortOptions.<HistoryEntry>by("-at")
        .value("at", "occurred_at", HistoryEntry::at).text("actor", "actor", HistoryEntry::actor)
        .text("action", "action", HistoryEntry::action);

    /**
     * A CI's changes, newest first, in the paging envelope.
     *
     * @param id   the CI
     * @param sort at, actor or action ({@code -} for descending; default {@code -at})
     * @param page the page, from 0
     * @param size entries per page (default 50, at most 500)
     */
    @GetMapping("/cis/{id}/history")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "A CI's changes, newest first")
    PageResult<HistoryEntry> listCiHistory(@PathVariable long id, @RequestParam(required = false) String sort,
                                           @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Sort order = HISTORY_SORT.parse(sort);
        return HISTORY_SORT.page(cmdb.history(id), order, Paging.of(page, size));
    }

    // ---- relationships -------------------------------------------------------------------------

    @PostMapping("/relationships")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Create a relationship 'source TYPE target': 422 for an unknown type, a missing CI or a self-loop; 409 for a duplicate")
    ResponseEntity<Relationship> createRelationship(@RequestBody RelationshipInput input) {
        Relationship r = cmdb.createRelationship(input);
        return ResponseEntity.created(URI.create("/api/v1/relationships/" + r.id())).body(r);
    }

    @DeleteMapping("/relationships/{id}")
    @PreAuthorize("hasRole('ENGINEER')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a relationship")
    void deleteRelationship(@PathVariable long id) {
        cmdb.deleteRelationship(id);
    }

    @GetMapping("/cis/{id}/relationships")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "A CI's relationships both ways")
    CiRelationships relationships(@PathVariable long id) {
        return cmdb.relationships(id);
    }

    // ---- impact --------------------------------------------------------------------------------

    @GetMapping("/cis/{id}/impact")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "What stops working if this CI fails: business services first")
    Impact impact(@PathVariable long id) {
        try {
            return cmdb.impact(List.of(id));
        } catch (ValidationException e) {
            // The only thing that can be wrong with one id from the path is that it names no CI.
            throw new org.estate.platform.NotFoundException("No CI with id " + id);
        }
    }

    record ImpactRequest(List<Long> failed) {
    }

    @PostMapping("/impact")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "What stops working if all these CIs fail at once")
    Impact impact(@RequestBody ImpactRequest request) {
        return cmdb.impact(request.failed());
    }

    @GetMapping("/cis/{id}/dependencies")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Everything the CI relies on, transitively")
    List<Dependency> dependencies(@PathVariable long id) {
        return cmdb.dependencies(id);
    }

    /**
     * The CI's neighbourhood, for drawing.
     *
     * @param depth how many steps out, 1 to 4 (default 2)
     * @param types relationship types to follow (e.g. runs-on, depends-on); several allowed; all when absent
     */
    @GetMapping("/cis/{id}/graph")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The CI's neighbourhood up to depth steps out, for drawing; 422 for a depth outside 1 to 4 or an unknown type")
    GraphView graph(@PathVariable long id, @RequestParam(defaultValue = "2") int depth,
                    @RequestParam(required = false) List<String> types) {
        return cmdb.neighbourhood(id, depth, types == null ? List.of() : types);
    }

    // ---- CSV -----------------------------------------------------------------------------------

    /**
     * Imports CIs from CSV, all or nothing, or checks the file without writing anything. Upsert by
     * class and name; an empty cell keeps the stored value, {@code (clear)} clears it. 422 lists every
     * header and row problem with its row and column as Excel numbers them, and nothing is written.
     *
     * @param dryRun true to only check the file: 200 with the counts created, updated and unchanged and
     *               the first 1,000 rows' changes field by field, and nothing written
     */
    @PostMapping(path = "/cis/import", consumes = "text/csv")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Import CIs from CSV, all or nothing (dryRun=true checks the file and writes nothing): 422 lists every problem")
    Object importCis(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun) throws IOException {
        try (CsvFile csv = CsvFile.spool(request, limits.maxBytes())) {
            return dryRun ? cmdb.checkCis(csv) : cmdb.importCis(csv, Cmdb.ImportProgress.NONE);
        }
    }

    /**
     * Imports relationships from CSV, all or nothing, or checks the file without writing anything.
     * Upsert by source, type and target; 422 lists every header and row problem.
     *
     * @param dryRun true to only check the file: 200 with the counts and the first 1,000 rows' changes
     *               ({@code class} is the relationship type, {@code name} "source → target"), and nothing written
     */
    @PostMapping(path = "/relationships/import", consumes = "text/csv")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Import relationships from CSV, all or nothing (dryRun=true checks the file and writes nothing)")
    Object importRelationships(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun) throws IOException {
        try (CsvFile csv = CsvFile.spool(request, limits.maxBytes())) {
            return dryRun ? cmdb.checkRelationships(csv) : cmdb.importRelationships(csv, Cmdb.ImportProgress.NONE);
        }
    }

    /**
     * CIs as CSV in the import format: exactly the CIs the list gives for the same filters, in its order.
     *
     * @param ciClass     as the list
     * @param status      as the list
     * @param criticality as the list
     * @param tag         as the list
     * @param q           as the list
     * @param sort        as the list
     * @param excel       true: a UTF-8 byte order mark and CRLF line ends, for Excel (default: neither)
     */
    @GetMapping(path = "/cis/export", produces = "text/csv")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "CIs as CSV in the import format: exactly the CIs the list gives for the same filters, in its order")
    void exportCis(@RequestParam(name = "class", required = false) List<String> ciClass, @RequestParam(required = false) List<String> status,
                   @RequestParam(required = false) List<String> criticality, @RequestParam(required = false) String tag,
                   @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                   @RequestParam(required = false) boolean excel, HttpServletResponse response) throws IOException {
        CsvDownload.sendCis(cmdb, filter(ciClass, status, criticality, tag, q), sort, excel, response);
    }

    /**
     * Every relationship as CSV in the import format.
     *
     * @param excel true: a UTF-8 byte order mark and CRLF line ends, for Excel (default: neither)
     */
    @GetMapping(path = "/relationships/export", produces = "text/csv")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Relationships as CSV in the import format")
    void exportRelationships(@RequestParam(required = false) boolean excel, HttpServletResponse response) throws IOException {
        CsvDownload.send(response, "relationships.csv", out -> cmdb.exportRelationships(out, excel));
    }

    @ExceptionHandler(ImportRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ImportRejectedException e) {
        ProblemDetail problem = e.problem();
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
