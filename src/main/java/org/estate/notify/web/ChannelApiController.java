package org.estate.notify.web;

import java.net.URI;
import java.util.List;

import org.estate.notify.internal.ChannelService;
import org.estate.notify.internal.ChannelService.ChannelInput;
import org.estate.notify.internal.ChannelService.ChannelView;
import org.estate.platform.Etags;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
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

/** Configured channels (Teams, Slack, webhooks): their URL and secret go in and never come out. */
@RestController
@RequestMapping("/api/v1/channels")
@Tag(name = "Notifications")
class ChannelApiController {

    private final ChannelService channels;

    ChannelApiController(ChannelService channels) {
        this.channels = channels;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Configured channels (never their URL or secret: hasSecret says whether one is set)")
    List<ChannelView> listChannels() {
        return channels.list();
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Add a channel {key, type (teams, slack or webhook), url, secret?}: 409 for a duplicate key, 422 for a bad one")
    ResponseEntity<ChannelView> createChannel(@RequestBody ChannelInput input) {
        ChannelView c = channels.create(input);
        return ResponseEntity.created(URI.create("/api/v1/channels/" + c.key())).eTag(Etags.of(c.version())).body(c);
    }

    @GetMapping("/{key}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "One channel, with its ETag")
    ResponseEntity<ChannelView> getChannel(@PathVariable String key) {
        ChannelView c = channels.get(key);
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    @PutMapping("/{key}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace a channel's type and URL; its secret too when one is given (\"\" removes it, absent keeps it)")
    ResponseEntity<ChannelView> replaceChannel(@PathVariable String key, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                               @RequestBody ChannelInput input) {
        ChannelView c = channels.update(key, input, ifMatch == null ? -1 : Etags.versionFrom(ifMatch));
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    @DeleteMapping("/{key}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Delete a channel; messages still queued for it fail")
    ResponseEntity<Void> deleteChannel(@PathVariable String key) {
        channels.delete(key);
        return ResponseEntity.noContent().build();
    }
}
