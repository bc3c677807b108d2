package org.estate.change.web;

import java.net.URI;

import org.estate.change.ChangeTemplateView;
import org.estate.change.internal.ChangeTemplates;
import org.estate.change.internal.ChangeTemplates.TemplateInput;
import org.estate.platform.Etags;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/change-templates")
@Tag(name = "Changes")
class ChangeTemplateApiController {

    private final ChangeTemplates templates;

    ChangeTemplateApiController(ChangeTemplates templates) {
        this.templates = templates;
    }

    /**
     * The standard change templates, in the paging envelope.
     *
     * @param sort name, key or maxDuration ({@code -} for descending; default name)
     * @param page the page, from 0
     * @param size templates per page (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The standard change templates (the council starter set and any managers added), by name")
    PageResult<ChangeTemplateView> list(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size) {
        return ChangeTemplates.SORT.page(templates.list(), ChangeTemplates.SORT.parse(sort), Paging.of(page, size));
    }

    @GetMapping("/{key}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One standard change template")
    ResponseEntity<ChangeTemplateView> get(@PathVariable String key) {
        ChangeTemplateView t = templates.get(key);
        return ResponseEntity.ok().eTag(Etags.of(t.version())).body(t);
    }

    @PostMapping
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Create a standard change template; 409 for a duplicate key, 422 per field")
    ResponseEntity<ChangeTemplateView> create(@RequestBody TemplateInput input) {
        ChangeTemplateView t = templates.create(input);
        return ResponseEntity.created(URI.create("/api/v1/change-templates/" + t.key())).eTag(Etags.of(t.version())).body(t);
    }

    @PostMapping("/{key}/reinstate")
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Reinstate a template suspended after a failed change from it")
    ResponseEntity<ChangeTemplateView> reinstate(@PathVariable String key) {
        ChangeTemplateView t = templates.reinstate(key);
        return ResponseEntity.ok().eTag(Etags.of(t.version())).body(t);
    }
}
