package org.estate.monitoring.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.estate.monitoring.internal.CheckReadings;

/**
 * The geometry of the check page's pictures, drawn by the server as SVG (readable without
 * JavaScript): latency over time as lines, availability per day as bars. The template draws what
 * these records say; each picture also has a text alternative (a summary and a table).
 */
final class CheckCharts {

    static final int WIDTH = 600;
    static final int HEIGHT = 160;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

    /** One day's bar: where it is, how tall, its colour, and what it says. */
    record Bar(LocalDate day, double x, double y, double width, double height, String colour, String label,
               CheckReadings.Availability availability) {
        public String dayText() {
            return DAY.format(day);
        }
    }

    /** The latency picture: the mean and p95 lines, the scale's top, and a summary in words. */
    record Latency(String meanPoints, String p95Points, long topMs, String first, String last, String summary,
                   List<CheckReadings.LatencyPoint> points) {
        public boolean empty() {
            return points.isEmpty();
        }
    }

    private CheckCharts() {
    }

    static List<Bar> bars(List<LocalDate> days, List<CheckReadings.Availability> per) {
        List<Bar> bars = new ArrayList<>();
        double slot = (double) WIDTH / Math.max(1, days.size());
        for (int i = 0; i < days.size(); i++) {
            CheckReadings.Availability a = per.get(i);
            double up = Math.max(0, Math.min(100, a.upPercent()));
            double h = Math.max(2, (HEIGHT - 20) * up / 100.0);
            String colour = up >= 99.9 ? "#00703c" : up >= 99 ? "#f47738" : "#d4351c";
            String label = DAY.format(days.get(i)) + ": " + percent(up) + " up";
            bars.add(new Bar(days.get(i), i * slot + 1, HEIGHT - 20 - h, Math.max(1, slot - 2), h, colour, label, a));
        }
        return bars;
    }

    static Latency latency(List<CheckReadings.LatencyPoint> points, Instant from, Instant to) {
        if (points.isEmpty()) {
            return new Latency("", "", 0, "", "", "No results in the last 30 days.", points);
        }
        long top = 1;
        long sum = 0;
        long count = 0;
        for (CheckReadings.LatencyPoint p : points) {
            top = Math.max(top, p.p95Ms());
            top = Math.max(top, p.meanMs());
            sum += p.meanMs() * Math.max(1, p.count());
            count += Math.max(1, p.count());
        }
        top = niceCeiling(top);
        double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        StringBuilder mean = new StringBuilder();
        StringBuilder p95 = new StringBuilder();
        for (CheckReadings.LatencyPoint p : points) {
            double x = (p.at().toEpochMilli() - from.toEpochMilli()) / span * WIDTH;
            mean.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(p.meanMs(), top)));
            p95.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(p.p95Ms(), top)));
        }
        long worst = points.stream().mapToLong(CheckReadings.LatencyPoint::p95Ms).max().orElse(0);
        String summary = "Over the last 30 days: mean latency " + (sum / count) + " ms, worst p95 " + worst + " ms, from "
            + points.size() + " points.";
        return new Latency(mean.toString().strip(), p95.toString().strip(), top, DAY.format(from.atZone(CheckDisplay.LONDON)),
            DAY.format(to.atZone(CheckDisplay.LONDON)), summary, points);
    }

    private static double y(long ms, long top) {
        return (HEIGHT - 20) - (HEIGHT - 20) * Math.min(ms, top) / (double) top;
    }

    private static long niceCeiling(long v) {
        long step = 1;
        while (step * 10 < v) {
            step *= 10;
        }
        return ((v + step - 1) / step) * step;
    }

    static String percent(double p) {
        return p >= 99.995 ? "100%" : String.format(Locale.UK, "%.2f%%", p);
    }
}
