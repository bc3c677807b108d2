package org.estate.servicedesk.web;

import org.springframework.web.bind.annotation.RequestParam;
import org.estate.platform.Paging;
import org.estate.platform.PageResult;
import org.estate.platform.SortOptions;
import java.util.List;
import java.util.Map;

import org.estate.platform.Etags;
import org.estate.servicedesk.SlaPolicyView;
import org.estate.servicedesk.internal.SlaPolicyService;
import org.estate.servicedesk.internal.SlaPolicyService.PolicyInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/sla-policies")
@Tag(name = "SLA policies")
class SlaPolicyApiController {

    private final SlaPolicyService policies;

    SlaPolicyApiController(SlaPolicyService policies) {
        this.policies = policies;
    }

    static final SortOptions<SlaPolicyView> SORT = SortOptions.<SlaPolicyView>by("name")
        .text("name", "name", SlaPolicyView::name).text("key", "policy_key", SlaPolicyView::key)
        .value("type", "ticket_type", SlaPolicyView::ticketType).value("priority", "priority", SlaPolicyView::priority)
        .tieBreaker("policy_key", SlaPolicyView::key);

    /**
     * SLA policies with their current targets, in the paging envelope.
     *
     * @param sort name, key, type or priority ({@code -} for descending)
     * @param page the page, from 0
     * @param size policies per page (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "SLA policies with their current targets")
    PageResult<SlaPolicyView> listSlaPolicies(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                              @RequestParam(required = false) Integer size) {
        return SORT.page(policies.list(), SORT.parse(sort), Paging.of(page, size));
    }

    @GetMapping("/{key}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One SLA policy, with its ETag")
    ResponseEntity<SlaPolicyView> get(@PathVariable String key) {
        SlaPolicyView p = policies.get(key);
        return ResponseEntity.ok().eTag(Etags.of(p.version())).body(p);
    }

    @PutMapping("/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Change a policy's targets (200) or create one (201); tickets already open keep their targets. If-Match optional (412 when stale)")
    ResponseEntity<SlaPolicyView> put(@PathVariable String key, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      @RequestBody PolicyInput input) {
        Long expected = ifMatch == null ? null : Etags.versionFrom(ifMatch);
        Map.Entry<SlaPolicyView, Boolean> result = policies.put(key, expected, input);
        return ResponseEntity.status(result.getValue() ? HttpStatus.CREATED : HttpStatus.OK)
            .eTag(Etags.of(result.getKey().version())).body(result.getKey());
    }
}
