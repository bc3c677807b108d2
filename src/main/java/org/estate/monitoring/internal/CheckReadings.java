package org.estate.monitoring.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.estate.platform.PageResult;
import org.estate.platform.Paging;

/** What the engine has recorded of a check: raw results, hourly rollups and availability. */
public interface CheckReadings {

    /** One stored result. */
    record Result(Instant at, boolean ok, String state, long latencyMs, String message, Map<String, Object> values) {
    }

    /** Availability over a span: {@code upPercent} of the span not down (maintenance excluded from the span). */
    record Availability(double upPercent, long downSeconds, long degradedSeconds, long maintenanceSeconds) {
    }

    /** Latency over a bucket (an hour from rollups, or a single result), for the chart. */
    record LatencyPoint(Instant at, long minMs, long meanMs, long p95Ms, long maxMs, int count, int failures) {
    }

    /** Raw results in {@code [from, to)}, newest first. */
    PageResult<Result> results(long checkId, Instant from, Instant to, Paging paging);

    Availability availability(long checkId, Instant from, Instant to);

    /** Latency in {@code [from, to)} in at most about 200 points, oldest first. */
    List<LatencyPoint> latency(long checkId, Instant from, Instant to);
}
