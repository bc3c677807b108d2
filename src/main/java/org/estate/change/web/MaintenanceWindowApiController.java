package org.estate.change.web;

import java.net.URI;
import java.util.Map;

import org.estate.change.MaintenanceWindowView;
import org.estate.change.internal.WindowService;
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
@RequestMapping("/api/v1/maintenance-windows")
@Tag(name = "Changes")
class MaintenanceWindowApiController {

    private final WindowService windows;
    private final JsonMapper json;

    MaintenanceWindowApiController(WindowService windows, JsonMapper json) {
        this.windows = windows;
        this.json = json;
    }

    /**
     * Maintenance windows by name, in the paging envelope.
     *
     * @param ci a CI id: the windows naming it
     */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Maintenance windows by name (each with its next occurrence), optionally those naming a CI; paged")
    PageResult<MaintenanceWindowView> list(@RequestParam(required = false) Long ci, @RequestParam(required = false) Integer page,
                                           @RequestParam(required = false) Integer size) {
        return windows.list(ci, Paging.of(page, size));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One maintenance window; ETag")
    ResponseEntity<MaintenanceWindowView> get(@PathVariable long id) {
        MaintenanceWindowView f = windows.get(id);
        return ResponseEntity.ok().eTag(Etags.of(f.version())).body(f);
    }

    @PostMapping
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Define a maintenance window: one-off {name, cis, start, end} or recurring {name, cis, rrule (RFC 5545, at most daily), zone (IANA), startTime (HH:MM local), durationMinutes (at most 10080), from (local date; default today)}; 422 per field")
    ResponseEntity<MaintenanceWindowView> create(@RequestBody JsonNode body, Authentication auth) {
        MaintenanceWindowView f = windows.create(fields(body), ChangeActors.of(auth));
        return ResponseEntity.created(URI.create("/api/v1/maintenance-windows/" + f.id())).eTag(Etags.of(f.version())).body(f);
    }

    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Change a maintenance window with a JSON merge patch; If-Match required (428 without, 412 when stale)")
    ResponseEntity<MaintenanceWindowView> patch(@PathVariable long id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @RequestBody JsonNode patch, Authentication auth) {
        long version = Etags.versionFrom(ifMatch);
        MaintenanceWindowView f = windows.patch(id, version, fields(patch), ChangeActors.of(auth));
        return ResponseEntity.ok().eTag(Etags.of(f.version())).body(f);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Delete a maintenance window")
    ResponseEntity<Void> delete(@PathVariable long id, Authentication auth) {
        windows.delete(id, ChangeActors.of(auth));
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> fields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException("", "The body must be a JSON object");
        }
        return json.convertValue(body, new TypeReference<Map<String, Object>>() { });
    }
}
