package org.estate.change.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.estate.change.FreezeView;

/**
 * Freezes as collision detection and the calendar ask about them ({@link FreezeService} answers,
 * from this node's {@link ScheduleCache}).
 */
interface FreezeLookup {

    /**
     * The freezes whose period overlaps {@code [start, end)} and that cover one of {@code cis}: scope
     * {@code all}, or a scope CI that is that CI or relies on it (transitively, along
     * impact-carrying relationships). {@code path} runs from the affected CI to the scope CI that
     * covers it (just the affected CI for scope {@code all}).
     */
    List<FreezeHit> covering(Instant start, Instant end, Collection<Long> cis);

    /** Every freeze overlapping {@code [from, to)}, by start. */
    List<FreezeView> overlapping(Instant from, Instant to);

    record FreezeHit(long id, String name, boolean hard, Instant start, Instant end, List<Long> path) {
    }
}
