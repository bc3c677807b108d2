package org.estate.oncall.web;

import java.nio.charset.StandardCharsets;

import org.estate.identity.Users;
import org.estate.oncall.internal.RotaFeed;
import org.estate.platform.FeedPaths;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The on-call iCalendar feeds, read with a feed token ({@code ?feed=}, from {@code POST /api/v1/feed-tokens}) and nothing else. */
@RestController
@Tag(name = "On-call rotas")
class RotaFeedApiController {

    private static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final RotaFeed feed;
    private final Users users;

    RotaFeedApiController(RotaFeed feed, Users users) {
        this.feed = feed;
        this.users = users;
    }

    /**
     * A rota's schedule as an iCalendar feed to subscribe to.
     *
     * @param feed a feed token
     */
    @GetMapping(path = "/api/v1/rotas/{key}/calendar.ics", produces = "text/calendar")
    @PreAuthorize("hasAuthority('" + FeedPaths.FEED_AUTHORITY + "') and hasRole('VIEWER')")
    @Operation(summary = "A rota's schedule as iCalendar, 30 days back to 12 months ahead; 401 without a valid feed token in ?feed=")
    ResponseEntity<String> rota(@PathVariable String key, @RequestParam(required = false) String feed) {
        return ics(this.feed.rota(key), "rota-" + key);
    }

    /**
     * A person's on-call shifts on every rota as an iCalendar feed to subscribe to.
     *
     * @param feed a feed token
     */
    @GetMapping(path = "/api/v1/users/{username}/on-call.ics", produces = "text/calendar")
    @PreAuthorize("hasAuthority('" + FeedPaths.FEED_AUTHORITY + "') and hasRole('VIEWER')")
    @Operation(summary = "A person's on-call shifts on every rota as iCalendar, 30 days back to 12 months ahead; 401 without a valid feed token in ?feed=")
    ResponseEntity<String> person(@PathVariable String username, @RequestParam(required = false) String feed) {
        boolean known = username.length() <= 100 && users.find(username).isPresent();
        return ics(this.feed.person(username, known), "on-call");
    }

    private static ResponseEntity<String> ics(String body, String name) {
        String file = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return ResponseEntity.ok().contentType(CALENDAR).cacheControl(CacheControl.noStore())
            .header("Content-Disposition", "inline; filename=\"" + file + ".ics\"").body(body);
    }
}
