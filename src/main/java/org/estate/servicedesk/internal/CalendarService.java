package org.estate.servicedesk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.BadRequestException;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.BusinessCalendar;
import org.estate.servicedesk.BusinessCalendar.Interval;
import org.estate.servicedesk.CalendarInput;
import org.estate.servicedesk.CalendarView;
import org.estate.servicedesk.CalendarView.Holiday;
import org.estate.servicedesk.CalendarView.Hours;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Business calendars. A calendar is a key pointing at its current immutable revision; every edit
 * (hours, zone, holidays) writes a new revision, so tickets opened under an earlier one keep
 * counting on it. Revisions are cached for ever once read: they never change.
 */
@Service
public class CalendarService {

    static final String ENTITY = "calendar";
    static final String KEY_PATTERN = "[a-z0-9][a-z0-9-]{0,59}";
    /** A calendar must open at least this long a week, so that the longest SLA target always falls due within a few centuries. */
    public static final int MIN_WEEK_MINUTES = 60;
    /** Opening intervals per weekday; holidays per calendar; a holiday's title: what the revision's columns hold. */
    public static final int MAX_INTERVALS_PER_DAY = 24;
    public static final int MAX_HOLIDAYS = 1000;
    static final int MAX_HOLIDAY_TITLE = 60;
    static final LocalDate FIRST_HOLIDAY = LocalDate.of(1900, 1, 1);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<Long, Revision> revisions = new ConcurrentHashMap<>();

    /** One immutable revision: the calendar and the holidays' names. */
    public record Revision(long id, String key, BusinessCalendar calendar, List<Holiday> holidays) {
    }

