package org.estate.servicedesk.internal;

import static org.estate.servicedesk.internal.IncidentImporter.COLUMNS;

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
import org.estate.platform.CsvFile;
import org.estate.platform.CsvHeader;
import org.estate.platform.CsvValues;
import org.estate.platform.ValueLimits;
import org.estate.servicedesk.internal.SlaClock.Stop;

/**
 * Reading one row of the historical incident CSV: the header's column keys, each cell checked
 * (titles, levels, instants within years 1 to 9999, hold intervals, CIs named {@code class:name}),
 * every problem reported with its row and column. Holds no state but the CMDB to look CIs up in.
 */
final class IncidentRows {

    private final Cmdb cmdb;

    IncidentRows(Cmdb cmdb) {
        this.cmdb = cmdb;
    }

    /** One parsed, valid row. */
    record Parsed(String title, String impact, String urgency, Instant opened, Instant responded, Instant resolved, Instant closed,
                  List<Stop> holds, List<Long> cis) {
    }

    static final List<String> LABELS = List.of("Title", "Impact", "Urgency", "Opened at", "Responded at", "Resolved at", "Closed at",
        "Hold intervals", "Affected CIs");
    private static final List<CsvValues.Option> LEVELS = CsvValues.options(TicketService.LEVELS);

    /**
     * The header matched by key or label (such as "Opened at"), its problems added to {@code errors}
     * as row 1; without the required columns no row can be read, so those problems are thrown at once.
     */
    static CsvHeader.Match header(CsvFile.Rows rows, List<RowError> errors) {
        List<CsvHeader.Column> columns = new ArrayList<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            columns.add(new CsvHeader.Column(COLUMNS.get(i), LABELS.get(i)));
        }
        List<String> required = List.of("title", "impact", "urgency", "opened_at");
        CsvHeader.Match match = CsvHeader.match(rows.header(), columns, required);
        match.problems().forEach(p -> errors.add(new RowError(1, p.column(), p.cell(), p.message())));
        if (required.stream().anyMatch(c -> !match.has(c))) {
            throw new ImportRejectedException(errors);
        }
        return match;
    }

    /** A row's cells by column key, trimmed; a column the file leaves out, and the clear marker, read as empty. */
    static Map<String, String> cells(CsvHeader.Match header, CsvFile.Row row) {
        Map<String, String> cells = new HashMap<>();
        java.util.Set<String> clears = header.clears(row);
        header.cells(row).forEach((k, v) -> cells.put(k, clears.contains(k) ? "" : v.strip()));
        return cells;
    }

    static String label(String column) {
        int i = COLUMNS.indexOf(column);
        return i < 0 ? column : LABELS.get(i);
    }

    Parsed parse(CsvHeader.Match header, CsvFile.Row record, Map<String, Long> ciIds, Instant now, List<RowError> errors) {
        int row = record.number();
        String shape = header.shapeProblem(record);
        if (shape != null) {
            errors.add(new RowError(row, null, null, shape));
            return null;
        }
        Map<String, String> r = cells(header, record);
        List<RowError> found = new ArrayList<>();
        Parsed parsed = parse(r, row, ciIds, now, found);
        // Every problem names its cell as Excel does.
        found.forEach(e -> errors.add(new RowError(e.row(), e.column(), header.cell(e.column(), row), e.message())));
        return parsed;
    }

    private Parsed parse(Map<String, String> r, int row, Map<String, Long> ciIds, Instant now, List<RowError> errors) {
        String title = get(r, "title");
        if (title == null) {
            errors.add(new RowError(row, "title", "Enter the title"));
        } else if (ValueLimits.textProblem(title, 300, false) != null) {
            errors.add(new RowError(row, "title", "Title '" + CsvValues.shown(title) + "': " + ValueLimits.textProblem(title, 300, false)));
        }
        String impact = level(r, "impact", row, errors);
        String urgency = level(r, "urgency", row, errors);
        Instant opened = instant(r, row, "opened_at", errors, true);
        Instant responded = instant(r, row, "responded_at", errors, false);
        Instant resolved = instant(r, row, "resolved_at", errors, false);
        Instant closed = instant(r, row, "closed_at", errors, false);
        if (opened != null) {
            if (opened.isAfter(now)) {
                errors.add(new RowError(row, "opened_at", "Opened at '" + opened + "' is in the future"));
            }
            if (responded != null && responded.isBefore(opened)) {
                errors.add(new RowError(row, "responded_at", "Responded at is before Opened at"));
            }
            if (resolved != null && resolved.isBefore(opened)) {
                errors.add(new RowError(row, "resolved_at", "Resolved at is before Opened at"));
            }
        }
        if (closed != null && resolved == null) {
            errors.add(new RowError(row, "resolved_at", "A closed incident needs Resolved at"));
        } else if (closed != null && closed.isBefore(resolved)) {
            errors.add(new RowError(row, "closed_at", "Closed at is before Resolved at"));
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
                        errors.add(new RowError(row, "hold_intervals", "Hold " + (i + 1) + " ends after Resolved at"));
                    } else {
                        holds.add(new Stop("hold", "imported", from, to));
                        previousEnd = to;
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new RowError(row, "hold_intervals", "Hold " + (i + 1) + " '" + part
                        + "' is not 'from/to' in ISO-8601 with offsets, like 2027-03-31T09:00:00Z/2027-03-31T12:00:00Z"));
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
                    errors.add(new RowError(row, "affected_cis", "Affected CIs '" + CsvValues.shown(k) + "' is not class:name, like server:web-01"));
                    continue;
                }
                Long id = ciIds.computeIfAbsent(k, x -> cmdb.find(x.substring(0, colon).trim(), x.substring(colon + 1).trim())
                    .map(ci -> ci.id()).orElse(-1L));
                if (id < 0) {
                    errors.add(new RowError(row, "affected_cis", "Affected CIs: no CI " + CsvValues.shown(k) + " in Estate"));
                } else if (!cis.contains(id)) {
                    cis.add(id);
                }
            }
        }
        return new Parsed(title, impact, urgency, opened, responded, resolved, closed, holds, cis);
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

    private static String level(Map<String, String> r, String column, int row, List<RowError> errors) {
        String v = get(r, column);
        if (v == null) {
            errors.add(new RowError(row, column, "Enter the " + column + ": high, medium or low"));
            return null;
        }
        String key = CsvValues.option(v, LEVELS);
        if (key == null) {
            errors.add(new RowError(row, column, CsvValues.notAnOption(label(column), v, LEVELS)));
        }
        return key;
    }

    private static Instant instant(Map<String, String> r, int row, String column, List<RowError> errors, boolean required) {
        String v = get(r, column);
        if (v == null) {
            if (required) {
                errors.add(new RowError(row, column, "Enter " + label(column).toLowerCase(java.util.Locale.ROOT) + ": " + CsvValues.INSTANT_FORMS));
            }
            return null;
        }
        return CsvValues.instant(label(column), v, problem -> errors.add(new RowError(row, column, problem)));
    }
}
