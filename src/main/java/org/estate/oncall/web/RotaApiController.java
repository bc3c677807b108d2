package org.estate.oncall.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.estate.oncall.internal.OnCallLoad;
import org.estate.oncall.internal.RotaFields.RotaInput;
import org.estate.oncall.internal.RotaService;
import org.estate.oncall.internal.RotaService.OnCall;
import org.estate.oncall.internal.RotaService.OverrideInput;
import org.estate.oncall.internal.RotaService.OverrideView;
import org.estate.oncall.internal.RotaService.RotaView;
import org.estate.oncall.internal.RotaService.ShiftView;
import org.estate.platform.Etags;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/rotas")
@Tag(name = "On-call rotas")
class RotaApiController {

    private final RotaService rotas;
    private final OnCallLoad load;

    private final io.micrometer.core.instrument.Timer onCallTimer;
    private final java.time.Clock clock;

    RotaApiController(RotaService rotas, OnCallLoad load, io.micrometer.core.instrument.MeterRegistry meters, java.time.Clock clock) {
        this.rotas = rotas;
        this.load = load;
        this.clock = clock;
        // Who is on call, in-process: the rota arithmetic and its two reads, without HTTP, security or JSON
        // (Prometheus: estate_oncall_on_call_seconds).
        this.onCallTimer = io.micrometer.core.instrument.Timer.builder("estate.oncall.on.call")
            .description("Answering who is on call on a rota at an instant").publishPercentiles(0.5, 0.95, 0.99).register(meters);
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Every rota with its layers")
    List<RotaView> list() {
        return rotas.list();
    }

    @GetMapping("/{key}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One rota, with its ETag")
    ResponseEntity<RotaView> get(@PathVariable String key) {
        RotaView r = rotas.get(key);
        return ResponseEntity.ok().eTag(Etags.of(r.version())).body(r);
    }

    @PostMapping
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Create a rota: 409 for a duplicate key, 422 naming each field out of range (unknown member, bad zone, hand-off or restriction)")
    ResponseEntity<RotaView> create(@RequestBody RotaInput input) {
        RotaView r = rotas.create(input);
        return ResponseEntity.created(URI.create("/api/v1/rotas/" + r.key())).eTag(Etags.of(r.version())).body(r);
    }

    @PutMapping("/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Replace a rota's name, zone and layers; If-Match optional (412 when stale)")
    ResponseEntity<RotaView> replace(@PathVariable String key, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @RequestBody RotaInput input) {
        RotaView r = rotas.update(key, ifMatch == null ? null : Etags.versionFrom(ifMatch), input);
        return ResponseEntity.ok().eTag(Etags.of(r.version())).body(r);
    }

    /**
     * Who is on call at an instant.
     *
     * @param at ISO-8601 with an offset (default now)
     */
    @GetMapping("/{key}/on-call")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Who is on call at an instant (default now): users empty when nobody covers; layer is the layer's name or 'override'")
    OnCall onCall(@PathVariable String key, @RequestParam(required = false) String at) {
        Instant when = at == null ? clock.instant() : instant("at", at);
        return onCallTimer.record(() -> rotas.onCall(key, when));
    }

    /**
     * The final schedule over a span.
     *
     * @param from required: the span's start, ISO-8601 with an offset
     * @param to   required: the span's end, after from and at most 400 days on
     */
    @GetMapping("/{key}/shifts")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The final schedule from–to (at most 400 days): who covers, from the layers by precedence and the overrides")
    List<ShiftView> shifts(@PathVariable String key, @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant[] span = span(from, to);
        return rotas.shifts(key, span[0], span[1]);
    }

    /**
     * Overrides overlapping a span.
     *
     * @param from required: the span's start, ISO-8601 with an offset
     * @param to   required: the span's end, after from and at most 400 days on
     */
    @GetMapping("/{key}/overrides")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Overrides overlapping from–to (at most 400 days)")
    List<OverrideView> overrides(@PathVariable String key, @RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to) {
        Instant[] span = span(from, to);
        return rotas.overrideViews(key, span[0], span[1]);
    }

    @PostMapping("/{key}/overrides")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Put a person on call for a span, whatever the layers say (a swap, cover for leave); 422 for an unknown user or a bad span")
    ResponseEntity<OverrideView> addOverride(@PathVariable String key, @RequestBody OverrideInput input) {
        OverrideView o = rotas.addOverride(key, input);
        return ResponseEntity.created(URI.create("/api/v1/rotas/" + key + "/overrides/" + o.id())).body(o);
    }

    @DeleteMapping("/{key}/overrides/{id}")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Remove an override")
    ResponseEntity<Void> deleteOverride(@PathVariable String key, @PathVariable long id) {
        rotas.deleteOverride(key, id);
        return ResponseEntity.noContent().build();
    }

    /**
     * Each person's on-call load over a calendar month in the rota's zone: hours on call, the part
     * outside office hours (the service desk's office-hours calendar), and pages received.
     *
     * @param month YYYY-MM
     */
    @GetMapping("/{key}/load")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "On-call load per person for a month: hoursOnCall, hoursOutOfOfficeHours, pages")
    List<OnCallLoad.Row> load(@PathVariable String key, @RequestParam(required = false) String month) {
        return load.month(key, month);
    }

    static Instant instant(String field, String value) {
        List<FieldError> errors = new ArrayList<>();
        Instant i = RotaService.parseInstant(field, value, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return i;
    }

    static Instant[] span(String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        Instant f = RotaService.parseInstant("from", from, errors);
        Instant t = RotaService.parseInstant("to", to, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Instant[] {f, t};
    }
}