    CalendarService(JdbcClient jdbc, AuditLog audit, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    // ---- reading -------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<CalendarView> list() {
        return jdbc.sql("SELECT cal_key, name, revision_id, version FROM sd_calendar ORDER BY cal_key")
            .query((rs, n) -> view(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).list();
    }

    @Transactional(readOnly = true)
    public CalendarView get(String key) {
        return jdbc.sql("SELECT cal_key, name, revision_id, version FROM sd_calendar WHERE cal_key = ?").param(key)
            .query((rs, n) -> view(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).optional()
            .orElseThrow(() -> new NotFoundException("No calendar '" + key + "'"));
    }

    /** The calendar's current revision: what a ticket opened now counts on. */
    public Revision current(String key) {
        Long id = jdbc.sql("SELECT revision_id FROM sd_calendar WHERE cal_key = ?").param(key).query(Long.class).optional()
            .orElseThrow(() -> new NotFoundException("No calendar '" + key + "'"));
        return revision(id);
    }

    public Revision revision(long id) {
        Revision cached = revisions.get(id);
        if (cached != null) {
            return cached;
        }
        Revision loaded = jdbc.sql("SELECT cal_key, zone, hours, holidays FROM sd_calendar_revision WHERE id = ?").param(id)
            .query((rs, n) -> {
                List<Holiday> holidays = CalendarRules.decodeHolidays(rs.getString(4));
                return new Revision(id, rs.getString(1), new BusinessCalendar(ZoneId.of(rs.getString(2)),
                    CalendarRules.decodeHours(rs.getString(3)), holidays.stream().map(Holiday::date).toList()), holidays);
            }).optional().orElseThrow(() -> new NotFoundException("No calendar revision " + id));
        revisions.put(id, loaded);
        return loaded;
    }

    private CalendarView view(String key, String name, long revisionId, long version) {
        Revision r = revision(revisionId);
        Map<String, List<Hours>> hours = new LinkedHashMap<>();
        r.calendar().hours().forEach((day, intervals) -> {
            if (!intervals.isEmpty()) {
                hours.put(day.name(), intervals.stream().map(i -> new Hours(i.fromText(), i.toText())).toList());
            }
        });
        return new CalendarView(key, name, r.calendar().zone().getId(), hours,
            r.holidays().stream().map(Holiday::date).toList(), r.holidays(), r.calendar().dayMinutes(), revisionId, version);
    }

    // ---- writing -------------------------------------------------------------------------------

    @Transactional
    public CalendarView create(CalendarInput input) {
        CalendarRules.Parsed p = CalendarRules.validate(input, true);
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM sd_calendar WHERE cal_key = ?").param(p.key()).query(Long.class).single() > 0;
        if (exists) {
            throw new ConflictException("A calendar with key '" + p.key() + "' already exists");
        }
        Instant now = clock.instant();
        long rev = insertRevision(p.key(), p.zone(), p.hours(), p.holidays(), now);
        jdbc.sql("INSERT INTO sd_calendar (cal_key, name, revision_id, version, updated_at) VALUES (?, ?, ?, 0, ?)")
            .params(p.key(), p.name(), rev, java.sql.Timestamp.from(now)).update();
        audit.record(ENTITY, p.key(), "created", "Calendar " + p.key() + " created", Map.of(
            "name", new Change(null, p.name()), "zone", new Change(null, p.zone().getId()),
            "hours", new Change(null, CalendarRules.encodeHours(p.hours())), "holidays", new Change(null, p.holidays().size())));
        return get(p.key());
    }

    /** Replaces a calendar's name, zone, hours and holidays: a new revision for new tickets only. */
    @Transactional
    public CalendarView update(String key, Long expectedVersion, CalendarInput input) {
        CalendarView current = get(key);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new PreconditionFailedException("Calendar " + key + " has changed since you read it");
        }
        CalendarRules.Parsed p = CalendarRules.validate(new CalendarInput(key, input.name(), input.zone(), input.hours(), input.holidays()), false);
        Map<LocalDate, String> titles = new java.util.HashMap<>();
        revision(current.revision()).holidays().forEach(h -> titles.put(h.date(), h.title()));
        List<Holiday> holidays = p.holidays().stream().map(h -> new Holiday(h.date(), titles.getOrDefault(h.date(), h.title()))).toList();
        p = new CalendarRules.Parsed(p.key(), p.name(), p.zone(), p.hours(), holidays);
        Instant now = clock.instant();
        long rev = insertRevision(key, p.zone(), p.hours(), p.holidays(), now);
        int n = jdbc.sql("UPDATE sd_calendar SET name = ?, revision_id = ?, version = version + 1, updated_at = ? WHERE cal_key = ? AND version = ?")
            .params(p.name(), rev, java.sql.Timestamp.from(now), key, current.version()).update();
        if (n == 0) {
            throw new PreconditionFailedException("Calendar " + key + " has changed since you read it");
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        if (!current.name().equals(p.name())) {
            changes.put("name", new Change(current.name(), p.name()));
        }
        if (!current.zone().equals(p.zone().getId())) {
            changes.put("zone", new Change(current.zone(), p.zone().getId()));
        }
        String oldHours = CalendarRules.encodeHours(revision(current.revision()).calendar().hours());
        if (!oldHours.equals(CalendarRules.encodeHours(p.hours()))) {
            changes.put("hours", new Change(oldHours, CalendarRules.encodeHours(p.hours())));
        }
        if (current.holidays().size() != p.holidays().size() || !current.holidays().equals(p.holidays().stream().map(Holiday::date).toList())) {
            changes.put("holidays", new Change(current.holidays().size(), p.holidays().size()));
        }
        audit.record(ENTITY, key, "updated", "Calendar " + key + " changed (revision " + rev + ")", changes);
        return get(key);
    }

    /**
     * Adds the holidays of one division of a GOV.UK {@code bank-holidays.json} document to a
     * calendar; dates it already has are skipped. Returns how many were added.
     */
    @Transactional
    public int importHolidays(String key, String division, InputStream body) {
        CalendarView current = get(key);
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequestException("body", "Not a JSON document: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException("body", "Expected GOV.UK's bank-holidays.json: an object of divisions");
        }
        if (division == null || division.isBlank()) {
            throw new ValidationException("division", "Name the division: england-and-wales, scotland or northern-ireland");
        }
        JsonNode div = root.get(division);
        if (div == null || !div.has("events") || !div.get("events").isArray()) {
            List<String> names = new ArrayList<>();
            root.propertyNames().forEach(names::add);
            throw new ValidationException("division", "No division '" + division + "' in the document; it has " + names);
        }
        List<FieldError> errors = new ArrayList<>();
        TreeMap<LocalDate, String> merged = new TreeMap<>();
        revision(current.revision()).holidays().forEach(h -> merged.put(h.date(), h.title()));
        int before = merged.size();
        int i = 0;
        for (JsonNode event : div.get("events")) {
            String date = event.path("date").asString("");
            LocalDate d = CalendarRules.holiday(date);
            if (d == null) {
                errors.add(new FieldError(division + ".events[" + i + "].date", "'" + CalendarRules.abbreviate(date) + "' is not a date (yyyy-mm-dd) from "
                    + FIRST_HOLIDAY + " to " + BusinessCalendar.LAST_DATE));
            } else {
                merged.putIfAbsent(d, CalendarRules.title(event.path("title").asString("Bank holiday")));
            }
            if (errors.size() >= 100) {
                break;
            }
            i++;
        }
        if (merged.size() > MAX_HOLIDAYS) {
            errors.add(new FieldError("holidays", "A calendar holds at most " + MAX_HOLIDAYS + " holidays; this would make " + merged.size()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        int added = merged.size() - before;
        if (added > 0) {
            Revision r = revision(current.revision());
            List<Holiday> holidays = merged.entrySet().stream().map(e -> new Holiday(e.getKey(), e.getValue())).toList();
            Instant now = clock.instant();
            long rev = insertRevision(key, r.calendar().zone(), r.calendar().hours(), holidays, now);
            int n = jdbc.sql("UPDATE sd_calendar SET revision_id = ?, version = version + 1, updated_at = ? WHERE cal_key = ? AND version = ?")
                .params(rev, java.sql.Timestamp.from(now), key, current.version()).update();
            if (n == 0) {
                throw new PreconditionFailedException("Calendar " + key + " changed during the import; try again");
            }
            audit.record(ENTITY, key, "updated", added + " " + division + " holidays imported into " + key,
                Map.of("holidays", new Change(before, merged.size())));
        }
        return added;
    }

    private long insertRevision(String key, ZoneId zone, Map<DayOfWeek, List<Interval>> hours, List<Holiday> holidays, Instant now) {
        var holder = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO sd_calendar_revision (cal_key, zone, hours, holidays, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)")
            .params(key, zone.getId(), CalendarRules.encodeHours(hours), CalendarRules.encodeHolidays(holidays), java.sql.Timestamp.from(now), audit.currentActor())
            .update(holder, "id");
        return holder.getKey().longValue();
    }
}
