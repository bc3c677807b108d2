package org.estate.change.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.estate.change.internal.RecentChangeFinder;
import org.estate.cmdb.Cmdb;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.RecentChanges;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Changes")
class CiChangesApiController {

    private final RecentChangeFinder finder;
    private final Cmdb cmdb;
    private final Clock clock;

    CiChangesApiController(RecentChangeFinder finder, Cmdb cmdb, Clock clock) {
        this.finder = finder;
        this.cmdb = cmdb;
        this.clock = clock;
    }

    /** Changes on a CI or on what it relies on, {@code days} back and ahead of now. */
    record CiChanges(long ci, int days, Instant from, Instant to, List<RecentChanges.Change> changes) {
    }

    /**
     * What changed on a CI, or on anything it relies on: changes (not cancelled or rejected) whose
     * window overlaps the last {@code days} days or the next {@code days} days; each says which CI it
     * touches and whether directly or via a dependency (and how many steps away). Latest start first.
     *
     * @param id   the CI
     * @param days how far back and ahead, 1 to 30 (default 3)
     */
    @GetMapping("/api/v1/cis/{id}/changes")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Changes on the CI or on what it relies on, recent and upcoming (days back and ahead, default 3, at most 30); 404 for an unknown CI")
    CiChanges changes(@PathVariable long id, @RequestParam(required = false) String days) {
        int d = days(days);
        cmdb.get(id); // 404 for an unknown CI
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofDays(d));
        Instant to = now.plus(Duration.ofDays(d));
        return new CiChanges(id, d, from, to, finder.around(List.of(id), from, to));
    }

    static int days(String days) {
        if (days == null || days.isBlank()) {
            return 3;
        }
        try {
            int d = Integer.parseInt(days.strip());
            if (d >= 1 && d <= RecentChangeFinder.MAX_DAYS) {
                return d;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ValidationException("days", "days must be a whole number from 1 to " + RecentChangeFinder.MAX_DAYS);
    }
}
