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
import org.estate.platform.CsvCells;
import org.estate.platform.CsvFile;
import org.estate.platform.CsvHeader;
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

    /** Each header cell's column key (by key, or by label such as "Opened at"); a cell naming none is refused. */
    static List<String> header(CsvFile.Rows rows) {
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
    static Map<String, String> cells(List<String> keys, CsvFile.Row row) {
        Map<String, String> cells = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            cells.put(keys.get(i), row.cell(i).strip());
        }
        return cells;
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
