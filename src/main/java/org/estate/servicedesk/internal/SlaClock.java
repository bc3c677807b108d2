package org.estate.servicedesk.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.estate.servicedesk.BusinessCalendar;

/**
 * The SLA arithmetic of one ticket, from facts only: when it was opened, first responded to and
 * (last) resolved, and the intervals in which its resolution clock stood still. Nothing here is
 * accumulated: every figure is recomputed from those facts, so no pause is ever lost when a
 * priority, policy or calendar changes, and a reopened ticket's clock resumes where it stopped.
 *
 * <p>Response is not paused by holds. Resolution time excludes 'hold' intervals (reported as
 * {@code pausedMinutes}) and 'stopped' intervals (resolved until reopened; not reported as paused).
 */
public final class SlaClock {

    /** Notification bits in {@code sd_ticket.notified}. */
    public static final int RESPONSE_WARNING = 1;
    public static final int RESPONSE_BREACH = 2;
    public static final int RESOLUTION_WARNING = 4;
    public static final int RESOLUTION_BREACH = 8;

    /** An interval in which the resolution clock stood still; {@code end} null while it lasts. */
    public record Stop(String kind, String reason, Instant start, Instant end) {
        public boolean hold() {
            return "hold".equals(kind);
        }
    }

    /**
     * What the clock says at {@code now}. Due/warn instants are null while paused;
     * {@code breachedAt} is when a target was or will be missed (null when none will be).
     */
    public record Reading(Instant responseDue, Instant responseWarnAt, Instant resolutionDue, Instant resolutionWarnAt,
                          boolean responseBreached, boolean resolutionBreached, Instant breachedAt, long pausedMinutes,
                          String state, Instant nextDue, Instant nextEventAt) {
    }

    private SlaClock() {
    }

    public static Reading read(BusinessCalendar calendar, int responseMinutes, int resolutionMinutes, int warningPercent,
                               Instant openedAt, Instant respondedAt, Instant resolvedAt, boolean closed,
                               List<Stop> stops, int notified, Instant now) {
        List<Stop> sorted = new ArrayList<>(stops);
        sorted.sort(Comparator.comparing(Stop::start));
        // While resolved, the open 'stopped' interval is not a pause: the clock simply stopped at resolvedAt.
        List<Stop> running = sorted.stream().filter(s -> !(s.end() == null && !s.hold())).toList();
        boolean onHold = running.stream().anyMatch(s -> s.end() == null);

        Instant responseDue = calendar.due(openedAt, responseMinutes);
        Instant responseWarnAt = calendar.due(openedAt, Duration.ofSeconds(responseMinutes * 60L * warningPercent / 100));
        Instant resolutionDue = walk(calendar, openedAt, Duration.ofMinutes(resolutionMinutes), running);
        Instant resolutionWarnAt = walk(calendar, openedAt, Duration.ofSeconds(resolutionMinutes * 60L * warningPercent / 100), running);

        boolean responseBreached = respondedAt != null ? respondedAt.isAfter(responseDue) : now.isAfter(responseDue);
        boolean resolved = resolvedAt != null;
        boolean resolutionBreached = resolutionDue != null && (resolved ? resolvedAt.isAfter(resolutionDue) : now.isAfter(resolutionDue));

        // When the ticket breached, or will breach if nothing changes: the due time of a target
        // missed or still running (a met target never breaches). Stored, so that "breached this
        // month" and "breached now" are single index ranges on one column.
        Instant responseBreachAt = respondedAt != null ? (respondedAt.isAfter(responseDue) ? responseDue : null)
            : (resolvedAt != null || closed) ? null : responseDue;
        Instant resolutionBreachAt = resolutionDue == null ? null
            : resolvedAt != null ? (resolvedAt.isAfter(resolutionDue) ? resolutionDue : null)
            : closed ? null : resolutionDue;
        Instant breachedAt = min(responseBreachAt, resolutionBreachAt);

        long paused = 0;
        for (Stop s : sorted) {
            if (s.hold()) {
                paused += calendar.elapsed(s.start(), s.end() == null ? now : s.end()).toMinutes();
            }
        }

        boolean responsePending = respondedAt == null && !resolved && !closed;
        boolean resolutionPending = !resolved && !closed && resolutionDue != null;
        Instant nextDue = min(responsePending ? responseDue : null, resolutionPending ? resolutionDue : null);
        Instant nextEvent = null;
        if (responsePending) {
            nextEvent = min(nextEvent, (notified & RESPONSE_WARNING) == 0 ? responseWarnAt : null);
            nextEvent = min(nextEvent, (notified & RESPONSE_BREACH) == 0 ? responseDue : null);
        }
        if (resolutionPending) {
            nextEvent = min(nextEvent, (notified & RESOLUTION_WARNING) == 0 ? resolutionWarnAt : null);
            nextEvent = min(nextEvent, (notified & RESOLUTION_BREACH) == 0 ? resolutionDue : null);
        }

        String state;
        if (resolved || closed) {
            state = responseBreached || resolutionBreached ? "breached" : "met";
        } else if (responseBreached || resolutionBreached) {
            state = "breached";
        } else if (onHold) {
            state = "paused";
        } else if ((responsePending && !now.isBefore(responseWarnAt))
            || (resolutionWarnAt != null && !now.isBefore(resolutionWarnAt))) {
            state = "warning";
        } else {
            state = "on-track";
        }
        return new Reading(responseDue, responseWarnAt, resolutionDue, resolutionWarnAt, responseBreached, resolutionBreached,
            breachedAt, paused, state, nextDue, nextEvent);
    }

    /**
     * The instant at which {@code amount} of business time from {@code start} is used up, skipping
     * the stops; null when a stop that is still going on comes first (the clock is paused).
     */
    static Instant walk(BusinessCalendar calendar, Instant start, Duration amount, List<Stop> stops) {
        Duration remaining = amount;
        Instant cursor = start;
        for (Stop s : stops) {
            if (!s.start().isAfter(cursor)) {
                if (s.end() == null) {
                    return remaining.isZero() ? cursor : null;
                }
                if (s.end().isAfter(cursor)) {
                    cursor = s.end();
                }
                continue;
            }
            Duration spent = calendar.elapsed(cursor, s.start());
            if (spent.compareTo(remaining) >= 0) {
                return calendar.due(cursor, remaining);
            }
            remaining = remaining.minus(spent);
            if (s.end() == null) {
                return null;
            }
            cursor = s.end();
        }
        return calendar.due(cursor, remaining);
    }

    private static Instant min(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
