package org.estate.oncall.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who is on call, worked out from a rota's layers and overrides (pure arithmetic, no database).
 *
 * <p>A layer hands over at its {@code handoff} local date-time and then every day, week or N hours
 * of <em>wall-clock</em> time in the rota's zone, so a 09:00 hand-off stays at 09:00 when the
 * clocks change (the shift that spans the change is an hour longer or shorter). Nobody is on a
 * layer before its first hand-off. Its members take the shifts in order, round and round. Its
 * restrictions (if any) limit it to those local hours — a shift outside them leaves the layer
 * empty there. A later layer in the list is higher: where it has someone, it covers the lower ones.
 * An override puts its person on call for its span whatever the layers say (the latest-made
 * override wins where two overlap).
 */
public final class RotaSchedule {

    public enum Rotation {
        DAILY, WEEKLY, HOURS
    }

    /**
     * Local hours on some days of the week: from {@code fromMinute} (0–1439) to {@code toMinute}
     * (1–1440, 1440 being midnight at the day's end); a {@code toMinute} at or before
     * {@code fromMinute} crosses midnight and ends the next day.
     */
    public record Restriction(Set<DayOfWeek> days, int fromMinute, int toMinute) {
    }

    public record Layer(String name, List<String> members, Rotation rotation, int hours, LocalDateTime handoff,
                        List<Restriction> restrictions) {
    }

    public record Override(long id, String user, Instant start, Instant end) {
    }

    /** A stretch of on-call: {@code layer} is the layer's name, or null for an override. */
    public record Shift(String user, Instant start, Instant end, String layer, boolean override) {
    }

    private record Segment(int priority, Shift shift) {
    }

    private final ZoneId zone;
    private final List<Layer> layers;

    public RotaSchedule(ZoneId zone, List<Layer> layers) {
        this.zone = zone;
        this.layers = List.copyOf(layers);
    }

    /** Who is on call at {@code at}: the final schedule's shift covering it, if anyone's. */
    public Optional<Shift> at(Instant at, List<Override> overrides) {
        List<Shift> s = shifts(at, at.plusMillis(1), overrides);
        return s.isEmpty() || s.getFirst().start().isAfter(at) ? Optional.empty() : Optional.of(s.getFirst());
    }

