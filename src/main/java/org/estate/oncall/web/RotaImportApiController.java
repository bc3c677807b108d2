package org.estate.oncall.web;

import java.net.URI;

import org.estate.oncall.internal.RotaImportService;
import org.estate.oncall.internal.RotaImportService.ImportInput;
import org.estate.oncall.internal.RotaImportService.ImportResult;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Imports a schedule (and its escalation policy) from PagerDuty or Opsgenie, as their APIs export them. */
@RestController
@RequestMapping("/api/v1/rotas")
@Tag(name = "On-call rotas")
class RotaImportApiController {

    private final RotaImportService imports;

    RotaImportApiController(RotaImportService imports) {
        this.imports = imports;
    }

    @PostMapping("/import")
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Import a PagerDuty or Opsgenie schedule (and escalation policy) as their APIs return them: "
        + "{\"format\":\"pagerduty\"|\"opsgenie\",\"schedule\":{…},\"escalation\"?:{…},\"key\"?,\"policyKey\"?}; 201 with the rota "
        + "keys, the policy key and warnings for what could not be carried over; 422 listing unknown users (nothing is imported); "
        + "409 when a key exists")
    ResponseEntity<ImportResult> importSchedule(@RequestBody ImportInput input) {
        ImportResult r = imports.importSchedule(input);
        return ResponseEntity.created(URI.create("/api/v1/rotas/" + r.rotas().getFirst())).body(r);
    }
}
