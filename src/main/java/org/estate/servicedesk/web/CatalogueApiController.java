package org.estate.servicedesk.web;

import org.springframework.web.bind.annotation.RequestParam;
import org.estate.platform.Paging;
import org.estate.platform.PageResult;
import org.estate.platform.SortOptions;
import java.util.List;

import org.estate.servicedesk.CatalogueItem;
import org.estate.servicedesk.internal.CatalogueService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/catalogue")
@Tag(name = "Service requests")
class CatalogueApiController {

    private final CatalogueService catalogue;

    CatalogueApiController(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    static final SortOptions<CatalogueItem> SORT = SortOptions.<CatalogueItem>by("name")
        .text("name", "name", CatalogueItem::name).text("key", "item_key", CatalogueItem::key)
        .text("category", "category", CatalogueItem::category).text("team", "team_key", CatalogueItem::team)
        .tieBreaker("item_key", CatalogueItem::key);

    /**
     * The request catalogue: items with their form fields, approval and fulfilment team, in the paging envelope.
     *
     * @param sort name, key, category or team ({@code -} for descending)
     * @param page the page, from 0
     * @param size items per page (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasAnyRole('VIEWER', 'REQUESTER')")
    @Operation(summary = "The request catalogue: items with their form fields, approval and fulfilment team")
    PageResult<CatalogueItem> listCatalogueItems(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                                 @RequestParam(required = false) Integer size) {
        return SORT.page(catalogue.list(), SORT.parse(sort), Paging.of(page, size));
    }

    @org.springframework.web.bind.annotation.PutMapping("/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Create (201) or replace (200) a catalogue item: its form fields, approval, team and SLA policy; active=false retires it")
    org.springframework.http.ResponseEntity<CatalogueItem> put(@PathVariable String key,
            @org.springframework.web.bind.annotation.RequestHeader(value = "If-Match", required = false) String ifMatch,
            @org.springframework.web.bind.annotation.RequestBody CatalogueService.ItemInput input) {
        boolean created = catalogue.put(key, ifMatch == null ? null : org.estate.platform.Etags.versionFrom(ifMatch), input);
        CatalogueItem item = catalogue.findAny(key);
        return org.springframework.http.ResponseEntity.status(created ? 201 : 200).eTag(org.estate.platform.Etags.of(item.version())).body(item);
    }

    @GetMapping("/{key}")
    @PreAuthorize("hasAnyRole('VIEWER', 'REQUESTER')")
    @Operation(summary = "One catalogue item")
    CatalogueItem get(@PathVariable String key) {
        return catalogue.get(key);
    }
}
