package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.TicketRow.sql;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.Cmdb;
import org.estate.cmdb.ImportRejectedException;
import org.estate.cmdb.ImportRejectedException.RowError;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.CsvFile;
import org.estate.platform.CsvHeader;
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
    private final IncidentRows reader;

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
        this.reader = new IncidentRows(cmdb);
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

    /** The dry run: every row would create an incident; what each would hold, writing nothing (no reference reserved either). */
    org.estate.platform.ImportCheck check(CsvFile file) {
        org.estate.platform.ImportCheck.Collector collector = new org.estate.platform.ImportCheck.Collector();
        validate(file, new HashMap<>(), clock.instant(), collector);
        return collector.result();
    }

    private int validate(CsvFile file, Map<String, Long> ciIds, Instant now) {
        return validate(file, ciIds, now, null);
    }

    private int validate(CsvFile file, Map<String, Long> ciIds, Instant now, org.estate.platform.ImportCheck.Collector collector) {
        List<RowError> errors = new ArrayList<>();
        int count = 0;
        long bad = 0;
        try (CsvFile.Rows rows = file.rows()) {
            if (rows.header().isEmpty()) {
                throw new ImportRejectedException(List.of(new RowError(1, null, "The file is empty: it needs a header row")));
            }
            CsvHeader.Match header = IncidentRows.header(rows, errors);
            for (CsvFile.Row record : rows) {
                count++;
                List<RowError> rowErrors = new ArrayList<>();
                IncidentRows.Parsed p = reader.parse(header, record, ciIds, now, rowErrors);
                if (!rowErrors.isEmpty()) {
                    bad++;
                    for (RowError e : rowErrors) {
                        if (errors.size() < MAX_ERRORS) {
                            errors.add(e);
                        }
                    }
                } else if (collector != null) {
                    collector.add(record.number(), "incident", p.title(), "create", fields(p));
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

    /** The incident a row would create, as the dry run shows it: column keys, plus the priority and status Estate works out. */
    private static Map<String, org.estate.platform.ImportCheck.Field> fields(IncidentRows.Parsed p) {
        Map<String, org.estate.platform.ImportCheck.Field> f = new java.util.LinkedHashMap<>();
        java.util.function.BiConsumer<String, Object> put = (k, v) -> {
            if (v != null) {
                f.put(k, new org.estate.platform.ImportCheck.Field(null, v));
            }
        };
        put.accept("title", p.title());
        put.accept("impact", p.impact());
        put.accept("urgency", p.urgency());
        put.accept("priority", TicketService.priority(p.impact(), p.urgency()));
        put.accept("status", status(p));
        put.accept("opened_at", p.opened() == null ? null : p.opened().toString());
        put.accept("responded_at", p.responded() == null ? null : p.responded().toString());
        put.accept("resolved_at", p.resolved() == null ? null : p.resolved().toString());
        put.accept("closed_at", p.closed() == null ? null : p.closed().toString());
        put.accept("hold_intervals", p.holds().isEmpty() ? null : p.holds().stream()
            .map(h -> h.start() + "/" + (h.end() == null ? "" : h.end())).collect(java.util.stream.Collectors.joining(";")));
        put.accept("affected_cis", p.cis().isEmpty() ? null : p.cis().size());
        return f;
    }

    static String status(IncidentRows.Parsed p) {
        boolean onHold = !p.holds().isEmpty() && p.holds().getLast().end() == null;
        return p.closed() != null ? "closed" : p.resolved() != null ? "resolved" : onHold ? "on-hold"
            : p.responded() != null ? "in-progress" : "new";
    }

    private Integer write(CsvFile file, Map<String, Long> ciIds, long firstNumber, Instant now) {
        Map<String, SlaPolicyService.Targets> targets = new HashMap<>();
        Map<String, CalendarService.Revision> calendarRevisions = new HashMap<>();
        String team = tickets.defaultTeam();
        int written = 0;
        long number = firstNumber;
        String firstRef = RefAllocator.format("INC", firstNumber);
        try (CsvFile.Rows rows = file.rows()) {
            CsvHeader.Match header = IncidentRows.header(rows, new ArrayList<>());
            List<Object[]> ticketArgs = new ArrayList<>(BATCH);
            List<IncidentRows.Parsed> batch = new ArrayList<>(BATCH);
            List<String> batchRefs = new ArrayList<>(BATCH);
            int row = 0;
            for (CsvFile.Row record : rows) {
                row++;
                List<RowError> errors = new ArrayList<>();
                IncidentRows.Parsed p = reader.parse(header, record, ciIds, now, errors);
                if (!errors.isEmpty()) {
                    throw new ImportRejectedException(errors); // the file changed under us: roll back everything
                }
                String priority = TicketService.priority(p.impact(), p.urgency());
                SlaPolicyService.Targets t = targets.computeIfAbsent(priority, policies::forIncident);
                CalendarService.Revision calendar = calendarRevisions.computeIfAbsent(t.calendarKey(), calendars::current);
                String ref = RefAllocator.format("INC", number++);
                boolean onHold = !p.holds().isEmpty() && p.holds().getLast().end() == null;
                String status = status(p);
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

    private void flush(List<Object[]> ticketArgs, List<IncidentRows.Parsed> batch, List<String> batchRefs) {
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

}
