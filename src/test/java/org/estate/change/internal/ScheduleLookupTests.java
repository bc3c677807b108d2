package org.estate.change.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * What collision detection and the calendar ask of freezes and windows ({@link FreezeLookup},
 * {@link WindowLookup}): coverage with its path through the live graph, CIs outside their windows,
 * occurrences over a range; the event every write publishes; and a write by another node seen here.
 */
@EstateTest
@RecordApplicationEvents
class ScheduleLookupTests {

    @LocalServerPort
    int port;
    @Autowired
    FreezeService freezes;
    @Autowired
    WindowService windows;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    private final String s = UUID.randomUUID().toString().substring(0, 6);

    private long ci(ApiClient who, String ciClass, String name) {
        Response r = who.post("/api/v1/cis", "{\"class\":\"" + ciClass + "\",\"name\":\"" + name + "-" + s + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private void rel(ApiClient who, long source, String type, long target) {
        assertThat(who.post("/api/v1/relationships", "{\"source\":" + source + ",\"type\":\"" + type + "\",\"target\":" + target + "}")
            .status()).isEqualTo(201);
    }

    @Test
    void aFreezeOnAServiceCoversWhatItReliesOnWithThePathFromTheAffectedCi() {
        ApiClient eng = ApiClient.as(port, "lk.eng", "engineer");
        long service = ci(eng, "business-service", "lk-svc");
        long app = ci(eng, "application", "lk-app");
        long vm = ci(eng, "virtual-machine", "lk-vm");
        long other = ci(eng, "virtual-machine", "lk-other");
        rel(eng, service, "depends-on", app);
        rel(eng, app, "runs-on", vm);
        ChangeActor mgr = new ChangeActor("lk.mgr", true);
        long id = freezes.create(Map.of("name", "Elections " + s, "start", "2048-05-01T00:00:00Z", "end", "2048-05-08T00:00:00Z",
            "scope", Map.of("cis", List.of(service)), "hard", true), mgr).id();
        assertThat(events.stream(CollisionInputsChanged.class)).as("published by the write").isNotEmpty();
        Instant a = Instant.parse("2048-05-03T00:00:00Z");
        Instant b = Instant.parse("2048-05-03T01:00:00Z");
        assertThat(freezes.covering(a, b, List.of(other, vm))).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(id);
            assertThat(h.hard()).isTrue();
            assertThat(h.path()).containsExactly(vm, app, service);
        });
        assertThat(freezes.covering(a, b, List.of(service)).getFirst().path()).containsExactly(service);
        assertThat(freezes.covering(a, b, List.of(other))).isEmpty();
        assertThat(freezes.covering(Instant.parse("2048-05-08T00:00:00Z"), Instant.parse("2048-05-09T00:00:00Z"), List.of(vm)))
            .as("the end is not inside").isEmpty();
        assertThat(freezes.overlapping(a, b)).extracting(f -> f.id()).contains(id);
        freezes.delete(id, mgr);
        assertThat(freezes.covering(a, b, List.of(vm))).isEmpty();
    }

    @Test
    void aCiWithWindowsIsOutsideThemUnlessOneOccurrenceHoldsTheWholeChange() {
        ApiClient eng = ApiClient.as(port, "lk.eng", "engineer");
        long vm = ci(eng, "virtual-machine", "lk-win");
        long free = ci(eng, "virtual-machine", "lk-free");
        long id = windows.create(Map.of("name", "Patching " + s, "cis", List.of(vm), "rrule", "FREQ=WEEKLY;BYDAY=SU", "zone", "Europe/London",
            "startTime", "02:00", "durationMinutes", 120, "from", "2048-01-01"), new ChangeActor("lk.eng", false)).id();
        // Sunday 2 February 2048, 02:00-04:00 GMT.
        Instant in = Instant.parse("2048-02-02T02:30:00Z");
        assertThat(windows.outsideWindows(List.of(vm, free), in, in.plusSeconds(3600))).isEmpty();
        assertThat(windows.outsideWindows(List.of(free, vm), in.plusSeconds(3600), in.plusSeconds(7200))).containsExactly(vm);
        assertThat(windows.occurrences(Instant.parse("2048-02-01T00:00:00Z"), Instant.parse("2048-02-16T00:00:00Z")).stream()
            .filter(o -> o.window() == id)).extracting(o -> o.start().toString())
            .containsExactly("2048-02-02T02:00:00Z", "2048-02-09T02:00:00Z");
        assertThat(windows.occurrences(Instant.parse("2048-02-02T03:59:00Z"), Instant.parse("2048-02-02T05:00:00Z")).stream()
            .filter(o -> o.window() == id)).as("an occurrence under way at the start of the range").hasSize(1);
    }

    @Test
    void aFreezeWrittenByAnotherNodeIsSeenOnceItsGenerationMoves() {
        Instant start = Instant.parse("2049-01-01T00:00:00Z");
        assertThat(freezes.overlapping(start, start.plusSeconds(3600))).isEmpty();
        // Another node's write: the rows and the counter, committed together.
        jdbc.sql("INSERT INTO chg_freeze (name, start_at, end_at, scope_all, hard, created_by, created_at, updated_at) VALUES (?, ?, ?, TRUE, FALSE, 'other', ?, ?)")
            .params("Other node " + s, java.sql.Timestamp.from(start), java.sql.Timestamp.from(start.plusSeconds(86400)),
                java.sql.Timestamp.from(start), java.sql.Timestamp.from(start)).update();
        assertThat(freezes.overlapping(start, start.plusSeconds(3600))).as("this node's copy is not reloaded without the counter").isEmpty();
        jdbc.sql("UPDATE chg_schedule_state SET generation = generation + 1 WHERE id = 1").update();
        assertThat(freezes.overlapping(start, start.plusSeconds(3600))).extracting(f -> f.name()).containsExactly("Other node " + s);
        jdbc.sql("DELETE FROM chg_freeze WHERE name = ?").param("Other node " + s).update();
        jdbc.sql("UPDATE chg_schedule_state SET generation = generation + 1 WHERE id = 1").update();
    }
}
