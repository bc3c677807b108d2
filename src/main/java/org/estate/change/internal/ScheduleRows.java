package org.estate.change.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.estate.change.FreezeView;
import org.estate.change.MaintenanceWindowView;

/** Freezes and maintenance windows as stored. */
final class ScheduleRows {

    private ScheduleRows() {
    }

    record FreezeRow(Long id, String name, Instant start, Instant end, boolean all, List<Long> cis, boolean hard, String reason,
                     String createdBy, Instant createdAt, long version) {

        FreezeView view() {
            return new FreezeView(id, name, start, end, all ? "all" : Map.of("cis", cis), hard, reason, createdBy, createdAt, version);
        }

        boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to) && end.isAfter(from);
        }
    }

    /** A window: one-off when {@code rule} is null (then {@code start} and {@code end} are set). */
    record WindowRow(Long id, String name, List<Long> cis, Instant start, Instant end, WindowRule rule, String createdBy,
                     Instant createdAt, long version) {

        MaintenanceWindowView view(Instant now) {
            Instant next;
            if (rule == null) {
                next = end.isAfter(now) ? start : null;
            } else {
                next = rule.next(now);
            }
            return new MaintenanceWindowView(id, name, rule == null ? "one-off" : "recurring", cis, start, end,
                rule == null ? null : rule.rrule(), rule == null ? null : rule.zone().getId(),
                rule == null ? null : rule.startTime().toString(), rule == null ? null : rule.minutes(),
                rule == null ? null : rule.from(), next, createdBy, createdAt, version);
        }
    }

    static LocalDate date(java.sql.Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
