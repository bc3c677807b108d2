package org.estate.monitoring.internal;

import java.time.Instant;
import java.util.List;

import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.springframework.stereotype.Component;

/** STAND-IN until the engine lands: nothing recorded. Replaced by the engine work. */
@Component
class StandInCheckReadings implements CheckReadings {

    @Override
    public PageResult<Result> results(long checkId, Instant from, Instant to, Paging paging) {
        return new PageResult<>(List.of(), paging.page(), paging.size(), 0);
    }

    @Override
    public Availability availability(long checkId, Instant from, Instant to) {
        return new Availability(100.0, 0, 0, 0);
    }

    @Override
    public List<LatencyPoint> latency(long checkId, Instant from, Instant to) {
        return List.of();
    }
}
