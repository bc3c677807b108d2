package org.estate.monitoring.internal.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks a span from one state change to the next and adds each segment's length to the state the
 * judge gives it, per bucket (a bucket ends at each cut, e.g. month boundaries). Pure: no database.
 *
 * <p>A CI's state at an instant is the worst of its checks' states then: {@code down} &gt;
 * {@code degraded} &gt; {@code maintenance} &gt; {@code up}. {@code unknown} and {@code paused}
 * (and a check with no change yet) are no evidence of an outage and count as {@code up}.
 */
final class Sweep {

    /** Seconds per state over one bucket {@code [from, to)}. */
    record Totals(Instant from, Instant to, long downSeconds, long degradedSeconds, long maintenanceSeconds) {

        long spanSeconds() {
            return Duration.between(from, to).toSeconds();
        }

        /** The share of the span not down, maintenance left out of the span; 100 when all of it was maintenance. */
        double upPercent() {
            long counted = spanSeconds() - maintenanceSeconds;
            return counted <= 0 ? 100.0 : 100.0 * (counted - downSeconds) / counted;
        }
    }

    /** Which CIs were down, degraded and in maintenance during a segment. */
    record Snapshot(Set<Long> down, Set<Long> degraded, Set<Long> maintenance) {
    }

    /** Judges a segment: {@code down}, {@code degraded}, {@code maintenance} or {@code up}. */
    interface Judge {
        String state(Snapshot snapshot);
    }

    private Sweep() {
    }

    static int rank(String state) {
        return switch (state) {
            case "down" -> 3;
            case "degraded" -> 2;
            case "maintenance" -> 1;
            default -> 0;
        };
    }

    /**
     * Totals for each bucket between consecutive {@code cuts} (sorted, the first the span's start,
     * the last its end).
     */
    static List<Totals> run(List<StateHistory.Change> changes, List<Instant> cuts, Judge judge) {
        Instant from = cuts.getFirst();
        Instant to = cuts.getLast();
        List<StateHistory.Change> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparing(StateHistory.Change::at).thenComparingLong(StateHistory.Change::check));
        TreeSet<Instant> bounds = new TreeSet<>(cuts);
        for (StateHistory.Change c : sorted) {
            if (c.at().isAfter(from) && c.at().isBefore(to)) {
                bounds.add(c.at());
            }
        }
        Map<Long, StateHistory.Change> current = new HashMap<>();
        long[][] seconds = new long[cuts.size() - 1][3]; // milliseconds, rounded to seconds at the end
        int next = 0;
        int bucket = 0;
        Instant[] points = bounds.toArray(Instant[]::new);
        for (int i = 0; i + 1 < points.length; i++) {
            Instant start = points[i];
            while (next < sorted.size() && !sorted.get(next).at().isAfter(start)) {
                current.put(sorted.get(next).check(), sorted.get(next));
                next++;
            }
            while (!cuts.get(bucket + 1).isAfter(start)) {
                bucket++;
            }
            String state = judge.state(snapshot(current));
            long len = Duration.between(start, points[i + 1]).toMillis();
            switch (state) {
                case "down" -> seconds[bucket][0] += len;
                case "degraded" -> seconds[bucket][1] += len;
                case "maintenance" -> seconds[bucket][2] += len;
                default -> { }
            }
        }
        List<Totals> out = new ArrayList<>(cuts.size() - 1);
        for (int b = 0; b + 1 < cuts.size(); b++) {
            out.add(new Totals(cuts.get(b), cuts.get(b + 1), Math.round(seconds[b][0] / 1000.0), Math.round(seconds[b][1] / 1000.0),
                Math.round(seconds[b][2] / 1000.0)));
        }
        return out;
    }

    private static Snapshot snapshot(Map<Long, StateHistory.Change> current) {
        Map<Long, Integer> worst = new HashMap<>();
        for (StateHistory.Change c : current.values()) {
            worst.merge(c.ci(), rank(c.state()), Math::max);
        }
        Set<Long> down = new TreeSet<>();
        Set<Long> degraded = new TreeSet<>();
        Set<Long> maintenance = new TreeSet<>();
        worst.forEach((ci, r) -> {
            switch (r) {
                case 3 -> down.add(ci);
                case 2 -> degraded.add(ci);
                case 1 -> maintenance.add(ci);
                default -> { }
            }
        });
        return new Snapshot(down, degraded, maintenance);
    }
}
