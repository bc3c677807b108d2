package org.estate.change.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.estate.change.FreezeView;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Freezes and maintenance windows for the calendar tests while the real ones are built elsewhere:
 * a test adds what it needs; {@link #covers} is the set of CIs a freeze covers (null: all). Only
 * the test classes that import {@link Config} (a context of their own) see it.
 */
public final class StubFreezesAndWindows implements FreezeLookup, WindowLookup {

    private record Freeze(FreezeView view, Set<Long> covers) {
    }

    private static final List<Freeze> FREEZES = new CopyOnWriteArrayList<>();
    private static final List<Occurrence> OCCURRENCES = new CopyOnWriteArrayList<>();

    /** Adds a freeze covering these CIs (null: all). */
    public static FreezeView freeze(long id, String name, Instant start, Instant end, boolean hard, Set<Long> covers) {
        FreezeView v = new FreezeView(id, name, start, end, covers == null ? "all" : java.util.Map.of("cis", List.copyOf(covers)),
            hard, "Because", "test", start, 0);
        FREEZES.add(new Freeze(v, covers));
        return v;
    }

    public static void occurrence(long window, String name, List<Long> cis, Instant start, Instant end) {
        OCCURRENCES.add(new Occurrence(window, name, cis, start, end));
    }

    private static boolean overlaps(Instant s1, Instant e1, Instant s2, Instant e2) {
        return s1.isBefore(e2) && e1.isAfter(s2);
    }

    @Override
    public List<FreezeHit> covering(Instant start, Instant end, Collection<Long> cis) {
        return FREEZES.stream().filter(f -> overlaps(f.view().start(), f.view().end(), start, end))
            .filter(f -> f.covers() == null || cis.stream().anyMatch(f.covers()::contains))
            .map(f -> new FreezeHit(f.view().id(), f.view().name(), f.view().hard(), f.view().start(), f.view().end(), List.of()))
            .toList();
    }

    @Override
    public List<FreezeView> overlapping(Instant from, Instant to) {
        return FREEZES.stream().map(Freeze::view).filter(v -> overlaps(v.start(), v.end(), from, to)).toList();
    }

    @Override
    public List<Long> outsideWindows(Collection<Long> cis, Instant start, Instant end) {
        return List.of();
    }

    @Override
    public List<Occurrence> occurrences(Instant from, Instant to) {
        return OCCURRENCES.stream().filter(o -> overlaps(o.start(), o.end(), from, to)).toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        StubFreezesAndWindows stubFreezesAndWindows() {
            return new StubFreezesAndWindows();
        }
    }
}
