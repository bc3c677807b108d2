package org.estate.change.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.estate.change.ChangeView;
import org.estate.change.FreezeView;
import org.estate.cmdb.CiInput;
import org.estate.cmdb.Cmdb;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The freeze and outside-window kinds, with stand-in lookups answering what the freeze and window
 * services will (their own end-to-end tests come with them): what each hit becomes, the order
 * (changes, then freezes by start, then CIs outside their windows), and signatures that tell two
 * freezes on one CI apart and stay the same when found again.
 */
@EstateTest
class CollisionDetectorTests {

    private static final Instant START = Instant.parse("2039-06-01T01:00:00Z");
    private static final Instant END = Instant.parse("2039-06-01T03:00:00Z");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Cmdb cmdb;

    private long ci(String cls, String name) {
        return cmdb.create(new CiInput(cls, name + "-" + UUID.randomUUID().toString().substring(0, 6), null, null, null, null, null,
            null, null, null)).id();
    }

    private record Lookups(List<FreezeLookup.FreezeHit> hits, List<Long> outside) implements FreezeLookup, WindowLookup {
        @Override
        public List<FreezeHit> covering(Instant start, Instant end, Collection<Long> cis) {
            return hits;
        }

        @Override
        public List<FreezeView> overlapping(Instant from, Instant to) {
            return List.of();
        }

        @Override
        public List<Long> outsideWindows(Collection<Long> cis, Instant start, Instant end) {
            return outside.stream().filter(cis::contains).toList();
        }

        @Override
        public List<Occurrence> occurrences(Instant from, Instant to) {
            return List.of();
        }
    }

    @Test
    void freezesAndWindowsBecomeCollisionsAfterTheOtherChanges() {
        long vm = ci("virtual-machine", "frz-vm");
        long svc = ci("business-service", "frz-svc");
        Lookups lookups = new Lookups(List.of(
            new FreezeLookup.FreezeHit(8, "Elections", true, START.minusSeconds(7200), END, List.of(vm, svc)),
            new FreezeLookup.FreezeHit(7, "Year end", false, START.minusSeconds(86_400), END, List.of(vm))), List.of(vm));
        CollisionDetector detector = new CollisionDetector(jdbc, cmdb, lookups, lookups);

        List<CollisionFinder.Found> found = detector.find(null, START, END, List.of(vm));
        assertThat(found).extracting(f -> f.collision().kind()).containsExactly("freeze", "freeze", "outside-window");
        ChangeView.Collision yearEnd = found.get(0).collision();
        assertThat(yearEnd.change()).isNull();
        assertThat(yearEnd.path()).containsExactly(vm);
        assertThat(yearEnd.detail()).contains("'Year end' (soft", "frz-vm");
        ChangeView.Collision elections = found.get(1).collision();
        assertThat(elections.path()).containsExactly(vm, svc);
        assertThat(elections.detail()).contains("'Elections' (hard", "relies on frz-svc");
        assertThat(found.get(2).collision().path()).containsExactly(vm);
        assertThat(found.get(2).collision().detail()).contains("outside all of them");
        assertThat(found).extracting(CollisionFinder.Found::signature).doesNotHaveDuplicates();
        assertThat(detector.find(null, START, END, List.of(vm))).extracting(CollisionFinder.Found::signature)
            .containsExactlyElementsOf(found.stream().map(CollisionFinder.Found::signature).toList());

        assertThat(detector.find(null, END, START, List.of(vm))).as("no window, no collisions").isEmpty();
    }
}
