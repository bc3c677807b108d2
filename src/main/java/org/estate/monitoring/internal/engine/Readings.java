package org.estate.monitoring.internal.engine;

import static org.estate.monitoring.internal.engine.ResultWriter.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.monitoring.internal.CheckReadings;
import org.estate.platform.NotFoundException;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.StoredJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What has been recorded of a check. Availability comes from the state changes (kept for ever):
 * each second of the span is in the state of the last change before it. Seconds while the check
 * was {@code unknown} or {@code paused} (or did not exist yet), and seconds still in the future,
 * are left out of the span; {@code upPercent} is the share of the rest, maintenance left out too,
 * that was not {@code down} (so {@code degraded} counts as up). A span with nothing left is 100%.
 */
@Component
class Readings implements CheckReadings {

    /** Spans up to this long chart raw results; longer ones chart the hourly rollups. */
    static final Duration RAW_CHART = Duration.ofHours(24);
    private static final int POINTS = 200;

    private final JdbcClient jdbc;
    private final Clock clock;

    Readings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private void exists(long checkId) {
        if (jdbc.sql("SELECT count(*) FROM mon_check WHERE id = ?").param(checkId).query(Long.class).single() == 0) {
            throw new NotFoundException("No check " + checkId);
        }
    }

    @Override
    public PageResult<Result> results(long checkId, Instant from, Instant to, Paging paging) {
        exists(checkId);
        long total = jdbc.sql("SELECT count(*) FROM mon_result WHERE check_id = ? AND at >= ? AND at < ?")
            .params(checkId, ts(from), ts(to)).query(Long.class).single();
        List<Result> items = jdbc.sql("""
                SELECT at, state, latency_ms, message, result_values FROM mon_result WHERE check_id = ? AND at >= ? AND at < ?
                ORDER BY at DESC LIMIT ? OFFSET ?""")
            .params(checkId, ts(from), ts(to), paging.size(), paging.offset())
            .query((rs, n) -> {
                String state = StateMachine.state(rs.getInt(2));
                return new Result(rs.getTimestamp(1).toInstant(), StateMachine.UP.equals(state) || StateMachine.DEGRADED.equals(state),
                    state, rs.getInt(3), rs.getString(4), StoredJson.readObject(rs.getString(5)));
            }).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    private enum Kind { UP, DOWN, DEGRADED, MAINTENANCE, OUT }

    private static Kind kind(String state) {
        return switch (state) {
            case StateMachine.UP -> Kind.UP;
            case StateMachine.DOWN -> Kind.DOWN;
            case StateMachine.DEGRADED -> Kind.DEGRADED;
            case StateMachine.MAINTENANCE -> Kind.MAINTENANCE;
            default -> Kind.OUT;
        };
    }

    @Override
    public Availability availability(long checkId, Instant from, Instant to) {
        exists(checkId);
        Map<Kind, Long> seconds = stateSeconds(jdbc, checkId, from, min(to, clock.instant()));
        long down = seconds.get(Kind.DOWN);
        long maintenance = seconds.get(Kind.MAINTENANCE);
        long counted = seconds.get(Kind.UP) + seconds.get(Kind.DEGRADED) + down;
        double up = counted == 0 ? 100.0 : Math.round((counted - down) * 1_000_000.0 / counted) / 10_000.0;
        return new Availability(up, down, seconds.get(Kind.DEGRADED), maintenance);
    }

    /** Seconds in each kind of state over {@code [from, to)}, from the state changes. Also used by the hourly rollups. */
    static Map<Kind, Long> stateSeconds(JdbcClient jdbc, long checkId, Instant from, Instant to) {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            out.put(k, 0L);
        }
        if (!to.isAfter(from)) {
            return out;
        }
        String before = jdbc.sql("SELECT state FROM mon_state_change WHERE check_id = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1")
            .params(checkId, ts(from)).query(String.class).optional().orElse(StateMachine.UNKNOWN);
        Kind current = kind(before);
        Instant mark = from;
        record Change(Instant at, String state) {
        }
        List<Change> changes = jdbc.sql("SELECT at, state FROM mon_state_change WHERE check_id = ? AND at > ? AND at < ? ORDER BY at, id")
            .params(checkId, ts(from), ts(to)).query((rs, n) -> new Change(rs.getTimestamp(1).toInstant(), rs.getString(2))).list();
        for (Change c : changes) {
            out.merge(current, Duration.between(mark, c.at()).toSeconds(), Long::sum);
            mark = c.at();
            current = kind(c.state());
        }
        out.merge(current, Duration.between(mark, to).toSeconds(), Long::sum);
        return out;
    }

    static long downSeconds(Map<?, Long> m) {
        return m.get(Kind.DOWN);
    }

    static long degradedSeconds(Map<?, Long> m) {
        return m.get(Kind.DEGRADED);
    }

    static long maintenanceSeconds(Map<?, Long> m) {
        return m.get(Kind.MAINTENANCE);
    }

    @Override
    public List<LatencyPoint> latency(long checkId, Instant from, Instant to) {
        exists(checkId);
        Duration span = Duration.between(from, to);
        if (span.isNegative() || span.isZero()) {
            return List.of();
        }
        long bucketMs = Math.max(1, span.toMillis() / POINTS);
        Map<Long, List<long[]>> buckets = new HashMap<>();
        if (span.compareTo(RAW_CHART) <= 0) {
            // raw: {latency, failed}
            jdbc.sql("SELECT at, latency_ms, state FROM mon_result WHERE check_id = ? AND at >= ? AND at < ?")
                .params(checkId, ts(from), ts(to))
                .query(rs -> {
                    long b = (rs.getTimestamp(1).toInstant().toEpochMilli() - from.toEpochMilli()) / bucketMs;
                    buckets.computeIfAbsent(b, k -> new ArrayList<>()).add(new long[] {rs.getInt(2), rs.getInt(3) == 2 ? 1 : 0,
                        rs.getInt(2), rs.getInt(2), rs.getInt(2), 1});
                });
        } else {
            // rollups: {mean, failures, min, p95, max, count}
            jdbc.sql("""
                    SELECT hour_start, latency_mean, failures, latency_min, latency_p95, latency_max, results FROM mon_rollup_hour
                    WHERE check_id = ? AND hour_start >= ? AND hour_start < ? AND results > 0""")
                .params(checkId, ts(from), ts(to))
                .query(rs -> {
                    long b = (rs.getTimestamp(1).toInstant().toEpochMilli() - from.toEpochMilli()) / bucketMs;
                    buckets.computeIfAbsent(b, k -> new ArrayList<>()).add(new long[] {rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7)});
                });
        }
        List<LatencyPoint> points = new ArrayList<>();
        buckets.keySet().stream().sorted().forEach(b -> {
            List<long[]> rows = buckets.get(b);
            long count = 0;
            long sum = 0;
            long failures = 0;
            long min = Long.MAX_VALUE;
            long max = 0;
            List<Long> p95s = new ArrayList<>();
            for (long[] r : rows) {
                count += r[5];
                sum += r[0] * r[5];
                failures += r[1];
                min = Math.min(min, r[2]);
                max = Math.max(max, r[4]);
                p95s.add(r[3]);
            }
            p95s.sort(null);
            long p95 = p95s.get(Math.min(p95s.size() - 1, (int) Math.ceil(p95s.size() * 0.95) - 1));
            points.add(new LatencyPoint(from.plusMillis(b * bucketMs), min, count == 0 ? 0 : sum / count, p95, max, (int) count,
                (int) failures));
        });
        return points;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
