package org.estate.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Relationships and impact through real HTTP, on a small estate:
 * Council Tax payments → payments app → (db, and web VMs 1+2 in group "web" needing 1)
 * → cluster → hosts 1..3 in group "nodes" needing 2 → site.
 */
@EstateTest
class RelationshipAndImpactApiTests {

    @LocalServerPort
    int port;
    ApiClient engineer;
    String s;
    final Map<String, Long> ids = new HashMap<>();

    @BeforeEach
    void estate() {
        engineer = ApiClient.as(port, "rel.engineer", "engineer");
        s = UUID.randomUUID().toString().substring(0, 8);
        ci("business-service", "svc");
        ci("application", "app");
        ci("database", "db");
        ci("virtual-machine", "web1");
        ci("virtual-machine", "web2");
        ci("host-cluster", "cluster");
        ci("server", "host1");
        ci("server", "host2");
        ci("server", "host3");
        ci("site", "dc");
        ci("storage", "backup");
        rel("svc", "depends-on", "app", null, null);
        rel("app", "depends-on", "db", null, null);
        rel("app", "runs-on", "web1", "web", 1);
        rel("app", "runs-on", "web2", "web", 1);
        rel("db", "runs-on", "web1", null, null);
        rel("web1", "runs-on", "cluster", null, null);
        rel("web2", "runs-on", "cluster", null, null);
        rel("cluster", "runs-on", "host1", "nodes", 2);
        rel("cluster", "runs-on", "host2", "nodes", 2);
        rel("cluster", "runs-on", "host3", "nodes", 2);
        rel("host1", "hosted-at", "dc", null, null);
        rel("host2", "hosted-at", "dc", null, null);
        rel("host3", "hosted-at", "dc", null, null);
        rel("db", "backed-up-by", "backup", null, null);
    }

    private void ci(String ciClass, String name) {
        Response r = engineer.post("/api/v1/cis", "{\"class\":\"" + ciClass + "\",\"name\":\"" + name + "-" + s + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        ids.put(name, r.json().get("id").asLong());
    }

    private Response rel(String source, String type, String target, String group, Integer minimumUp) {
        String body = "{\"source\":" + ids.get(source) + ",\"type\":\"" + type + "\",\"target\":" + ids.get(target)
            + (group == null ? "" : ",\"redundancyGroup\":\"" + group + "\",\"minimumUp\":" + minimumUp) + "}";
        Response r = engineer.post("/api/v1/relationships", body);
        assertThat(r.status()).as(r.body()).isIn(201, 409, 422);
        return r;
    }

    private Map<String, String> states(JsonNode impact) {
        Map<String, String> states = new HashMap<>();
        for (JsonNode i : impact.get("impacted")) {
            states.put(i.get("name").asString().replace("-" + s, ""), i.get("state").asString() + "@" + i.get("distance").asInt());
        }
        return states;
    }

    @Test
    void relationshipValidation() {
        assertThat(rel("svc", "depends-on", "app", null, null).status()).isEqualTo(409);
        Response unknownType = engineer.post("/api/v1/relationships",
            "{\"source\":" + ids.get("svc") + ",\"type\":\"loves\",\"target\":" + ids.get("app") + "}");
        assertThat(unknownType.status()).isEqualTo(422);
        assertThat(engineer.post("/api/v1/relationships",
            "{\"source\":" + ids.get("svc") + ",\"type\":\"uses\",\"target\":999999999}").status()).isEqualTo(422);
        assertThat(engineer.post("/api/v1/relationships",
            "{\"source\":" + ids.get("svc") + ",\"type\":\"uses\",\"target\":" + ids.get("svc") + "}").status()).isEqualTo(422);
        // A group's members must agree on minimumUp.
        assertThat(rel("cluster", "connected-via", "dc", "nodes", 1).status()).isEqualTo(422);
        assertThat(rel("db", "replicates-to", "backup", "g", 1).status()).isEqualTo(422);
        assertThat(ApiClient.as(port, "rel.viewer", "viewer").post("/api/v1/relationships",
            "{\"source\":" + ids.get("svc") + ",\"type\":\"uses\",\"target\":" + ids.get("db") + "}").status()).isEqualTo(403);
    }

    @Test
    void relationshipsBothWaysWithTheOtherCi() {
        Response r = engineer.get("/api/v1/cis/" + ids.get("app") + "/relationships");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("outgoing").size()).isEqualTo(3);
        assertThat(r.json().get("incoming").size()).isEqualTo(1);
        JsonNode incoming = r.json().get("incoming").get(0);
        assertThat(incoming.get("id").asLong()).isEqualTo(ids.get("svc"));
        assertThat(incoming.get("class").asString()).isEqualTo("business-service");
        assertThat(incoming.get("name").asString()).isEqualTo("svc-" + s);
    }

