package org.estate.identity.web;

import java.net.URI;
import java.util.List;

import org.estate.identity.FeedTokens;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Your feed tokens: names and the first characters, never the tokens")
    List<FeedTokens.View> list(Authentication auth) {
        return tokens.list(auth.getName());
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Revoke one of your feed tokens: feeds stop answering it at once; 404 for one that is not yours")
    ResponseEntity<Void> revoke(@PathVariable long id, Authentication auth) {
        tokens.revoke(auth.getName(), id);
        return ResponseEntity.noContent().build();
    }
}
