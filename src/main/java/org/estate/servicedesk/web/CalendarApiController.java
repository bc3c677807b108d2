package org.estate.servicedesk.web;

import org.estate.platform.Paging;
import org.estate.platform.PageResult;
import org.estate.platform.SortOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.estate.platform.BadRequestException;
import org.estate.platform.Etags;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.CalendarInput;
import org.estate.servicedesk.BusinessCalendar;
import org.estate.servicedesk.CalendarView;
import org.estate.servicedesk.internal.CalendarService;
import org.estate.servicedesk.internal.SlaPolicyService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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
@RequestMapping("/api/v1/calendars")
@Tag(name = "Business calendars")
class CalendarApiController {

    /** ISO-8601 with the offset always written out (+00:00 rather than Z). */
    static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    /** The most business minutes {@code due} counts: the longest SLA target. */
    static final long MAX_MINUTES = SlaPolicyService.MAX_TARGET_MINUTES;
    /** Instants are taken from 0001-01-01 to the end of 9999-12-31 (UTC), the dates business time is counted over. */
    static final Instant FIRST_INSTANT = BusinessCalendar.FIRST_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();
    static final Instant LAST_INSTANT = BusinessCalendar.LAST_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);

    private final CalendarService calendars;

    private final org.estate.platform.ImportProperties limits;

    CalendarApiController(CalendarService calendars, org.estate.platform.ImportProperties limits) {
        this.calendars = calendars;
        this.limits = limits;
    }

    static final SortOptions<CalendarView> SORT = SortOptions.<CalendarView>by("name")
        .text("name", "name", CalendarView::name).text("key", "cal_key", CalendarView::key).value("zone", "zone", CalendarView::zone)
        .tieBreaker("cal_key", CalendarView::key);

    /**
     * Business calendars, in the paging envelope.
     *
     * @param sort name, key or zone ({@code -} for descending)
     * @param page the page, from 0
     * @param size calendars per page (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Business calendars")
    PageResult<CalendarView> listCalendars(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                           @RequestParam(required = false) Integer size) {
        return SORT.page(calendars.list(), SORT.parse(sort), Paging.of(page, size));
    }

    @PostMapping
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Create a calendar: 409 for a duplicate key, 422 for a bad zone, hours or dates")
    ResponseEntity<CalendarView> create(@RequestBody CalendarInput input) {
        CalendarView c = calendars.create(input);
        return ResponseEntity.created(URI.create("/api/v1/calendars/" + c.key())).eTag(Etags.of(c.version())).body(c);
    }

    @GetMapping("/{key}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One calendar, with its ETag")
    ResponseEntity<CalendarView> get(@PathVariable String key) {
        CalendarView c = calendars.get(key);
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    @PutMapping("/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Replace a calendar's name, zone, hours and holidays; open tickets keep the revision they were opened under")
    ResponseEntity<CalendarView> replace(@PathVariable String key, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                         @RequestBody CalendarInput input) {
        Long expected = ifMatch == null ? null : Etags.versionFrom(ifMatch);
        CalendarView c = calendars.update(key, expected, input);
        return ResponseEntity.ok().eTag(Etags.of(c.version())).body(c);
    }

    /**
     * Adds one division's bank holidays to a calendar.
     *
     * @param division england-and-wales, scotland or northern-ireland (GOV.UK's division names)
     */
    @PostMapping(path = "/{key}/holidays/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Add one division's dates from GOV.UK's bank-holidays.json (https://www.gov.uk/bank-holidays.json)")
    Map<String, Integer> importHolidays(@PathVariable String key, @RequestParam(required = false) String division,
                                        jakarta.servlet.http.HttpServletRequest request) throws IOException {
        // The same limit as every import: refused at once when announced, else when reached.
        if (request.getContentLengthLong() > limits.maxBytes()) {
            throw new org.estate.platform.PayloadTooLargeException(limits.maxBytes());
        }
        return Map.of("added", calendars.importHolidays(key, division,
            new org.estate.platform.LimitedInputStream(request.getInputStream(), limits.maxBytes())));
    }

    /**
     * When a number of business minutes counted from an instant are used up.
     *
     * @param start   the instant to count from (ISO-8601 with an offset)
     * @param minutes business minutes to count, 0 or more
     */
    @GetMapping("/{key}/due")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "When N business minutes counted from start are used up")
    Map<String, String> due(@PathVariable String key, @RequestParam(required = false) String start,
                            @RequestParam(required = false) Long minutes) {
        Instant from = instant("start", start);
        if (minutes == null) {
            throw new BadRequestException("minutes", "Give minutes, a whole number of business minutes");
        }
        if (minutes < 0 || minutes > MAX_MINUTES) {
            throw new ValidationException("minutes", "minutes must be between 0 and " + MAX_MINUTES);
        }
        CalendarService.Revision r = calendars.current(key);
        Instant due;
        try {
            due = r.calendar().due(from, minutes);
        } catch (BusinessCalendar.OutOfRange e) {
            throw new ValidationException("minutes", minutes + " business minutes from " + start.trim() + " run past "
                + BusinessCalendar.LAST_DATE + " on " + key);
        }
        if (due.atZone(r.calendar().zone()).getYear() > BusinessCalendar.LAST_DATE.getYear()) {
            throw new ValidationException("minutes", minutes + " business minutes from " + start.trim() + " run past "
                + BusinessCalendar.LAST_DATE + " on " + key);
        }
        return Map.of("due", WITH_OFFSET.format(due.atZone(r.calendar().zone())));
    }

    /**
     * Business minutes between two instants.
     *
     * @param from the first instant (ISO-8601 with an offset)
     * @param to   the second instant
     */
    @GetMapping("/{key}/elapsed")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Whole business minutes between two instants (0 when to is not after from)")
    Map<String, Long> elapsed(@PathVariable String key, @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to) {
        Instant a = instant("from", from);
        Instant b = instant("to", to);
        return Map.of("minutes", calendars.current(key).calendar().elapsedMinutes(a, b));
    }

    static Instant instant(String field, String value) {
        Instant i = org.estate.platform.Bounds.instant(field, value);
        if (i.isBefore(FIRST_INSTANT) || i.isAfter(LAST_INSTANT)) {
            throw new ValidationException(field, field + " must be between " + FIRST_INSTANT + " and " + LAST_INSTANT);
        }
        return i;
    }
}