    /**
     * The final schedule over {@code [from, to)}: higher layers over lower, overrides over all,
     * adjacent stretches of one person on one layer joined; each shift is clipped to the span.
     */
    public List<Shift> shifts(Instant from, Instant to, List<Override> overrides) {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Shift s : layerShifts(i, from, to)) {
                segments.add(new Segment(i, s));
            }
        }
        List<Override> sorted = overrides.stream().sorted(Comparator.comparingLong(Override::id)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            Override o = sorted.get(i);
            Instant s = o.start().isBefore(from) ? from : o.start();
            Instant e = o.end().isAfter(to) ? to : o.end();
            if (s.isBefore(e)) {
                segments.add(new Segment(layers.size() + i, new Shift(o.user(), s, e, null, true)));
            }
        }
        return sweep(segments);
    }

    /** One layer's own shifts over {@code [from, to)}, within its restrictions, before precedence. */
    public List<Shift> layerShifts(int index, Instant from, Instant to) {
        Layer layer = layers.get(index);
        List<Shift> out = new ArrayList<>();
        if (layer.members().isEmpty() || !from.isBefore(to)) {
            return out;
        }
        long k = Math.max(0, periodAt(layer, from));
        while (true) {
            Instant start = periodStart(layer, k);
            if (!start.isBefore(to)) {
                break;
            }
            Instant end = periodStart(layer, k + 1);
            if (end.isAfter(from)) {
                String user = layer.members().get((int) Math.floorMod(k, (long) layer.members().size()));
                Instant s = start.isBefore(from) ? from : start;
                Instant e = end.isAfter(to) ? to : end;
                for (Instant[] w : restricted(layer, s, e)) {
                    out.add(new Shift(user, w[0], w[1], layer.name(), false));
                }
            }
            k++;
        }
        return out;
    }

    /** The instant the layer's {@code k}th shift begins (0: the first hand-off). */
    Instant periodStart(Layer layer, long k) {
        LocalDateTime local = switch (layer.rotation()) {
            case DAILY -> layer.handoff().plusDays(k);
            case WEEKLY -> layer.handoff().plusWeeks(k);
            case HOURS -> layer.handoff().plusHours(k * layer.hours());
        };
        return local.atZone(zone).toInstant();
    }

    /** The index of the shift covering {@code t} (negative before the first hand-off). */
    long periodAt(Layer layer, Instant t) {
        Duration nominal = switch (layer.rotation()) {
            case DAILY -> Duration.ofDays(1);
            case WEEKLY -> Duration.ofDays(7);
            case HOURS -> Duration.ofHours(layer.hours());
        };
        long k = Math.floorDiv(Duration.between(periodStart(layer, 0), t).getSeconds(), nominal.getSeconds());
        // Clock changes make a shift an hour longer or shorter than nominal: step to the right one.
        while (periodStart(layer, k).isAfter(t)) {
            k--;
        }
        while (!periodStart(layer, k + 1).isAfter(t)) {
            k++;
        }
        return k;
    }

    /** {@code [s, e)} cut to the layer's restrictions (the whole of it when it has none). */
    private List<Instant[]> restricted(Layer layer, Instant s, Instant e) {
        if (layer.restrictions().isEmpty()) {
            List<Instant[]> all = new ArrayList<>();
            all.add(new Instant[] {s, e});
            return all;
        }
        List<Instant[]> windows = new ArrayList<>();
        LocalDate first = s.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = e.atZone(zone).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (Restriction r : layer.restrictions()) {
                if (!r.days().contains(d.getDayOfWeek())) {
                    continue;
                }
                Instant ws = d.atStartOfDay().plusMinutes(r.fromMinute()).atZone(zone).toInstant();
                LocalDate endDay = r.toMinute() > r.fromMinute() ? d : d.plusDays(1);
                Instant we = endDay.atStartOfDay().plusMinutes(r.toMinute()).atZone(zone).toInstant();
                Instant a = ws.isBefore(s) ? s : ws;
                Instant b = we.isAfter(e) ? e : we;
                if (a.isBefore(b)) {
                    windows.add(new Instant[] {a, b});
                }
            }
        }
        windows.sort(Comparator.comparing(w -> w[0]));
        List<Instant[]> merged = new ArrayList<>();
        for (Instant[] w : windows) {
            Instant[] prev = merged.isEmpty() ? null : merged.getLast();
            if (prev != null && !w[0].isAfter(prev[1])) {
                if (w[1].isAfter(prev[1])) {
                    prev[1] = w[1];
                }
            } else {
                merged.add(new Instant[] {w[0], w[1]});
            }
        }
        return merged;
    }

    /** The highest-priority segment over each stretch of time, adjacent equal stretches joined. */
    private static List<Shift> sweep(List<Segment> segments) {
        record Event(Instant at, boolean start, Segment segment) {
        }
        List<Event> events = new ArrayList<>(segments.size() * 2);
        for (Segment s : segments) {
            events.add(new Event(s.shift().start(), true, s));
            events.add(new Event(s.shift().end(), false, s));
        }
        // At one instant, ends before starts: a shift ending at T and one starting at T do not overlap.
        events.sort(Comparator.comparing(Event::at).thenComparing(Event::start));
        TreeMap<Integer, Segment> active = new TreeMap<>();
        List<Shift> out = new ArrayList<>();
        Instant since = null;
        Segment top = null;
        int i = 0;
        while (i < events.size()) {
            Instant t = events.get(i).at();
            while (i < events.size() && events.get(i).at().equals(t)) {
                Event ev = events.get(i++);
                if (ev.start()) {
                    active.put(ev.segment().priority(), ev.segment());
                } else if (active.get(ev.segment().priority()) == ev.segment()) {
                    active.remove(ev.segment().priority());
                }
            }
            Segment now = active.isEmpty() ? null : active.lastEntry().getValue();
            if (!same(now, top)) {
                if (top != null && since.isBefore(t)) {
                    append(out, new Shift(top.shift().user(), since, t, top.shift().layer(), top.shift().override()));
                }
                top = now;
                since = t;
            }
        }
        return out;
    }

    private static boolean same(Segment a, Segment b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.shift().user().equals(b.shift().user()) && java.util.Objects.equals(a.shift().layer(), b.shift().layer())
            && a.shift().override() == b.shift().override();
    }

    private static void append(List<Shift> out, Shift s) {
        if (!out.isEmpty()) {
            Shift last = out.getLast();
            if (last.end().equals(s.start()) && last.user().equals(s.user()) && java.util.Objects.equals(last.layer(), s.layer())
                && last.override() == s.override()) {
                out.set(out.size() - 1, new Shift(last.user(), last.start(), s.end(), last.layer(), last.override()));
                return;
            }
        }
        out.add(s);
    }
}
