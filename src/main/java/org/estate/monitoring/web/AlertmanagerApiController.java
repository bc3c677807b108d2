package org.estate.monitoring.web;

import java.io.IOException;
import java.io.InputStream;

import org.estate.monitoring.internal.alerts.AlertIngest;
import org.estate.monitoring.internal.alerts.AlertmanagerWebhook;
import org.estate.platform.LimitedInputStream;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prometheus Alertmanager's webhook receiver: each alert becomes a result of an {@code external} check. */
@RestController
@Tag(name = "Monitoring")
class AlertmanagerApiController {

    /** The largest body read (413 beyond): a thousand alerts with generous labels fit. */
    static final long MAX_BODY_BYTES = 2 * 1024 * 1024;

    private final AlertIngest ingest;
    private final JsonMapper json;

    AlertmanagerApiController(AlertIngest ingest, JsonMapper json) {
        this.ingest = ingest;
        this.json = json;
    }

    /** How many alerts were matched to a CI and how many kept without one. */
    record Answer(int matched, int unmatched) {
    }

    @PostMapping("/api/v1/alerts/alertmanager")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Alertmanager webhook (version 4): each alert becomes a result of an external check keyed by its fingerprint, matched to a CI by its ci label (id or class:name) or its instance's host; firing is down (degraded for severity warning or info), resolved is up; unmatched alerts are kept. 422 for a body that is not version 4; 413 over 2 MB")
    Answer receive(HttpServletRequest request) throws IOException {
        JsonNode root;
        try (InputStream in = new LimitedInputStream(request.getInputStream(), MAX_BODY_BYTES)) {
            root = json.readTree(in);
        } catch (JacksonException e) {
            throw new ValidationException("body", "Send an Alertmanager webhook body (version 4) as JSON");
        }
        AlertIngest.Outcome outcome = ingest.ingest(AlertmanagerWebhook.read(root));
        return new Answer(outcome.matched(), outcome.unmatched());
    }
}
