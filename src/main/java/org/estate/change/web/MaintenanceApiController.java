package org.estate.change.web;

import org.estate.change.Maintenance;
import org.estate.change.MaintenanceView;
import org.estate.change.internal.FreezeService;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Changes")
class MaintenanceApiController {

    private final Maintenance maintenance;

    MaintenanceApiController(Maintenance maintenance) {
        this.maintenance = maintenance;
    }

    /** @param at the instant asked about, like 2027-03-07T02:30:00Z (required) */
    @GetMapping("/api/v1/maintenance")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The CIs in maintenance at an instant: of scheduled changes whose window contains it, of implementing changes from their planned start (overrunning ones too), of maintenance windows; each with the reason and until when")
    MaintenanceView at(@RequestParam(required = false) String at) {
        if (at == null || at.isBlank()) {
            throw new ValidationException("at", "Give the instant, like 2027-03-07T02:30:00Z");
        }
        return maintenance.at(FreezeService.instantParam("at", at));
    }
}
