package org.estate.oncall.web;

import java.net.URI;
import java.util.List;

import org.estate.oncall.internal.PageService;
import org.estate.oncall.internal.PageService.PageInput;
import org.estate.oncall.internal.PageService.PageView;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
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
@RequestMapping("/api/v1/pages")
@Tag(name = "Pages")
class PageApiController {

    private final PageService pages;

    PageApiController(PageService pages) {
        this.pages = pages;
    }

    @PostMapping
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Page a policy, a team or a user (or an incident's team): 201 with the page; 409 when the incident has an open page; 422 naming each bad field")
    ResponseEntity<PageView> raise(@RequestBody PageInput input, Authentication auth) {
        PageView p = pages.raise(input, auth.getName());
        return ResponseEntity.created(URI.create("/api/v1/pages/" + p.id())).body(p);
    }

    /**
     * Pages, newest first.
     *
     * @param status triggered, acknowledged or resolved; several (comma-separated or repeated) mean any of them
     * @param page   the page of results, from 0
     * @param size   pages per page of results (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Pages, newest first, in the paging envelope (notifications are listed on each page's own GET)")
    PageResult<PageView> list(@RequestParam(required = false) List<String> status, @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        return pages.list(status, Paging.of(page, size));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One page: its status, level, who acknowledged it and when, and every notification it sent")
    PageView get(@PathVariable long id) {
        return pages.get(id);
    }

    @PostMapping("/{id}/acknowledge")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Acknowledge a page: escalation stops and its queued notifications are cancelled; 409 when it is resolved")
    PageView acknowledge(@PathVariable long id, Authentication auth) {
        return pages.acknowledge(id, auth.getName(), "API");
    }

    @PostMapping("/{id}/resolve")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Resolve a page; 409 when it is resolved already")
    PageView resolve(@PathVariable long id, Authentication auth) {
        return pages.resolve(id, auth.getName());
    }
}
