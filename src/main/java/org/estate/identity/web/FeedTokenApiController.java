package org.estate.identity.web;

import java.net.URI;
import org.estate.identity.FeedTokens;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.SortOptions;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's own feed tokens (for subscribing to the change calendar and other read-only feeds). */
@RestController
@RequestMapping("/api/v1/feed-tokens")
@Tag(name = "Feed tokens")
class FeedTokenApiController {

    private final FeedTokens tokens;

    FeedTokenApiController(FeedTokens tokens) {
        this.tokens = tokens;
    }

    record NewFeedToken(String name) {
    }

    @PostMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Create a feed token for yourself: the token is in this answer only (stored hashed); it reads calendar feeds (?feed=) as you, and nothing else")
    ResponseEntity<FeedTokens.Created> create(@RequestBody(required = false) NewFeedToken body, Authentication auth) {
        FeedTokens.Created t = tokens.create(auth.getName(), body == null ? null : body.name());
        return ResponseEntity.created(URI.create("/api/v1/feed-tokens/" + t.id())).body(t);
    }

    static final SortOptions<FeedTokens.View> SORT = SortOptions.<FeedTokens.View>by("name")
        .text("name", "name", FeedTokens.View::name).value("created", "created_at", FeedTokens.View::createdAt)
        .value("lastUsed", "last_used_at", FeedTokens.View::lastUsedAt).tieBreaker("id", FeedTokens.View::id);

    /**
     * Your feed tokens (names and the first characters, never the tokens), in the paging envelope.
     *
     * @param sort name, created or lastUsed ({@code -} for descending)
     * @param page the page, from 0
     * @param size tokens per page (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Your feed tokens: names and the first characters, never the tokens; paged")
    PageResult<FeedTokens.View> list(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size, Authentication auth) {
        return SORT.page(tokens.list(auth.getName()), SORT.parse(sort), Paging.of(page, size));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Revoke one of your feed tokens: feeds stop answering it at once; 404 for one that is not yours")
    ResponseEntity<Void> revoke(@PathVariable long id, Authentication auth) {
        tokens.revoke(auth.getName(), id);
        return ResponseEntity.noContent().build();
    }
}