    @Test
    void hostFailureInAGroupOfThreeNeedingTwoDegrades() {
        Response r = engineer.get("/api/v1/cis/" + ids.get("host1") + "/impact");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("failed").get(0).asLong()).isEqualTo(ids.get("host1"));
        Map<String, String> states = states(r.json());
        assertThat(states).containsEntry("cluster", "degraded@1").containsEntry("web1", "degraded@2")
            .containsEntry("svc", "degraded@4").doesNotContainKey("host2").doesNotContainKey("dc");
        // Business services come first.
        assertThat(r.json().get("impacted").get(0).get("class").asString()).isEqualTo("business-service");
    }

    @Test
    void twoHostsDownTakeTheWholeStackDown() {
        Response r = engineer.post("/api/v1/impact", "{\"failed\":[" + ids.get("host1") + "," + ids.get("host2") + "]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(states(r.json())).containsEntry("cluster", "down@1").containsEntry("web1", "down@2")
            .containsEntry("web2", "down@2").containsEntry("db", "down@3").containsEntry("app", "down@3")
            .containsEntry("svc", "down@4").doesNotContainKey("backup");
    }

    @Test
    void oneWebVmOfAGroupNeedingOneDegradesTheAppButTheDatabaseIsDown() {
        Map<String, String> states = states(engineer.get("/api/v1/cis/" + ids.get("web1") + "/impact").json());
        // db runs on web1 alone: down; app needs db (down) → down, whatever the web group says.
        assertThat(states).containsEntry("db", "down@1").containsEntry("app", "down@1").containsEntry("svc", "down@2");
        Map<String, String> web2 = states(engineer.get("/api/v1/cis/" + ids.get("web2") + "/impact").json());
        assertThat(web2).containsEntry("app", "degraded@1").containsEntry("svc", "degraded@2").doesNotContainKey("db");
    }

    @Test
    void siteFailureTakesEverythingDownAndBackupCarriesNoImpact() {
        Map<String, String> site = states(engineer.get("/api/v1/cis/" + ids.get("dc") + "/impact").json());
        assertThat(site).containsEntry("host1", "down@1").containsEntry("cluster", "down@2").containsEntry("svc", "down@5");
        assertThat(engineer.get("/api/v1/cis/" + ids.get("backup") + "/impact").json().get("impacted").size()).isZero();
    }

    @Test
    void impactFollowsChangesToTheGraphAtOnce() {
        Response r = rel("host3", "connected-via", "backup", null, null);
        assertThat(r.status()).isEqualTo(201);
        assertThat(states(engineer.get("/api/v1/cis/" + ids.get("backup") + "/impact").json())).containsEntry("host3", "down@1")
            .containsEntry("cluster", "degraded@2");
        assertThat(engineer.delete("/api/v1/relationships/" + r.json().get("id").asLong()).status()).isEqualTo(204);
        assertThat(engineer.get("/api/v1/cis/" + ids.get("backup") + "/impact").json().get("impacted").size()).isZero();
    }

    @Test
    void cyclesTerminate() {
        assertThat(rel("dc", "depends-on", "svc", null, null).status()).isEqualTo(201);
        Map<String, String> states = states(engineer.get("/api/v1/cis/" + ids.get("svc") + "/impact").json());
        assertThat(states).containsEntry("dc", "down@1").containsEntry("host1", "down@2").doesNotContainKey("svc");
    }

    @Test
    void dependenciesAreTransitiveWithDistance() {
        Response r = engineer.get("/api/v1/cis/" + ids.get("svc") + "/dependencies");
        assertThat(r.status()).isEqualTo(200);
        Map<String, Integer> d = new HashMap<>();
        for (JsonNode n : r.json()) {
            d.put(n.get("name").asString().replace("-" + s, ""), n.get("distance").asInt());
            assertThat(n.get("class").asString()).isNotBlank();
        }
        assertThat(d).containsEntry("app", 1).containsEntry("db", 2).containsEntry("web1", 2).containsEntry("cluster", 3)
            .containsEntry("host2", 4).containsEntry("dc", 5).doesNotContainKey("backup").doesNotContainKey("svc");
    }

    @Test
    void impactOfUnknownCis() {
        assertThat(engineer.get("/api/v1/cis/999999999/impact").status()).isEqualTo(404);
        assertThat(engineer.post("/api/v1/impact", "{\"failed\":[999999999]}").status()).isEqualTo(422);
        assertThat(engineer.post("/api/v1/impact", "{\"failed\":[]}").status()).isEqualTo(422);
    }

    @Test
    void deletingACiRemovesAndAuditsItsRelationships() {
        long relId = engineer.get("/api/v1/cis/" + ids.get("dc") + "/relationships").json().get("incoming").get(0).get("relationshipId").asLong();
        assertThat(engineer.delete("/api/v1/cis/" + ids.get("dc")).status()).isEqualTo(204);
        assertThat(engineer.get("/api/v1/cis/" + ids.get("host1") + "/relationships").json().get("outgoing").toString())
            .doesNotContain("dc-" + s);
        Response audit = ApiClient.admin(port).get("/api/v1/audit?entity=relationship&entityId=" + relId);
        assertThat(audit.json().get("items").get(0).get("action").asString()).isEqualTo("deleted");
        assertThat(states(engineer.get("/api/v1/cis/" + ids.get("host1") + "/impact").json())).containsEntry("cluster", "degraded@1");
    }

    @Test
    void graphAroundACi() {
        Response r = engineer.get("/api/v1/cis/" + ids.get("app") + "/graph?depth=2");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("centre").asLong()).isEqualTo(ids.get("app"));
        assertThat(r.json().get("nodes").findValuesAsString("name")).contains("svc-" + s, "db-" + s, "cluster-" + s, "backup-" + s)
            .doesNotContain("host1-" + s);
    }
}
