package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketRow.sql;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.Cmdb;
import org.estate.cmdb.ImportRejectedException;
import org.estate.cmdb.ImportRejectedException.RowError;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.CsvCells;
import org.estate.platform.CsvFile;
import org.estate.platform.CsvHeader;
import org.estate.platform.ValueLimits;
import org.estate.servicedesk.internal.SlaClock.Reading;
import org.estate.servicedesk.internal.SlaClock.Stop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports historical incidents from the old tool's CSV
 * ({@code title,impact,urgency,opened_at,responded_at,resolved_at,closed_at,hold_intervals,affected_cis}),
 * evaluating each against today's SLA policy for its priority, so that reports start with history.
 *
 * <p>All or nothing, in two passes over a temporary copy of the file so that a million rows fit
 * in a small heap: the first validates every row (reporting every bad one, up to
 * {@link #MAX_ERRORS}), the second writes them in batches inside one transaction. No email goes
 * out for history: warnings and breaches already in the past are marked as sent.
 */
@Component
class IncidentImporter {

    private static final Logger log = LoggerFactory.getLogger(IncidentImporter.class);
    static final List<String> COLUMNS = List.of("title", "impact", "urgency", "opened_at", "responded_at", "resolved_at",
        "closed_at", "hold_intervals", "affected_cis");
    static final int MAX_ERRORS = 1000;
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbcTemplate;
    private final Cmdb cmdb;
    private final SlaPolicyService policies;
    private final CalendarService calendars;
    private final RefAllocator refs;
    private final TicketService tickets;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;

    IncidentImporter(JdbcTemplate jdbcTemplate, Cmdb cmdb, SlaPolicyService policies, CalendarService calendars, RefAllocator refs,
                     TicketService tickets, AuditLog audit, Clock clock, TransactionTemplate transaction) {
        this.jdbcTemplate = jdbcTemplate;
        this.cmdb = cmdb;
        this.policies = policies;
        this.calendars = calendars;
        this.refs = refs;
        this.tickets = tickets;
        this.audit = audit;
        this.clock = clock;
        this.transaction = transaction;
    }

    /** One parsed, valid row. */
    record Parsed(String title, String impact, String urgency, Instant opened, Instant responded, Instant resolved, Instant closed,
                  List<Stop> holds, List<Long> cis) {
    }

    int importCsv(CsvFile file) {
        {
            Map<String, Long> ciIds = new HashMap<>();
            Instant now = clock.instant();
            int rows = validate(file, ciIds, now);
            if (rows == 0) {
                return 0;
            }
            long first = refs.reserve("INC", rows);
            long started = System.nanoTime();
            Integer written = transaction.execute(status -> write(file, ciIds, first, now));
            log.info("Imported {} historical incidents in {} ms", written, (System.nanoTime() - started) / 1_000_000);
            analyze();
            return written == null ? 0 : written;
        }
    }

    /** Refreshes the planner's statistics after a bulk load, so the queues are planned for the table's real size. */
    private void analyze() {
        try {
            String product = jdbcTemplate.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
            if ("PostgreSQL".equals(product)) {
                jdbcTemplate.execute("ANALYZE sd_ticket, sd_ticket_ci, sd_ticket_clock");
            } else {
                jdbcTemplate.execute("ANALYZE TABLE sd_ticket");
            }
        } catch (RuntimeException e) {
            log.info("Could not refresh table statistics after the import: {}", e.toString());
        }
    }

    /** Each header cell's column key (by key, or by label such as "Opened at"); a cell naming none is refused. */
    private static List<String> header(CsvFile.Rows rows) {
        List<String> cells = rows.header();
        List<String> keys = CsvHeader.keys(cells, COLUMNS.stream().map(c -> new CsvHeader.Column(c,
            Character.toUpperCase(c.charAt(0)) + c.substring(1).replace('_', ' '))).toList());
        List<RowError> errors = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) == null) {
                errors.add(new RowError(1, cells.get(i), CsvCells.columnLetter(i) + "1", "Unknown column '"
                    + (cells.get(i).length() > 60 ? cells.get(i).substring(0, 57) + "..." : cells.get(i)) + "': the columns are " + COLUMNS));
            } else if (keys.indexOf(keys.get(i)) != i) {
                errors.add(new RowError(1, keys.get(i), CsvCells.columnLetter(i) + "1", "Column '" + keys.get(i) + "' appears twice"));
            }
        }
        for (String c : List.of("title", "impact", "urgency", "opened_at")) {
            if (!keys.contains(c)) {
                errors.add(new RowError(1, c, "The header has no '" + c + "' column"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportRejectedException(errors);
        }
        return keys;
    }

    /** A row's cells by column key, trimmed; a column the file leaves out reads as empty. */
    private static Map<String, String> cells(List<String> keys, CsvFile.Row row) {
        Map<String, String> cells = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            cells.put(keys.get(i), row.cell(i).strip());
        }
        return cells;
    }

    private int validate(CsvFile file, Map<String, Long> ciIds, Instant now) {
        List<RowError> errors = new ArrayList<>();
        int count = 0;
        long bad = 0;
        try (CsvFile.Rows rows = file.rows()) {
            if (rows.header().isEmpty()) {
                throw new ImportRejectedException(List.of(new RowError(1, null, "The file is empty: it needs a header row")));
            }
            List<String> header = header(rows);
            for (CsvFile.Row record : rows) {
                count++;
                List<RowError> rowErrors = new ArrayList<>();
                parse(cells(header, record), record.number(), ciIds, now, rowErrors);
                if (!rowErrors.isEmpty()) {
                    bad++;
                    for (RowError e : rowErrors) {
                        if (errors.size() < MAX_ERRORS) {
                            errors.add(e);
                        }
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            if (errors.size() >= MAX_ERRORS) {
                errors.add(new RowError(0, null, bad + " rows are bad; the first " + MAX_ERRORS + " problems are listed"));
            }
            throw new ImportRejectedException(errors);
        }
        return count;
    }

    Parsed parse(Map<String, String> r, int row, Map<String, Long> ciIds, Instant now, List<RowError> errors) {
        String title = get(r, "title");
        if (title == null) {
            errors.add(new RowError(row, "title", "Enter the title"));
        } else if (ValueLimits.textProblem(title, 300, false) != null) {
            errors.add(new RowError(row, "title", "title: " + ValueLimits.textProblem(title, 300, false)));
        }
        String impact = get(r, "impact");
        String urgency = get(r, "urgency");
        if (impact == null || !TicketService.LEVELS.contains(impact)) {
            errors.add(new RowError(row, "impact", "impact must be high, medium or low"));
        }
        if (urgency == null || !TicketService.LEVELS.contains(urgency)) {
            errors.add(new RowError(row, "urgency", "urgency must be high, medium or low"));
        }
        Instant opened = instant(r, row, "opened_at", errors, true);
        Instant responded = instant(r, row, "responded_at", errors, false);
        Instant resolved = instant(r, row, "resolved_at", errors, false);
        Instant closed = instant(r, row, "closed_at", errors, false);
        if (opened != null) {
            if (opened.isAfter(now)) {
                errors.add(new RowError(row, "opened_at", "opened_at is in the future"));
            }
            if (responded != null && responded.isBefore(opened)) {
                errors.add(new RowError(row, "responded_at", "responded_at is before opened_at"));
            }
            if (resolved != null && resolved.isBefore(opened)) {
                errors.add(new RowError(row, "resolved_at", "resolved_at is before opened_at"));
            }
        }
        if (closed != null && resolved == null) {
            errors.add(new RowError(row, "resolved_at", "A closed incident needs resolved_at"));
        } else if (closed != null && closed.isBefore(resolved)) {
            errors.add(new RowError(row, "closed_at", "closed_at is before resolved_at"));
        }
        List<Stop> holds = new ArrayList<>();
        String holdText = get(r, "hold_intervals");
        if (holdText != null) {
            Instant previousEnd = opened;
            String[] parts = holdText.split(";");
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].trim();
                if (part.isEmpty()) {
                    continue;
                }
                int slash = part.indexOf('/');
                try {
                    if (slash < 0) {
                        throw new DateTimeParseException("no '/'", part, 0);
                    }
                    Instant from = bounded(OffsetDateTime.parse(part.substring(0, slash).trim()).toInstant());
                    String toText = part.substring(slash + 1).trim();
                    Instant to = toText.isEmpty() ? null : bounded(OffsetDateTime.parse(toText).toInstant());
                    if (to != null && !to.isAfter(from)) {
                        errors.add(new RowError(row, "hold_intervals", "Hold " + (i + 1) + " ends before it starts"));
                    } else if (previousEnd != null && from.isBefore(previousEnd)) {
                        errors.add(new RowError(row, "hold_intervals", "Hold " + (i + 1)
                            + " starts before the incident was opened or the previous hold ended"));
                    } else if (to == null && (resolved != null || i != parts.length - 1)) {
                        errors.add(new RowError(row, "hold_intervals", "Only the last hold of an unresolved incident may be open-ended"));
                    } else if (resolved != null && to.isAfter(resolved)) {
                        errors.add(new RowError(row, "hold_intervals", "Hold " + (i + 1) + " ends after resolved_at"));
                    } else {
                        holds.add(new Stop("hold", "imported", from, to));
                        previousEnd = to;
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new RowError(row, "hold_intervals", "Hold " + (i + 1) + " '" + part
                        + "' is not 'from/to' in ISO-8601 with offsets"));
                }
            }
        }
        List<Long> cis = new ArrayList<>();
        String ciText = get(r, "affected_cis");
        if (ciText != null) {
            for (String key : ciText.split(";")) {
                String k = key.trim();
                if (k.isEmpty()) {
                    continue;
                }
                int colon = k.indexOf(':');
                if (colon <= 0) {
                    errors.add(new RowError(row, "affected_cis", "'" + k + "' is not class:name"));
                    continue;
                }
                Long id = ciIds.computeIfAbsent(k, x -> cmdb.find(x.substring(0, colon).trim(), x.substring(colon + 1).trim())
                    .map(ci -> ci.id()).orElse(-1L));
                if (id < 0) {
                    errors.add(new RowError(row, "affected_cis", "No CI " + k));
                } else if (!cis.contains(id)) {
                    cis.add(id);
                }
            }
        }
        return new Parsed(title, impact, urgency, opened, responded, resolved, closed, holds, cis);
    }

    private Integer write(CsvFile file, Map<String, Long> ciIds, long firstNumber, Instant now) {
        Map<String, SlaPolicyService.Targets> targets = new HashMap<>();
        Map<String, CalendarService.Revision> calendarRevisions = new HashMap<>();
        String team = tickets.defaultTeam();
        int written = 0;
        long number = firstNumber;
        String firstRef = RefAllocator.format("INC", firstNumber);
        try (CsvFile.Rows rows = file.rows()) {
            List<String> header = header(rows);
            List<Object[]> ticketArgs = new ArrayList<>(BATCH);
            List<Parsed> batch = new ArrayList<>(BATCH);
            List<String> batchRefs = new ArrayList<>(BATCH);
            int row = 0;
            for (CsvFile.Row record : rows) {
                row++;
                List<RowError> errors = new ArrayList<>();
                Parsed p = parse(cells(header, record), record.number(), ciIds, now, errors);
                if (!errors.isEmpty()) {
                    throw new ImportRejectedException(errors); // the file changed under us: roll back everything
                }
                String priority = TicketService.priority(p.impact(), p.urgency());
                SlaPolicyService.Targets t = targets.computeIfAbsent(priority, policies::forIncident);
                CalendarService.Revision calendar = calendarRevisions.computeIfAbsent(t.calendarKey(), calendars::current);
                String ref = RefAllocator.format("INC", number++);
                boolean onHold = !p.holds().isEmpty() && p.holds().getLast().end() == null;
                String status = p.closed() != null ? "closed" : p.resolved() != null ? "resolved" : onHold ? "on-hold"
                    : p.responded() != null ? "in-progress" : "new";
                Instant responded = p.responded() == null && p.resolved() != null ? p.resolved() : p.responded();
                Reading first = SlaClock.read(calendar.calendar(), t.responseMinutes(), t.resolutionMinutes(), t.warningPercent(),
                    p.opened(), responded, p.resolved(), p.closed() != null, p.holds(), 0, now);
                int notified = pastEvents(first, now);
                Reading reading = SlaClock.read(calendar.calendar(), t.responseMinutes(), t.resolutionMinutes(), t.warningPercent(),
                    p.opened(), responded, p.resolved(), p.closed() != null, p.holds(), notified, now);
                ticketArgs.add(new Object[] {ref, p.title(), status, onHold ? "imported" : null, p.impact(), p.urgency(), priority,
                    team, sql(p.opened()), sql(responded), sql(p.resolved()), sql(p.closed()), t.revisionId(), calendar.id(),
                    sql(reading.responseDue()), sql(reading.resolutionDue()), sql(reading.responseWarnAt()),
                    sql(reading.resolutionWarnAt()), reading.responseBreached(), reading.resolutionBreached(),
                    sql(reading.breachedAt()), sql(reading.nextDue()), sql(reading.nextEventAt()), notified, sql(now), sql(now)});
                batch.add(p);
                batchRefs.add(ref);
                if (batch.size() == BATCH) {
                    flush(ticketArgs, batch, batchRefs);
                    written += batch.size();
                    ticketArgs.clear();
                    batch.clear();
                    batchRefs.clear();
                }
            }
            if (!batch.isEmpty()) {
                flush(ticketArgs, batch, batchRefs);
                written += batch.size();
            }
        }
        audit.record("incident", firstRef, "imported", written + " historical incidents imported ("
            + firstRef + " to " + RefAllocator.format("INC", number - 1) + ")", Map.of("created", new Change(null, written)));
        return written;
    }

    /** The notification bits for warnings and breaches already in the past: history sends no email. */
    static int pastEvents(Reading r, Instant now) {
        int bits = 0;
        if (r.responseWarnAt() != null && !r.responseWarnAt().isAfter(now)) {
            bits |= SlaClock.RESPONSE_WARNING;
        }
        if (r.responseDue() != null && !r.responseDue().isAfter(now)) {
            bits |= SlaClock.RESPONSE_BREACH;
        }
        if (r.resolutionWarnAt() != null && !r.resolutionWarnAt().isAfter(now)) {
            bits |= SlaClock.RESOLUTION_WARNING;
        }
        if (r.resolutionDue() != null && !r.resolutionDue().isAfter(now)) {
            bits |= SlaClock.RESOLUTION_BREACH;
        }
        return bits;
    }

    private static final String INSERT = """
        INSERT INTO sd_ticket (ref, ticket_type, title, status, hold_reason, impact, urgency, priority, team_key, opened_at,
            responded_at, resolved_at, closed_at, policy_revision_id, calendar_revision_id, response_due, resolution_due,
            response_warn_at, resolution_warn_at, response_breached, resolution_breached, breached_at, next_due, next_event_at,
            notified, imported, created_at, updated_at, version)
        VALUES (?, 'incident', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, 0)""";

    private void flush(List<Object[]> ticketArgs, List<Parsed> batch, List<String> batchRefs) {
        // Generated keys straight from the batch: looking the rows up again by ref would scan a
        // table the planner still believes empty, and grow quadratically.
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbcTemplate.batchUpdate(con -> con.prepareStatement(INSERT, new String[] {"id"}), new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Object[] args = ticketArgs.get(i);
                for (int j = 0; j < args.length; j++) {
                    StatementCreatorUtils.setParameterValue(ps, j + 1, SqlTypeValue.TYPE_UNKNOWN, args[j]);
                }
            }

            @Override
            public int getBatchSize() {
                return ticketArgs.size();
            }
        }, keys);
        List<Map<String, Object>> generated = keys.getKeyList();
        if (generated.size() != batch.size()) {
            throw new IllegalStateException("Expected " + batch.size() + " generated ids, got " + generated.size());
        }
        List<Object[]> holdArgs = new ArrayList<>();
        List<Object[]> ciArgs = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            long id = ((Number) generated.get(i).values().iterator().next()).longValue();
            for (Stop s : batch.get(i).holds()) {
                holdArgs.add(new Object[] {id, sql(s.start()), sql(s.end())});
            }
            for (long ci : batch.get(i).cis()) {
                ciArgs.add(new Object[] {id, ci});
            }
        }
        if (!holdArgs.isEmpty()) {
            jdbcTemplate.batchUpdate("INSERT INTO sd_ticket_clock (ticket_id, kind, reason, started_at, ended_at) VALUES (?, 'hold', 'imported', ?, ?)", holdArgs);
        }
        if (!ciArgs.isEmpty()) {
            jdbcTemplate.batchUpdate("INSERT INTO sd_ticket_ci (ticket_id, ci_id) VALUES (?, ?)", ciArgs);
        }
    }

    private static String get(Map<String, String> r, String column) {
        String v = r.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** An instant within what Estate stores (years 1 to 9999); otherwise refused like a malformed one. */
    private static Instant bounded(Instant i) {
        if (!ValueLimits.inRange(i)) {
            throw new DateTimeParseException("out of range", i.toString(), 0);
        }
        return i;
    }

    private static Instant instant(Map<String, String> r, int row, String column, List<RowError> errors, boolean required) {
        String v = get(r, column);
        if (v == null) {
            if (required) {
                errors.add(new RowError(row, column, "Enter " + column));
            }
            return null;
        }
        try {
            return bounded(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            errors.add(new RowError(row, column, "'" + v + "' is not ISO-8601 with an offset, e.g. 2025-03-04T09:15:00Z"));
            return null;
        }
    }
}
