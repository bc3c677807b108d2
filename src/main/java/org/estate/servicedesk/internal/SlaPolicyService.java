package org.estate.servicedesk.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.SlaPolicyView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SLA policies. Like calendars, a policy points at its current immutable revision; a ticket
 * records the revision (and the calendar revision) it was opened under, so editing a policy
 * changes new tickets only.
 */
@Service
public class SlaPolicyService {

    static final String ENTITY = "sla-policy";
    static final Set<String> TICKET_TYPES = Set.of("incident", "request");
    static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4");
    /**
     * The longest target: a year of business minutes. With every calendar open at least
     * {@link CalendarService#MIN_WEEK_MINUTES} a week, it always falls due within a few centuries.
     */
    public static final int MAX_TARGET_MINUTES = 365 * 24 * 60;
    public static final int MAX_NAME = 200;

    private final JdbcClient jdbc;
    private final CalendarService calendars;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<Long, Targets> revisions = new ConcurrentHashMap<>();

    /** One immutable policy revision. */
    public record Targets(long revisionId, String policyKey, String calendarKey, int responseMinutes,
                          int resolutionMinutes, int warningPercent) {
    }

    /** What a PUT carries; null fields keep their current value (all are needed to create). */
    // What a GET gave back may be PUT as it is: its read-only fields are ignored; any other unknown field is 422.
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"key", "responseTarget", "resolutionTarget", "revision", "version"})
    public record PolicyInput(String name, String ticketType, String priority, String calendar, Integer responseMinutes,
                              Integer resolutionMinutes, Integer warningPercent) {
    }

    SlaPolicyService(JdbcClient jdbc, CalendarService calendars, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.audit = audit;
        this.clock = clock;
    }

    private static final String SELECT = """
        SELECT p.policy_key, p.name, p.ticket_type, p.priority, r.cal_key, r.response_minutes, r.resolution_minutes,
               r.warning_percent, p.revision_id, p.version
        FROM sd_sla_policy p JOIN sd_sla_policy_revision r ON r.id = p.revision_id
        """;

    @Transactional(readOnly = true)
    public List<SlaPolicyView> list() {
        return jdbc.sql(SELECT + " ORDER BY p.ticket_type, p.priority, p.policy_key").query((rs, n) -> view(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<SlaPolicyView> find(String key) {
        return jdbc.sql(SELECT + " WHERE p.policy_key = ?").param(key).query((rs, n) -> view(rs)).optional();
    }

    public SlaPolicyView get(String key) {
        return find(key).orElseThrow(() -> new NotFoundException("No SLA policy '" + key + "'"));
    }

    /** The current targets for an incident of this priority. */
    public Targets forIncident(String priority) {
        return jdbc.sql("SELECT revision_id FROM sd_sla_policy WHERE ticket_type = 'incident' AND priority = ? ORDER BY policy_key")
            .param(priority).query(Long.class).list().stream().findFirst().map(this::revision)
            .orElseThrow(() -> new ValidationException("priority", "No SLA policy for incidents of priority " + priority));
    }

    /** The current targets of a policy by key. */
    public Targets current(String key) {
        return revision(get(key).revision());
    }

    public Targets revision(long id) {
        return revisions.computeIfAbsent(id, k -> jdbc.sql(
                "SELECT id, policy_key, cal_key, response_minutes, resolution_minutes, warning_percent FROM sd_sla_policy_revision WHERE id = ?")
            .param(k).query((rs, n) -> new Targets(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6)))
            .optional().orElseThrow(() -> new NotFoundException("No SLA policy revision " + k)));
    }

    /** Creates or replaces a policy. Returns the policy and whether it was created. */
    @Transactional
    public Map.Entry<SlaPolicyView, Boolean> put(String key, Long expectedVersion, PolicyInput in) {
        Optional<SlaPolicyView> existing = find(key);
        if (existing.isPresent() && expectedVersion != null && expectedVersion != existing.get().version()) {
            throw new PreconditionFailedException("SLA policy " + key + " has changed since you read it");
        }
        SlaPolicyView cur = existing.orElse(null);
        String name = pick(in.name(), cur == null ? null : cur.name());
        String type = pick(in.ticketType(), cur == null ? null : cur.ticketType());
        String priority = in.priority() != null ? in.priority() : cur == null ? null : cur.priority();
        String calendar = pick(in.calendar(), cur == null ? null : cur.calendar());
        Integer response = in.responseMinutes() != null ? in.responseMinutes() : cur == null ? null : cur.responseMinutes();
        Integer resolution = in.resolutionMinutes() != null ? in.resolutionMinutes() : cur == null ? null : cur.resolutionMinutes();
        Integer warning = in.warningPercent() != null ? in.warningPercent() : cur == null ? 75 : cur.warningPercent();

        List<FieldError> errors = new ArrayList<>();
        if (cur == null && (key == null || !key.matches("[a-z0-9][a-z0-9-]{0,59}"))) {
            errors.add(new FieldError("key", "Give a key of lower-case letters, digits and hyphens, up to 60 characters"));
        }
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "Give the policy a name"));
        } else if (name.trim().length() > MAX_NAME) {
            errors.add(new FieldError("name", "Name must be " + MAX_NAME + " characters or fewer"));
        }
        if (type == null || !TICKET_TYPES.contains(type)) {
            errors.add(new FieldError("ticketType", "ticketType must be incident or request"));
        } else if (cur != null && !type.equals(cur.ticketType())) {
            errors.add(new FieldError("ticketType", "A policy's ticket type cannot change; create another policy"));
        }
        if ("incident".equals(type)) {
            if (priority == null || !PRIORITIES.contains(priority)) {
                errors.add(new FieldError("priority", "An incident policy needs a priority: P1, P2, P3 or P4"));
            } else {
                Long other = jdbc.sql("SELECT COUNT(*) FROM sd_sla_policy WHERE ticket_type = 'incident' AND priority = ? AND policy_key <> ?")
                    .params(priority, key).query(Long.class).single();
                if (other > 0) {
                    errors.add(new FieldError("priority", "Another incident policy already covers " + priority));
                }
            }
        } else if (priority != null && !PRIORITIES.contains(priority)) {
            errors.add(new FieldError("priority", "priority must be P1, P2, P3 or P4"));
        }
        if (calendar == null) {
            errors.add(new FieldError("calendar", "Name the business calendar the targets count on"));
        } else if (jdbc.sql("SELECT COUNT(*) FROM sd_calendar WHERE cal_key = ?").param(calendar).query(Long.class).single() == 0) {
            errors.add(new FieldError("calendar", "No calendar '" + calendar + "'"));
        }
        if (response == null || response < 1 || response > MAX_TARGET_MINUTES) {
            errors.add(new FieldError("responseMinutes", "Give the response target in business minutes, 1 to " + MAX_TARGET_MINUTES
                + " (a year)"));
        }
        if (resolution == null || resolution < 1 || resolution > MAX_TARGET_MINUTES) {
            errors.add(new FieldError("resolutionMinutes", "Give the resolution target in business minutes, 1 to " + MAX_TARGET_MINUTES
                + " (a year)"));
        }
        if (response != null && resolution != null && response > resolution) {
            errors.add(new FieldError("responseMinutes", "The response target cannot be longer than the resolution target"));
        }
        if (warning == null || warning < 1 || warning > 99) {
            errors.add(new FieldError("warningPercent", "warningPercent must be between 1 and 99"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant();
        var holder = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sd_sla_policy_revision (policy_key, cal_key, response_minutes, resolution_minutes, warning_percent, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
            .params(key, calendar, response, resolution, warning, Timestamp.from(now), audit.currentActor()).update(holder, "id");
        long rev = holder.getKey().longValue();
        Map<String, Change> changes = new LinkedHashMap<>();
        if (cur == null) {
            jdbc.sql("INSERT INTO sd_sla_policy (policy_key, name, ticket_type, priority, revision_id, version, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?)")
                .params(key, name.trim(), type, priority, rev, Timestamp.from(now)).update();
        } else {
            int n = jdbc.sql("UPDATE sd_sla_policy SET name = ?, priority = ?, revision_id = ?, version = version + 1, updated_at = ? WHERE policy_key = ? AND version = ?")
                .params(name.trim(), priority, rev, Timestamp.from(now), key, cur.version()).update();
            if (n == 0) {
                throw new PreconditionFailedException("SLA policy " + key + " has changed since you read it");
            }
        }
        diff(changes, "name", cur == null ? null : cur.name(), name.trim());
        diff(changes, "ticketType", cur == null ? null : cur.ticketType(), type);
        diff(changes, "priority", cur == null ? null : cur.priority(), priority);
        diff(changes, "calendar", cur == null ? null : cur.calendar(), calendar);
        diff(changes, "responseMinutes", cur == null ? null : cur.responseMinutes(), response);
        diff(changes, "resolutionMinutes", cur == null ? null : cur.resolutionMinutes(), resolution);
        diff(changes, "warningPercent", cur == null ? null : cur.warningPercent(), warning);
        audit.record(ENTITY, key, cur == null ? "created" : "updated", "SLA policy " + key + (cur == null ? " created" : " changed"), changes);
        return Map.entry(get(key), cur == null);
    }

    private static void diff(Map<String, Change> changes, String field, Object from, Object to) {
        if (!java.util.Objects.equals(from, to)) {
            changes.put(field, new Change(from, to));
        }
    }

    private static String pick(String given, String current) {
        return given != null ? given : current;
    }

    private SlaPolicyView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        String calendar = rs.getString(5);
        int dayMinutes = calendars.current(calendar).calendar().dayMinutes();
        int response = rs.getInt(6);
        int resolution = rs.getInt(7);
        return new SlaPolicyView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), calendar, response, resolution,
            rs.getInt(8), words(response, dayMinutes), words(resolution, dayMinutes), rs.getLong(9), rs.getLong(10));
    }

    /** "15 min", "4 h", "3 days" (a day being the calendar's opening hours when it is under 24 h). */
    public static String words(int minutes, int dayMinutes) {
        if (dayMinutes > 0 && dayMinutes < 1440 && minutes >= dayMinutes && minutes % dayMinutes == 0) {
            int days = minutes / dayMinutes;
            return days + (days == 1 ? " day" : " days");
        }
        if (minutes >= 60 && minutes % 60 == 0) {
            return minutes / 60 + " h";
        }
        if (minutes > 60) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return minutes + " min";
    }
}
