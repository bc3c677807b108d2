package org.estate.servicedesk.web;

import org.springframework.web.bind.annotation.RequestParam;
import org.estate.platform.Paging;
import org.estate.platform.PageResult;
import org.estate.platform.SortOptions;
import java.net.URI;
import java.util.List;

import org.estate.platform.Etags;
import org.estate.servicedesk.TeamView;
import org.estate.servicedesk.internal.TeamService;
import org.estate.servicedesk.internal.TeamService.TeamInput;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/teams")
@Tag(name = "Teams")
class TeamApiController {

    private final TeamService teams;

    TeamApiController(TeamService teams) {
        this.teams = teams;
    }

    static final SortOptions<TeamView> SORT = SortOptions.<TeamView>by("name")
        .text("name", "name", TeamView::name).text("key", "team_key", TeamView::key).text("email", "email", TeamView::email)
        .tieBreaker("team_key", TeamView::key);

    /**
     * Teams (assignment groups) with their members, in the paging envelope.
     *
     * @param sort name, key or email ({@code -} for descending)
     * @param page the page, from 0
     * @param size teams per page (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Teams (assignment groups) with their members")
    PageResult<TeamView> listTeams(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer size) {
        return SORT.page(teams.list(), SORT.parse(sort), Paging.of(page, size));
    }

    @GetMapping("/{key}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One team, with its ETag")
    ResponseEntity<TeamView> get(@PathVariable String key) {
        TeamView t = teams.get(key);
        return ResponseEntity.ok().eTag(Etags.of(t.version())).body(t);
    }

    @PostMapping
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Create a team: 409 for a duplicate key, 422 for an unknown member or a bad email")
    ResponseEntity<TeamView> create(@RequestBody TeamInput input) {
        TeamView t = teams.create(input);
        return ResponseEntity.created(URI.create("/api/v1/teams/" + t.key())).eTag(Etags.of(t.version())).body(t);
    }

    @PutMapping("/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Replace a team's name, email and members; If-Match optional (412 when stale)")
    ResponseEntity<TeamView> replace(@PathVariable String key, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @RequestBody TeamInput input) {
        TeamView t = teams.update(key, ifMatch == null ? null : Etags.versionFrom(ifMatch), input);
        return ResponseEntity.ok().eTag(Etags.of(t.version())).body(t);
    }
}
