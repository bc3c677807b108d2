package org.estate.change.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Maintenance windows as collision detection, the calendar and the maintenance question ask about
 * them ({@link WindowService} answers, from this node's {@link ScheduleCache}). Recurring windows
 * are expanded only over the range asked about ({@link WindowRule}).
 */
interface WindowLookup {

    /**
     * The CIs among {@code cis} that have at least one maintenance window defined but none whose
     * occurrence contains the whole of {@code [start, end)}, in the order given.
     */
    List<Long> outsideWindows(Collection<Long> cis, Instant start, Instant end);

    /** Every occurrence of every window overlapping {@code [from, to)}, by start. */
    List<Occurrence> occurrences(Instant from, Instant to);

    record Occurrence(long window, String name, List<Long> cis, Instant start, Instant end) {
    }
}
