package org.estate.change.web;

import java.util.Map;

import org.estate.change.internal.RiskPoints;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/change-risk-points")
@Tag(name = "Changes")
class RiskPointsApiController {

    private final RiskPoints points;
    private final JsonMapper json;

    RiskPointsApiController(RiskPoints points, JsonMapper json) {
        this.points = points;
        this.json = json;
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The points of each factor of the change risk model")
    Map<String, Integer> get() {
        return points.current();
    }

    @PutMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace the points of every factor of the change risk model (each 0 to 100); 422 naming each missing, unknown or bad one")
    Map<String, Integer> replace(@RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException("", "The body must be a JSON object of factor → points");
        }
        return points.replace(json.convertValue(body, new TypeReference<Map<String, Object>>() { }));
    }
}
