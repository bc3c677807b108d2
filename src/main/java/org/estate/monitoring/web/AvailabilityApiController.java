package org.estate.monitoring.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.estate.monitoring.internal.availability.AvailabilityService;
import org.estate.monitoring.internal.availability.MonthlyAvailability;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/** Availability of a CI or business service through the graph, and the monthly report per business service. */
@RestController
@Tag(name = "Monitoring")
class AvailabilityApiController {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private final AvailabilityService availability;
    private final MonthlyAvailability monthly;
    private final Clock clock;

    AvailabilityApiController(AvailabilityService availability, MonthlyAvailability monthly, Clock clock) {
        this.availability = availability;
        this.monthly = monthly;
        this.clock = clock;
    }

    /**
     * @param from start of the period, like 2026-01-01T00:00:00Z (default: 30 days before {@code to})
     * @param to   end of the period, excluded (default: now); the part after now counts as nothing
     */
    @GetMapping("/api/v1/cis/{id}/availability")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Availability of a CI or business service over [from, to) through the dependency graph: upPercent (maintenance left out of the span), down, degraded and maintenance seconds; target and met for a business service with an availabilityTarget. 404 unknown CI; 422 for a bad period (to not after from, over 400 days)")
    AvailabilityService.Figures ci(@PathVariable long id, @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to) {
        Instant end = instant("to", to);
        if (end == null) {
            end = clock.instant();
        }
        Instant start = instant("from", from);
        if (start == null) {
            start = end.minus(Duration.ofDays(30));
        }
        return availability.of(id, start, end);
    }

    /**
     * @param from the first month, like 2026-01 (default: eleven months before {@code to})
     * @param to   the last month, included (default: this month)
     */
    @GetMapping("/api/v1/monitoring/availability/monthly")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Monthly availability of every business service against its target (months in Europe/London, at most 36), published under the Open Government Licence v3.0")
    MonthlyAvailability.Report monthly(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return report(monthly, from, to);
    }

    /**
     * @param from  the first month, like 2026-01 (default: eleven months before {@code to})
     * @param to    the last month, included (default: this month)
     * @param excel true for Excel: a byte-order mark so that it reads the file as UTF-8
     */
    @GetMapping("/api/v1/monitoring/availability/monthly.csv")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The monthly availability report as CSV (one row per service and month; ?excel=true for Excel), published under the Open Government Licence v3.0 (named in the Link header)")
    void monthlyCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) boolean excel, HttpServletResponse response) {
        AvailabilityCsv.write(report(monthly, from, to), response, excel);
    }

    static MonthlyAvailability.Report report(MonthlyAvailability monthly, String from, String to) {
        var last = MonthlyAvailability.month("to", to, monthly.thisMonth());
        var first = MonthlyAvailability.month("from", from, last.minusMonths(11));
        return monthly.report(first, last);
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant i = Instant.parse(value.strip());
            if (!i.isBefore(EARLIEST) && i.isBefore(LATEST)) {
                return i;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new ValidationException(field, field + " must be an instant like 2026-01-01T00:00:00Z, from 2000 to 2100");
    }
}
