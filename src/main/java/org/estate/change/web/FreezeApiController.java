package org.estate.change.web;

import java.net.URI;
import java.util.Map;

import org.estate.change.FreezeView;
import org.estate.change.internal.FreezeService;
import org.estate.platform.Etags;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.ValidationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
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
@RequestMapping("/api/v1/freezes")
@Tag(name = "Changes")
class FreezeApiController {

    private final FreezeService freezes;
    private final JsonMapper json;

    FreezeApiController(FreezeService freezes, JsonMapper json) {
        this.freezes = freezes;
        this.json = json;
    }

    /**
     * Freeze periods by start, in the paging envelope.
     *
     * @param from the freeze ends after this instant
     * @param to   the freeze starts before this instant
     */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Freeze periods by start, optionally those overlapping from/to; paged")
    PageResult<FreezeView> list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return freezes.list(FreezeService.instantParam("from", from), FreezeService.instantParam("to", to), Paging.of(page, size));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One freeze period; ETag")
    ResponseEntity<FreezeView> get(@PathVariable long id) {
        FreezeView f = freezes.get(id);
        return ResponseEntity.ok().eTag(Etags.of(f.version())).body(f);
    }

    @PostMapping
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Declare a freeze period {name, start, end, scope: \"all\" or {cis: [ids]}, hard, reason}; 422 per field")
    ResponseEntity<FreezeView> create(@RequestBody JsonNode body, Authentication auth) {
        FreezeView f = freezes.create(fields(body), ChangeActors.of(auth));
        return ResponseEntity.created(URI.create("/api/v1/freezes/" + f.id())).eTag(Etags.of(f.version())).body(f);
    }

    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Change a freeze with a JSON merge patch; If-Match required (428 without, 412 when stale)")
    ResponseEntity<FreezeView> patch(@PathVariable long id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @RequestBody JsonNode patch, Authentication auth) {
        long version = Etags.versionFrom(ifMatch);
        FreezeView f = freezes.patch(id, version, fields(patch), ChangeActors.of(auth));
        return ResponseEntity.ok().eTag(Etags.of(f.version())).body(f);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Delete a freeze period")
    ResponseEntity<Void> delete(@PathVariable long id, Authentication auth) {
        freezes.delete(id, ChangeActors.of(auth));
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> fields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException("", "The body must be a JSON object");
        }
        return json.convertValue(body, new TypeReference<Map<String, Object>>() { });
    }
}
