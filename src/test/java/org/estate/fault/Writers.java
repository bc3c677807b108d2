package org.estate.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

/**
 * Client threads that create CIs and change every other one twice through real HTTP, remembering
 * every write that was acknowledged (a 2xx) — and, for a change in flight when things broke, the
 * value it tried to write. {@link #verify} then checks that every acknowledged write is there with
 * its audit history, and that nothing is half-written: every CI has its "created" audit entry and
 * every CI audit entry has its CI.
 */
final class Writers implements AutoCloseable {

    /** One CI as the writers know it: its last acknowledged owner and the one possibly in flight. */
    static final class Written {
        final long id;
        final String name;
        volatile int acknowledgedUpdates;
        volatile String acknowledgedOwner = "Infrastructure";
        volatile String attemptedOwner;

        Written(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private final Http http;
    private final String prefix;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    final Map<Long, Written> acknowledged = new ConcurrentHashMap<>();
    final AtomicInteger acknowledgedWrites = new AtomicInteger();
    /** Statuses of the answers that were not 2xx (-1: no answer), with how often they came. */
    final Map<Integer, AtomicInteger> refusals = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    Writers(Http http, String prefix, int count) {
        this.http = http;
        this.prefix = prefix;
        for (int t = 0; t < count; t++) {
            int thread = t;
            Thread th = new Thread(() -> loop(thread), "writer-" + t);
            th.setDaemon(true);
            threads.add(th);
        }
        threads.forEach(Thread::start);
    }

    private void loop(int thread) {
        for (int i = 0; running.get(); i++) {
            try {
                String name = prefix + "-t" + thread + "-" + i;
                Http.Answer created = http.post("/api/v1/cis", """
                    {"class":"virtual-machine","name":"%s","status":"live","criticality":"medium","owner":"Infrastructure"}"""
                    .formatted(name));
                if (!count(created)) {
                    continue;
                }
                Written w = new Written(created.json().get("id").asLong(), name);
                acknowledged.put(w.id, w);
                acknowledgedWrites.incrementAndGet();
                String etag = created.etag();
                for (int u = 1; i % 2 == 0 && u <= 2 && running.get() && etag != null; u++) {
                    String owner = "owner-" + u + "-" + name;
                    w.attemptedOwner = owner;
                    Http.Answer patched = http.send("PATCH", "/api/v1/cis/" + w.id, "{\"owner\":\"" + owner + "\"}",
                        "application/merge-patch+json", Map.of("If-Match", etag));
                    if (!count(patched)) {
                        break;
                    }
                    w.acknowledgedOwner = owner;
                    w.acknowledgedUpdates = u;
                    acknowledgedWrites.incrementAndGet();
                    etag = patched.etag();
                }
            } catch (Throwable e) {
                unexpected.add(e.toString());
            }
        }
    }

    private boolean count(Http.Answer answer) {
        if (answer.ok()) {
            return true;
        }
        refusals.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
        if (answer.status() == -1 || answer.status() == 503) {
            Poll.pause(); // Estate is down or has no database: do not spin
        } else {
            unexpected.add(answer.toString());
        }
        return false;
    }

    int refused(int status) {
        AtomicInteger n = refusals.get(status);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(60_000);
        }
    }

    /** Every acknowledged write is there with its history; nothing is half-written. */
    static void verify(Http http, Writers writers) {
        assertThat(writers.acknowledged).as("acknowledged CIs").isNotEmpty();
        for (Written w : writers.acknowledged.values()) {
            Http.Answer ci = http.get("/api/v1/cis/" + w.id);
            assertThat(ci.status()).as("acknowledged CI %s (%d) after the fault: %s", w.name, w.id, ci).isEqualTo(200);
            JsonNode body = ci.json();
            assertThat(body.get("name").asString()).isEqualTo(w.name);
            List<String> owners = new ArrayList<>(List.of(w.acknowledgedOwner));
            if (w.attemptedOwner != null) {
                owners.add(w.attemptedOwner); // a change in flight may or may not have landed
            }
            assertThat(body.get("owner").asString()).as("owner of %s", w.name).isIn(owners);
            JsonNode history = http.get("/api/v1/cis/" + w.id + "/history?size=500").json().get("items");
            List<String> actions = new ArrayList<>();
            history.forEach(h -> actions.add(h.get("action").asString()));
            assertThat(actions).as("history of %s", w.name).contains("created");
            assertThat(actions.stream().filter("updated"::equals).count()).as("changes in the history of %s", w.name)
                .isGreaterThanOrEqualTo(w.acknowledgedUpdates);
        }
        // Nothing half-written, acknowledged or not: each CI has its "created" audit entry, each entry its CI.
        Set<String> created = new java.util.HashSet<>();
        for (int page = 0; ; page++) {
            JsonNode p = http.get("/api/v1/audit?entity=ci&size=500&page=" + page).json();
            p.get("items").forEach(e -> {
                if ("created".equals(e.get("action").asString())) {
                    created.add(e.get("entityId").asString());
                }
            });
            if (p.get("items").size() < 500) {
                break;
            }
        }
        Set<String> cis = new java.util.HashSet<>();
        for (int page = 0; ; page++) {
            JsonNode p = http.get("/api/v1/cis?size=500&page=" + page).json();
            p.get("items").forEach(c -> cis.add(c.get("id").asString()));
            if (p.get("items").size() < 500) {
                break;
            }
        }
        assertThat(cis).as("CIs that are there").hasSizeGreaterThanOrEqualTo(writers.acknowledged.size());
        assertThat(created).as("CIs with a 'created' audit entry = CIs that exist").isEqualTo(cis);
    }
}
