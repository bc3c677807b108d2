package org.estate.servicedesk.web;

import org.estate.servicedesk.CiTickets;
import org.estate.servicedesk.internal.CiTicketFinder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The service desk's work on one CI, under the CI's path (the service desk owns tickets; the CMDB never reads them). */
@RestController
@Tag(name = "Incidents")
class CiTicketsApiController {

    private final CiTicketFinder finder;

    CiTicketsApiController(CiTicketFinder finder) {
        this.finder = finder;
    }

    /**
     * The incidents, requests, problems and known errors naming a CI: open ones, and those resolved or closed in the last 90 days.
     *
     * <p>Each list holds at most 50; open ones most urgent first, recent ones latest first. 404 when there is no such CI.
     *
     * @param id the CI's id
     */
    @GetMapping("/api/v1/cis/{id}/tickets")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The incidents, requests, problems and known errors naming a CI, open and recent")
    CiTickets listCiTickets(@PathVariable long id) {
        return finder.forCi(id);
    }
}
