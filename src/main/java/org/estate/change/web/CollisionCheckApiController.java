package org.estate.change.web;

import java.util.Map;

import org.estate.change.CollisionCheck;
import org.estate.change.internal.CollisionChecks;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Changes")
class CollisionCheckApiController {

    private final CollisionChecks checks;
    private final JsonMapper json;

    CollisionCheckApiController(CollisionChecks checks, JsonMapper json) {
        this.checks = checks;
        this.json = json;
    }

    @PostMapping("/api/v1/changes/collisions")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "The collisions, impact and risk a proposed change (plannedStart, plannedEnd, affectedCis; exclude: the ref of the change being edited) would have; nothing is stored; 422 per field")
    CollisionCheck check(@RequestBody JsonNode body, Authentication auth) {
        if (body == null || !body.isObject()) {
            throw new ValidationException("", "The body must be a JSON object");
        }
        return checks.check(json.convertValue(body, new TypeReference<Map<String, Object>>() { }), ChangeActors.of(auth));
    }
}
