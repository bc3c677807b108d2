package org.estate.change.web;

import java.time.Instant;

import org.estate.change.internal.CalendarFeed;
import org.estate.change.internal.ChangeCalendar;
import org.estate.platform.FeedPaths;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/changes")
@Tag(name = "Changes")
class ChangeCalendarApiController {

    static final String FEED_PATH = "/api/v1/changes/calendar.ics";

    private final ChangeCalendar calendar;
    private final CalendarFeed feed;

    ChangeCalendarApiController(ChangeCalendar calendar, CalendarFeed feed) {
        this.calendar = calendar;
        this.feed = feed;
    }

    /**
     * The change calendar over a range of at most 400 days.
     *
     * @param from    required: the range's start, an instant
     * @param to      required: the range's end, an instant after from
     * @param team    a team key: only that team's changes
     * @param ci      a CI id: only changes naming it, freezes covering it and its maintenance windows
     * @param service a business service's CI id: as ci, for the service and everything it relies on
     */
    @GetMapping("/calendar")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Changes (all but cancelled and rejected), freezes and maintenance-window occurrences overlapping from–to (at most 400 days); filters team, ci, service; 422 for a missing or bad range")
    ChangeCalendar.View calendar(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String team, @RequestParam(required = false) String ci,
                                 @RequestParam(required = false) String service) {
        Instant[] range = ChangeCalendar.range(from, to);
        return calendar.calendar(range[0], range[1], calendar.filter(team, ci, service));
    }

    /**
     * The change calendar as an iCalendar feed to subscribe to, from 30 days back to 12 months ahead;
     * read with a feed token ({@code ?feed=}, from {@code POST /api/v1/feed-tokens}) and nothing else.
     *
     * @param feed    a feed token
     * @param team    as the calendar
     * @param ci      as the calendar
     * @param service as the calendar
     */
    @GetMapping(path = "/calendar.ics", produces = "text/calendar")
    @PreAuthorize("hasAuthority('" + FeedPaths.FEED_AUTHORITY + "') and hasRole('VIEWER')")
    @Operation(summary = "The change calendar as iCalendar (changes, freezes, maintenance windows; 30 days back to 12 months ahead); 401 without a valid feed token in ?feed=")
    ResponseEntity<String> ics(@RequestParam(required = false) String feed, @RequestParam(required = false) String team,
                               @RequestParam(required = false) String ci, @RequestParam(required = false) String service) {
        String body = this.feed.ics(calendar.filter(team, ci, service));
        return ResponseEntity.ok().contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
            .cacheControl(CacheControl.noStore()).header("Content-Disposition", "inline; filename=\"changes.ics\"").body(body);
    }
}
