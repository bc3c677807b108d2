package org.estate.monitoring.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.monitoring.internal.CheckReadings;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.ValidationException;
import org.estate.platform.ValueLimits;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Running a check on demand, and what the engine has recorded of it: raw results and availability. */
@RestController
@RequestMapping("/api/v1/checks")
@Tag(name = "Checks")
class CheckRunsApiController {

    static final Duration MAX_RESULTS_SPAN = Duration.ofDays(31);
    static final Duration MAX_AVAILABILITY_SPAN = Duration.ofDays(400);

    /** A run: {@code state} is the result's, {@code checkState} the check's after it. */
    record RunView(Instant at, boolean ok, String state, long latencyMs, String message, Map<String, Object> values, String checkState) {
    }

    private final CheckEngine engine;
    private final CheckReadings readings;
    private final Clock clock;

    CheckRunsApiController(CheckEngine engine, CheckReadings readings, Clock clock) {
        this.engine = engine;
        this.readings = readings;
        this.clock = clock;
    }

    /** Runs the check now and records the result as a scheduled run would (thresholds, state change). */
    @PostMapping("/{id}/run")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Run the check now; the result is recorded as a scheduled run's would be; 404 for an unknown check")
    RunView run(@PathVariable long id) {
        CheckEngine.Run r = engine.runNow(id);
        return new RunView(r.at(), r.result().ok(), r.result().state(), r.result().latencyMs(), r.result().message(),
            r.result().values() == null ? Map.of() : r.result().values(), r.state());
    }

    /**
     * Raw results, newest first (kept for 7 days by default).
     *
     * @param from the span's start (default: 24 hours before to)
     * @param to   the span's end, excluded (default: now); at most 31 days after from
     */
    @GetMapping("/{id}/results")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The check's raw results in [from, to), newest first, paged; 422 for a bad span")
    PageResult<CheckReadings.Result> results(@PathVariable long id, @RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to, @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size) {
        Instant[] span = span(from, to, Duration.ofHours(24), MAX_RESULTS_SPAN);
        return readings.results(id, span[0], span[1], Paging.of(page, size));
    }

    /**
     * Availability from the check's state changes: up percent of the time it was up, degraded or
     * down (unknown, paused and maintenance time left out), and seconds down, degraded, in maintenance.
     *
     * @param from the span's start (default: 30 days before to)
     * @param to   the span's end (default: now); at most 400 days after from
     */
    @GetMapping("/{id}/availability")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The check's availability over [from, to): upPercent, downSeconds, degradedSeconds, maintenanceSeconds; 422 for a bad span")
    CheckReadings.Availability availability(@PathVariable long id, @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to) {
        Instant[] span = span(from, to, Duration.ofDays(30), MAX_AVAILABILITY_SPAN);
        return readings.availability(id, span[0], span[1]);
    }

    private Instant[] span(String from, String to, Duration defaultSpan, Duration max) {
        Instant t = to == null || to.isBlank() ? clock.instant() : instant("to", to);
        Instant f = from == null || from.isBlank() ? t.minus(defaultSpan) : instant("from", from);
        if (f.isAfter(t)) {
            throw new ValidationException("from", "from must not be after to");
        }
        if (Duration.between(f, t).compareTo(max) > 0) {
            throw new ValidationException("to", "Ask for at most " + max.toDays() + " days at once");
        }
        return new Instant[] {f, t};
    }

    private static Instant instant(String field, String value) {
        Instant i = null;
        String v = value.trim().replace(' ', '+');
        if (v.length() <= 64) {
            try {
                i = OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                i = null;
            }
        }
        if (i == null || !ValueLimits.inRange(i)) {
            throw new ValidationException(field, field + " must be an instant like 2027-03-01T00:00:00Z");
        }
        return i;
    }
}
