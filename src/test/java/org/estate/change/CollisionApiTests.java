package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Collisions between changes through real HTTP: same CI, dependency either way, a joint outage
 * neither change causes alone; drafts, cancelled and closed changes and other windows left out;
 * the +10 risk per collision; the proposed-change check that stores nothing.
 */
@EstateTest
class CollisionApiTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    /** A two-hour window on a day of its own, far from other tests' changes (their CIs never meet ours anyway). */
    static Instant day() {
        return Instant.parse("2045-01-01T02:00:00Z").plus(ThreadLocalRandom.current().nextInt(0, 20_000), ChronoUnit.DAYS);
    }

    static String at(Instant day, int hours) {
        return day.plus(hours, ChronoUnit.HOURS).toString();
    }

    static void group(ChangeFixture f, long source, long target, String group, int minimumUp) {
        Response r = f.engineer.post("/api/v1/relationships", "{\"source\":" + source + ",\"type\":\"runs-on\",\"target\":" + target
            + ",\"redundancyGroup\":\"" + group + "\",\"minimumUp\":" + minimumUp + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** An emergency change on these CIs in [from, to) hours of {@code day}, submitted (in assessment). */
    static String submitted(ChangeFixture f, ApiClient who, Instant day, int from, int to, long... cis) {
        String ref = ChangeFixture.created(who, ChangeFixture.body("emergency", at(day, from), at(day, to), "", cis));
        Response s = who.post("/api/v1/changes/" + ref + "/submit", "");
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        return ref;
    }

    private JsonNode collisions(ChangeFixture f, String ref) {
        Response r = f.engineer.get("/api/v1/changes/" + ref);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("collisions");
    }

    private static List<Long> path(JsonNode collision) {
        List<Long> out = new ArrayList<>();
        collision.get("path").forEach(n -> out.add(n.asLong()));
        return out;
    }

    @Test
    void twoChangesOnOneCiCollideOnceTheOtherIsSubmittedAndEachCollisionAddsTenToTheRisk() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "shared-vm", null);
        Instant d = day();
        String first = submitted(f, f.engineer, d, 0, 2, vm);
        String draft = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", at(d, 1), at(d, 3), "", vm));

        JsonNode own = collisions(f, draft);
        assertThat(own.size()).as("a draft computes its own collisions").isEqualTo(1);
        assertThat(own.get(0).get("change").asString()).isEqualTo(first);
        assertThat(own.get(0).get("kind").asString()).isEqualTo("same-ci");
        assertThat(path(own.get(0))).containsExactly(vm);
        assertThat(own.get(0).get("detail").asString()).contains(first, "shared-vm-" + f.s);
        assertThat(collisions(f, first).size()).as("but is listed among nobody's until it is submitted").isZero();

        JsonNode risk = f.engineer.get("/api/v1/changes/" + draft).json().get("risk");
        List<Integer> collisionPoints = new ArrayList<>();
        risk.get("factors").forEach(x -> {
            if ("collision".equals(x.get("factor").asString())) {
                collisionPoints.add(x.get("points").asInt());
                assertThat(x.get("detail").asString()).startsWith("same-ci: ");
            }
        });
        assertThat(collisionPoints).containsExactly(10);

        f.engineer.post("/api/v1/changes/" + draft + "/submit", "");
        JsonNode theirs = collisions(f, first);
        assertThat(theirs.size()).isEqualTo(1);
        assertThat(theirs.get(0).get("change").asString()).isEqualTo(draft);
        assertThat(theirs.get(0).get("kind").asString()).isEqualTo("same-ci");
    }

    @Test
    void aDependencyCollidesBothWaysWithTheChainOfCis() {
        ChangeFixture f = new ChangeFixture(port);
        long app = f.ci("application", "dep-app", null);
        long vm = f.ci("virtual-machine", "dep-vm", null);
        long cluster = f.ci("host-cluster", "dep-cluster", null);
        f.rel(app, "runs-on", vm);
        f.rel(vm, "runs-on", cluster);
        Instant d = day();
        String onApp = submitted(f, f.engineer, d, 0, 2, app);
        String onCluster = submitted(f, f.engineer, d, 1, 3, cluster);

        JsonNode fromApp = collisions(f, onApp);
        assertThat(fromApp.size()).isEqualTo(1);
        assertThat(fromApp.get(0).get("kind").asString()).isEqualTo("dependency");
        assertThat(fromApp.get(0).get("change").asString()).isEqualTo(onCluster);
        assertThat(path(fromApp.get(0))).as("from the relying CI down to what it relies on").containsExactly(app, vm, cluster);
        assertThat(fromApp.get(0).get("detail").asString()).contains("This change works on dep-app-" + f.s, "relies on dep-cluster-" + f.s,
            onCluster, "through 1 other CI");

        JsonNode fromCluster = collisions(f, onCluster);
        assertThat(fromCluster.size()).isEqualTo(1);
        assertThat(fromCluster.get(0).get("kind").asString()).isEqualTo("dependency");
        assertThat(fromCluster.get(0).get("change").asString()).isEqualTo(onApp);
        assertThat(path(fromCluster.get(0))).containsExactly(app, vm, cluster);
        assertThat(fromCluster.get(0).get("detail").asString()).contains(onApp + " (\u201cUpgrade\u201d) works on dep-app-" + f.s);
    }

    @Test
    void aJointOutageIsFoundWhereNeitherChangeTakesTheServiceDownAlone() {
        ChangeFixture f = new ChangeFixture(port);
        long svc = f.ci("business-service", "joint-svc", "high");
        long app = f.ci("application", "joint-app", null);
        long vm1 = f.ci("virtual-machine", "joint-vm1", null);
        long vm2 = f.ci("virtual-machine", "joint-vm2", null);
        f.rel(svc, "uses", app);
        group(f, app, vm1, "pair", 1);
        group(f, app, vm2, "pair", 1);
        Instant d = day();
        String a = submitted(f, f.engineer, d, 0, 2, vm1);
        String b = submitted(f, f.engineer, d, 1, 3, vm2);

        JsonNode change = f.engineer.get("/api/v1/changes/" + a).json();
        assertThat(change.get("impact").get("services").get(0).get("state").asString()).as("alone it only degrades the service")
            .isEqualTo("degraded");
        JsonNode found = change.get("collisions");
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).get("kind").asString()).isEqualTo("joint-outage");
        assertThat(found.get(0).get("change").asString()).isEqualTo(b);
        assertThat(path(found.get(0))).containsExactly(vm1, vm2, svc);
        assertThat(found.get(0).get("detail").asString()).contains("joint-svc-" + f.s, "neither takes down alone", b);
        JsonNode other = collisions(f, b);
        assertThat(other.size()).isEqualTo(1);
        assertThat(path(other.get(0))).containsExactly(vm2, vm1, svc);

        // Windows that only touch (one ends as the other starts) do not overlap.
        String later = submitted(f, f.engineer, d, 3, 4, vm1);
        assertThat(collisions(f, later).size()).isZero();
    }

    @Test
    void cancelledClosedAndNonOverlappingChangesAreLeftOut() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "quiet-vm", null);
        ApiClient manager = ApiClient.as(port, "chg.coll.mgr", "manager");
        Instant d = day();
        String cancelled = submitted(f, f.engineer, d, 0, 4, vm);
        assertThat(f.engineer.post("/api/v1/changes/" + cancelled + "/status", "{\"status\":\"cancelled\"}").status()).isEqualTo(200);
        String closed = submitted(f, f.engineer, d, 0, 4, vm);
        assertThat(manager.post("/api/v1/changes/" + closed + "/approvals", "{\"decision\":\"approved\"}").status()).isEqualTo(200);
        assertThat(f.engineer.post("/api/v1/changes/" + closed + "/status", "{\"status\":\"implementing\"}").status()).isEqualTo(200);
        Response close = f.engineer.post("/api/v1/changes/" + closed + "/status",
            "{\"status\":\"closed\",\"outcome\":\"successful\",\"review\":\"Went well\"}");
        assertThat(close.status()).as(close.body()).isEqualTo(200);
        submitted(f, f.engineer, d, -3, 0, vm); // ends as ours starts
        submitted(f, f.engineer, d, 24, 26, vm); // the next day
        String ours = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", at(d, 0), at(d, 4), "", vm));
        assertThat(collisions(f, ours).size()).isZero();
        assertThat(collisions(f, closed).size()).as("a closed change has no collisions left").isZero();
    }

    @Test
    void aProposedChangeIsCheckedWithoutStoringAnything() {
        ChangeFixture f = new ChangeFixture(port);
        long svc = f.ci("business-service", "prop-svc", "critical");
        long app = f.ci("application", "prop-app", null);
        long vm = f.ci("virtual-machine", "prop-vm", null);
        f.rel(svc, "uses", app);
        f.rel(app, "runs-on", vm);
        Instant d = day();
        String existing = submitted(f, f.engineer, d, 0, 2, app);
        long before = jdbc.sql("SELECT COUNT(*) FROM chg_change").query(Long.class).single();
        String body = "{\"plannedStart\":\"%s\",\"plannedEnd\":\"%s\",\"affectedCis\":[%d]%s}";

        Response r = f.engineer.post("/api/v1/changes/collisions", body.formatted(at(d, 1), at(d, 3), vm, ""));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("collisions").size()).isEqualTo(1);
        assertThat(r.json().get("collisions").get(0).get("change").asString()).isEqualTo(existing);
        assertThat(r.json().get("collisions").get(0).get("kind").asString()).isEqualTo("dependency");
        assertThat(path(r.json().get("collisions").get(0))).containsExactly(app, vm);
        assertThat(r.json().get("impact").get("services").get(0).get("id").asLong()).isEqualTo(svc);
        assertThat(r.json().get("impact").get("services").get(0).get("state").asString()).isEqualTo("down");
        assertThat(r.json().get("risk").get("score").asInt()).isGreaterThanOrEqualTo(50);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chg_change").query(Long.class).single()).isEqualTo(before);

        Response excluded = f.engineer.post("/api/v1/changes/collisions",
            body.formatted(at(d, 1), at(d, 3), app, ",\"exclude\":\"" + existing + "\""));
        assertThat(excluded.status()).as(excluded.body()).isEqualTo(200);
        assertThat(excluded.json().get("collisions").size()).as("the change being edited is not its own collision").isZero();

        Response unknownCi = f.engineer.post("/api/v1/changes/collisions", body.formatted(at(d, 1), at(d, 3), vm, "")
            .replace("[" + vm + "]", "[" + vm + ",999999999]"));
        assertThat(unknownCi.status()).isEqualTo(422);
        assertThat(unknownCi.json().get("errors").get(0).get("field").asString()).isEqualTo("affectedCis[1]");
        Response backwards = f.engineer.post("/api/v1/changes/collisions", body.formatted(at(d, 3), at(d, 1), vm, ""));
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.json().get("errors").get(0).get("field").asString()).isEqualTo("plannedEnd");
        Response missing = f.engineer.post("/api/v1/changes/collisions", "{\"plannedStart\":\"" + at(d, 1) + "\"}");
        assertThat(missing.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        missing.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("plannedEnd", "affectedCis");
        Response badExclude = f.engineer.post("/api/v1/changes/collisions", body.formatted(at(d, 1), at(d, 3), vm, ",\"exclude\":\"CHG-0\""));
        assertThat(badExclude.status()).isEqualTo(422);
        assertThat(badExclude.json().get("errors").get(0).get("field").asString()).isEqualTo("exclude");
        assertThat(ApiClient.as(port, "chg.coll.viewer", "viewer").post("/api/v1/changes/collisions",
            body.formatted(at(d, 1), at(d, 3), vm, "")).status()).isEqualTo(403);
    }
}
