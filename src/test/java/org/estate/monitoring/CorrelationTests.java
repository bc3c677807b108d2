package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.estate.monitoring.internal.correlation.Correlator;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * One incident per root cause, on a graph with a redundancy group:
 * <pre>
 *   Bins (business service, critical) ─depends-on→ app ─depends-on→ db ─runs-on→ host
 *                                                   └─depends-on→ web1, web2 (group "web", minimumUp 1)
 * </pre>
 */
@EstateTest
class CorrelationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Correlator correlator;
    @Autowired
    org.estate.monitoring.internal.MaintenanceFilter maintenance;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    CorrelationFixture f;
    long service;
    long app;
    long db;
    long host;
    long web1;
    long web2;
    long appCheck;
    long dbCheck;
    long hostCheck;
    long web1Check;
    long web2Check;

    @BeforeEach
    void graph() {
        f = new CorrelationFixture(port, jdbc, correlator);
        service = f.ci("business-service", "Bins", "critical");
        app = f.ci("application", "bins-app", null);
        db = f.ci("database", "bins-db", null);
        host = f.ci("server", "db-host", null);
        web1 = f.ci("server", "web1", null);
        web2 = f.ci("server", "web2", null);
        f.rel(service, "depends-on", app);
        f.rel(app, "depends-on", db);
        f.rel(db, "runs-on", host);
        f.rel(app, "depends-on", web1, "web", 1);
        f.rel(app, "depends-on", web2, "web", 1);
        appCheck = f.check(app, "app-http");
        dbCheck = f.check(db, "db-query");
        hostCheck = f.check(host, "host-ping");
        web1Check = f.check(web1, "web1-http");
        web2Check = f.check(web2, "web2-http");
    }

    @AfterEach
    void cleanUp() {
        TestClock.reset();
        f.cleanUp();
    }

    @Test
    void aRootCauseAndItsSymptomsOpenOneIncidentNamingThemAll() {
        f.state(hostCheck, "down");
        f.state(dbCheck, "down");
        f.state(appCheck, "down");
        Correlator.Pass pass = f.reconcile();
        List<String> forHost = f.incidentsOf(host, true);
        assertThat(forHost).hasSize(1);
        String ref = forHost.get(0);
        assertThat(pass.opened()).contains(ref);
        assertThat(f.incidentsOf(db, true)).as("a symptom opens nothing: it is named on the root's incident").containsExactly(ref);
        assertThat(f.incidentsOf(app, true)).containsExactly(ref);
        JsonNode incident = f.incident(ref);
        assertThat(incident.get("title").asString()).isEqualTo("Down: db-host-" + f.s);
        assertThat(incident.get("priority").asString()).as("it puts a critical service down").isEqualTo("P1");
        assertThat(incident.get("priorityReason").asString()).contains("Bins-" + f.s);
        assertThat(incident.get("description").asString()).contains("bins-db-" + f.s, "bins-app-" + f.s, "Bins-" + f.s);

        JsonNode problem = f.problem(host);
        assertThat(problem.get("check").asLong()).isEqualTo(hostCheck);
        assertThat(problem.get("state").asString()).isEqualTo("down");
        assertThat(problem.get("incident").asString()).isEqualTo(ref);
        assertThat(problem.get("symptoms").findValues("check").stream().map(JsonNode::asLong)).containsExactlyInAnyOrder(dbCheck, appCheck);
        assertThat(problem.get("impactedServices").findValues("id").stream().map(JsonNode::asLong)).contains(service);
        assertThat(f.problem(db)).as("a symptom is no root cause").isNull();

        Correlator.Pass again = f.reconcile();
        assertThat(again.opened()).as("idempotent").doesNotContain(ref);
        assertThat(f.incidentsOf(host, true)).containsExactly(ref);
    }

    @Test
    void aSymptomsOwnEarlierIncidentIsResolvedAsADuplicateOfTheRootCauses() {
        f.state(appCheck, "down");
        f.reconcile();
        List<String> own = f.incidentsOf(app, true);
        assertThat(own).hasSize(1);
        f.state(dbCheck, "down");
        Correlator.Pass pass = f.reconcile();
        List<String> forDb = f.incidentsOf(db, true);
        assertThat(forDb).hasSize(1);
        assertThat(pass.duplicates()).contains(own.get(0));
        JsonNode dup = f.incident(own.get(0));
        assertThat(dup.get("status").asString()).isEqualTo("resolved");
        assertThat(dup.get("resolutionCode").asString()).isEqualTo("duplicate");
        assertThat(dup.get("resolutionNote").asString()).contains(forDb.get(0));
        assertThat(f.incidentsOf(app, true)).as("one stays open, naming the app too").containsExactly(forDb.get(0));
        assertThat(f.timeline(forDb.get(0))).anyMatch(t -> t.contains(own.get(0)) && t.contains("duplicate"));
    }

    @Test
    void whenTheRootRecoversASymptomStillDownGetsItsIncidentAtOnce() {
        f.state(hostCheck, "down");
        f.state(appCheck, "down");
        f.reconcile();
        String root = f.incidentsOf(host, true).get(0);
        f.state(hostCheck, "up");
        Correlator.Pass pass = f.reconcile();
        assertThat(pass.recovered()).contains(root);
        List<String> forApp = f.incidentsOf(app, true);
        assertThat(forApp).hasSize(1).doesNotContain(root);
        assertThat(pass.opened()).contains(forApp.get(0));
        JsonNode resolved = f.incident(root);
        assertThat(resolved.get("resolutionCode").asString()).isEqualTo("monitoring-recovered");
        assertThat(resolved.get("resolutionNote").asString()).contains(forApp.get(0));
        assertThat(f.incident(forApp.get(0)).get("title").asString()).isEqualTo("Down: bins-app-" + f.s);
    }

    @Test
    void allUpResolvesAsRecoveredButOnlyUpdatesAnIncidentAnEngineerHasTaken() {
        f.state(dbCheck, "down");
        f.state(hostCheck, "down");
        f.reconcile();
        String first = f.incidentsOf(host, true).get(0);
        f.state(dbCheck, "up");
        f.state(hostCheck, "up");
        f.reconcile();
        assertThat(f.incident(first).get("status").asString()).isEqualTo("resolved");
        assertThat(f.incident(first).get("resolutionCode").asString()).isEqualTo("monitoring-recovered");

        f.state(hostCheck, "down");
        f.reconcile();
        String second = f.incidentsOf(host, true).get(0);
        assertThat(second).isNotEqualTo(first);
        assertThat(f.engineer.post("/api/v1/incidents/" + second + "/status", "{\"status\":\"in-progress\"}").status()).isEqualTo(200);
        f.state(hostCheck, "up");
        f.reconcile();
        JsonNode taken = f.incident(second);
        assertThat(taken.get("status").asString()).as("an engineer has it: update only").isEqualTo("in-progress");
        assertThat(f.timeline(second)).anyMatch(t -> t.contains("up again") && t.contains("engineer has taken"));
        assertThat(f.problem(host)).isNull();
        f.reconcile();
        assertThat(f.timeline(second).stream().filter(t -> t.contains("up again"))).as("said once").hasSize(1);
    }

    @Test
    void oneOfTwoRedundantWebServersDownIsRedundancyLostNotP1AndBothDownIsP1() {
        f.state(web1Check, "down");
        f.reconcile();
        String lost = f.incidentsOf(web1, true).get(0);
        JsonNode incident = f.incident(lost);
        assertThat(incident.get("title").asString()).isEqualTo("Redundancy lost: web1-" + f.s);
        assertThat(incident.get("priority").asString()).as("critical service degraded only").isEqualTo("P3");
        assertThat(f.problem(web1).get("impactedServices").findValues("state").stream().map(JsonNode::asString)).containsOnly("degraded");

        f.state(web2Check, "down");
        f.reconcile();
        String other = f.incidentsOf(web2, true).get(0);
        assertThat(f.incident(other).get("priority").asString()).as("together they put Bins down").isEqualTo("P1");
        assertThat(f.incident(lost).get("priority").asString()).as("raised as its impact grew").isEqualTo("P1");
        assertThat(f.timeline(lost)).anyMatch(t -> t.contains("Impact grew"));
    }

    @Test
    void aFlappingCheckIsHeldToOneIncident() {
        f.state(hostCheck, "down");
        f.reconcile();
        String ref = f.incidentsOf(host, true).get(0);
        for (int i = 0; i < 3; i++) {
            f.state(hostCheck, "up");
            f.flapping(hostCheck, true);
            f.reconcile();
            assertThat(f.incident(ref).get("status").asString()).as("held open while flapping").isEqualTo("new");
            f.state(hostCheck, "down");
            f.reconcile();
            assertThat(f.incidentsOf(host, false)).as("never a second incident").containsExactly(ref);
        }
        f.state(hostCheck, "up");
        f.flapping(hostCheck, false);
        f.reconcile();
        assertThat(f.incident(ref).get("resolutionCode").asString()).isEqualTo("monitoring-recovered");
    }

    @Test
    void twoConcurrentPassesOpenOneIncident() throws Exception {
        f.state(dbCheck, "down");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Correlator.Pass>> passes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                passes.add(pool.submit(() -> {
                    go.await();
                    return correlator.reconcile();
                }));
            }
            go.countDown();
            List<String> opened = new ArrayList<>();
            for (Future<Correlator.Pass> p : passes) {
                opened.addAll(p.get(60, TimeUnit.SECONDS).opened());
            }
            List<String> forDb = f.incidentsOf(db, false);
            assertThat(forDb).hasSize(1);
            assertThat(opened.stream().filter(forDb::contains)).as("opened by exactly one of the two passes").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failuresInMaintenanceAndOnWhatReliesOnItOpenNothingUntilItEnds() {
        var w = f.engineer.post("/api/v1/maintenance-windows", """
            {"name":"Host patching %s","cis":[%d],"start":"2045-05-01T01:00:00Z","end":"2045-05-01T05:00:00Z"}""".formatted(f.s, host));
        assertThat(w.status()).as(w.body()).isEqualTo(201);
        TestClock.set("2045-05-01T02:00:00Z");
        assertThat(maintenance.inMaintenance(host, TestClock.get().instant())).isTrue();
        assertThat(maintenance.inMaintenance(app, TestClock.get().instant())).as("it relies on the host").isTrue();
        assertThat(maintenance.inMaintenance(web1, TestClock.get().instant())).isFalse();
        f.state(hostCheck, "down");
        f.state(dbCheck, "down");
        f.state(appCheck, "down");
        f.reconcile();
        assertThat(f.incidentsOf(host, false)).isEmpty();
        assertThat(f.incidentsOf(db, false)).isEmpty();
        assertThat(f.incidentsOf(app, false)).isEmpty();
        assertThat(f.problem(host)).isNull();

        TestClock.set("2045-05-01T05:00:01Z");
        f.reconcile();
        assertThat(f.incidentsOf(host, true)).as("still down after the window: now it is an incident").hasSize(1);
        assertThat(f.incidentsOf(app, true)).isEqualTo(f.incidentsOf(host, true));
    }

    @Test
    void aStateChangeEventBringsTheIncidentsUpToDateWithoutAPassByHand() throws InterruptedException {
        f.state(web2Check, "down");
        tx.executeWithoutResult(status -> events.publishEvent(
            CheckStatesChanged.of(new CheckStateChanged(web2Check, web2, "up", "down", TestClock.get().instant()))));
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (f.incidentsOf(web2, true).isEmpty() && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(f.incidentsOf(web2, true)).hasSize(1);
    }
}
