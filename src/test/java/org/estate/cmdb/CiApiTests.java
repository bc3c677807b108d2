package org.estate.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The CI contract through real HTTP: create, read, list, filter, patch with If-Match, delete, history, roles. */
@EstateTest
class CiApiTests {

    @LocalServerPort
    int port;
    ApiClient engineer;
    ApiClient viewer;
    String suffix;

    @BeforeEach
    void setUp() {
        engineer = ApiClient.as(port, "ci.engineer", "engineer");
        viewer = ApiClient.as(port, "ci.viewer", "viewer");
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    private Response createServer(String name) {
        return engineer.post("/api/v1/cis", """
            {"class":"server","name":"%s","criticality":"high","owner":"Platforms","tags":["dc1","vmware"],
             "endOfSupport":"2027-06-30","attributes":{"hostname":"%s.eastmoor.local","ipAddress":"10.20.1.15","cpuCores":32,"memoryGb":"512","powerWatts":450.50}}"""
            .formatted(name, name));
    }

    @Test
    void classesListTheirTypedAttributes() {
        Response r = viewer.get("/api/v1/ci-classes");
        assertThat(r.status()).isEqualTo(200);
        JsonNode server = null;
        for (JsonNode c : r.json().get("items")) {
            if (c.get("key").asString().equals("server")) {
                server = c;
            }
        }
        assertThat(server).isNotNull();
        assertThat(server.get("label").asString()).isNotBlank();
        assertThat(server.get("attributes").findValuesAsString("key")).contains("hostname", "ipAddress", "cpuCores", "powerWatts");
        assertThat(r.body()).contains("\"type\":\"ip-address\"").contains("\"required\":false");
        assertThat(r.json().findValuesAsString("key")).contains("business-service", "information-asset", "telephony", "certificate");
    }

    @Test
    void createReadAndCanonicalValues() {
        Response created = createServer("srv-" + suffix);
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v1/cis/" + id);
        assertThat(created.json().get("version").asLong()).isZero();
        assertThat(created.json().get("class").asString()).isEqualTo("server");
        assertThat(created.json().get("status").asString()).isEqualTo("live");

        Response read = viewer.get("/api/v1/cis/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        JsonNode attributes = read.json().get("attributes");
        assertThat(attributes.get("cpuCores").asInt()).isEqualTo(32);
        assertThat(attributes.get("memoryGb").isNumber()).isTrue();
        assertThat(attributes.get("powerWatts").decimalValue()).isEqualByComparingTo("450.5");
        assertThat(read.json().get("tags").get(0).asString()).isEqualTo("dc1");
        assertThat(read.json().get("tags").get(1).asString()).isEqualTo("vmware");
        assertThat(read.json().get("endOfSupport").asString()).isEqualTo("2027-06-30");
    }

    @Test
    void duplicateClassAndNameIs409() {
        assertThat(createServer("dup-" + suffix).status()).isEqualTo(201);
        Response again = createServer("dup-" + suffix);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        // Same name in another class is fine.
        assertThat(engineer.post("/api/v1/cis", "{\"class\":\"virtual-machine\",\"name\":\"dup-" + suffix + "\"}").status()).isEqualTo(201);
    }

    @Test
    void invalidInputIs422WithEveryFieldAndWritesNothing() {
        Response r = engineer.post("/api/v1/cis", """
            {"class":"server","name":"bad-%s","status":"broken","criticality":"extreme","endOfLife":"2027-02-30",
             "attributes":{"cpuCores":"lots","ipAddress":"999.1.1.1","colour":"red"}}""".formatted(suffix));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsString("field"))
            .contains("status", "criticality", "endOfLife", "attributes.cpuCores", "attributes.ipAddress", "attributes.colour");
        assertThat(viewer.get("/api/v1/cis?q=bad-" + suffix).json().get("total").asInt()).isZero();

        assertThat(engineer.post("/api/v1/cis", "{\"class\":\"spaceship\",\"name\":\"x\"}").status()).isEqualTo(422);
        Response badEnum = engineer.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"db-" + suffix + "\",\"attributes\":{\"engine\":\"db2\"}}");
        assertThat(badEnum.status()).isEqualTo(422);
        assertThat(badEnum.json().get("errors").get(0).get("message").asString()).contains("postgresql");
    }

    @Test
    void requiredCustomAttributeIsEnforced() {
        Response added = ApiClient.admin(port).post("/api/v1/ci-classes/telephony/attributes", """
            {"key":"rackPosition%s","label":"Rack position","type":"text","required":true}""".formatted(suffix.replaceAll("[^a-z0-9]", "")));
        assertThat(added.status()).isEqualTo(201);
        Response missing = engineer.post("/api/v1/cis", "{\"class\":\"telephony\",\"name\":\"pbx-" + suffix + "\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("attributes.rackPosition");
    }

    @Test
    void onlyAdminsAddAttributesAndNewEnumWorksAtOnce() {
        String key = "tier" + suffix.replaceAll("[^a-z0-9]", "");
        assertThat(engineer.post("/api/v1/ci-classes/application/attributes",
            "{\"key\":\"" + key + "\",\"label\":\"Tier\",\"type\":\"enum\",\"options\":[\"gold\",\"silver\"]}").status()).isEqualTo(403);
        assertThat(ApiClient.admin(port).post("/api/v1/ci-classes/application/attributes",
            "{\"key\":\"" + key + "\",\"label\":\"Tier\",\"type\":\"enum\",\"options\":[\"gold\",\"silver\"]}").status()).isEqualTo(201);
        assertThat(ApiClient.admin(port).post("/api/v1/ci-classes/application/attributes",
            "{\"key\":\"" + key + "\",\"label\":\"Tier\",\"type\":\"enum\",\"options\":[\"gold\"]}").status()).isEqualTo(409);
        assertThat(engineer.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"app-" + suffix + "\",\"attributes\":{\"" + key + "\":\"gold\"}}").status()).isEqualTo(201);
        assertThat(engineer.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"app2-" + suffix + "\",\"attributes\":{\"" + key + "\":\"bronze\"}}").status()).isEqualTo(422);
    }

    @Test
    void listFiltersAndPages() {
        for (int i = 0; i < 3; i++) {
            engineer.post("/api/v1/cis", """
                {"class":"network-device","name":"sw-%s-%d","status":"%s","criticality":"critical","tags":["core"],"attributes":{"deviceType":"switch"}}"""
                .formatted(suffix, i, i == 0 ? "maintenance" : "live"));
        }
        Response all = viewer.get("/api/v1/cis?class=network-device&q=sw-" + suffix + "&size=2&page=0");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("total").asInt()).isEqualTo(3);
        assertThat(all.json().get("items").size()).isEqualTo(2);
        assertThat(all.json().get("size").asInt()).isEqualTo(2);
        assertThat(viewer.get("/api/v1/cis?class=network-device&q=sw-" + suffix + "&size=2&page=1").json().get("items").size()).isEqualTo(1);
        assertThat(viewer.get("/api/v1/cis?status=maintenance&q=sw-" + suffix).json().get("total").asInt()).isEqualTo(1);
        assertThat(viewer.get("/api/v1/cis?criticality=critical&tag=core&q=SW-" + suffix.toUpperCase()).json().get("total").asInt()).isEqualTo(3);
        assertThat(viewer.get("/api/v1/cis?status=nonsense").status()).isEqualTo(422);
        assertThat(viewer.get("/api/v1/cis?page=-1").status()).isEqualTo(400);
        assertThat(viewer.get("/api/v1/cis?size=100000").json().get("size").asInt()).isEqualTo(500);
    }

    @Test
    void patchNeedsCurrentETag() {
        long id = createServer("patch-" + suffix).json().get("id").asLong();
        String patch = "{\"owner\":\"Networks\",\"attributes\":{\"memoryGb\":768,\"powerWatts\":null}}";
        assertThat(engineer.patch("/api/v1/cis/" + id, patch, null).status()).isEqualTo(428);
        assertThat(engineer.patch("/api/v1/cis/" + id, patch, "\"7\"").status()).isEqualTo(412);

        Response ok = engineer.patch("/api/v1/cis/" + id, patch, "\"0\"");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("ETag")).isEqualTo("\"1\"");
        assertThat(ok.json().get("owner").asString()).isEqualTo("Networks");
        assertThat(ok.json().get("attributes").get("memoryGb").asInt()).isEqualTo(768);
        assertThat(ok.json().get("attributes").has("powerWatts")).isFalse();
        assertThat(ok.json().get("attributes").get("hostname").asString()).startsWith("patch-");

        // The second engineer still holds ETag "0": their edit is refused, not silently applied.
        Response stale = engineer.patch("/api/v1/cis/" + id, "{\"owner\":\"Someone else\"}", "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(viewer.get("/api/v1/cis/" + id).json().get("owner").asString()).isEqualTo("Networks");

        assertThat(engineer.patch("/api/v1/cis/" + id, "{\"attributes\":{\"cpuCores\":\"many\"}}", "\"1\"").status()).isEqualTo(422);
        assertThat(engineer.patch("/api/v1/cis/" + id, "{\"class\":\"database\"}", "\"1\"").status()).isEqualTo(422);
        assertThat(viewer.patch("/api/v1/cis/" + id, "{\"owner\":\"x\"}", "\"1\"").status()).isEqualTo(403);
    }

    @Test
    void historyRecordsCreateUpdateAndDeleteNewestFirst() {
        long id = createServer("hist-" + suffix).json().get("id").asLong();
        engineer.patch("/api/v1/cis/" + id, "{\"status\":\"maintenance\"}", "\"0\"");
        Response history = viewer.get("/api/v1/cis/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        JsonNode newest = history.json().get("items").get(0);
        assertThat(newest.get("action").asString()).isEqualTo("updated");
        assertThat(newest.get("actor").asString()).isEqualTo("ci.engineer");
        assertThat(newest.get("at").asString()).isNotBlank();
        assertThat(newest.get("changes").get("status").get("from").asString()).isEqualTo("live");
        assertThat(newest.get("changes").get("status").get("to").asString()).isEqualTo("maintenance");
        assertThat(history.json().get("items").get(1).get("action").asString()).isEqualTo("created");

        assertThat(engineer.delete("/api/v1/cis/" + id).status()).isEqualTo(204);
        assertThat(viewer.get("/api/v1/cis/" + id).status()).isEqualTo(404);
        assertThat(viewer.get("/api/v1/cis/" + id + "/history").json().get("items").get(0).get("action").asString()).isEqualTo("deleted");
        assertThat(engineer.delete("/api/v1/cis/" + id).status()).isEqualTo(404);
    }

    @Test
    void rolesAndAnonymous() {
        assertThat(ApiClient.anonymous(port).get("/api/v1/cis").status()).isEqualTo(401);
        assertThat(viewer.post("/api/v1/cis", "{\"class\":\"site\",\"name\":\"x\"}").status()).isEqualTo(403);
        assertThat(ApiClient.as(port, "ci.requester", "requester").get("/api/v1/cis").status()).isEqualTo(403);
        assertThat(viewer.get("/api/v1/cis/999999999").status()).isEqualTo(404);
        assertThat(viewer.get("/api/v1/cis/not-a-number").status()).isEqualTo(400);
        assertThat(engineer.post("/api/v1/cis", "[1,2]").status()).isEqualTo(422);
        assertThat(engineer.post("/api/v1/cis", "{\"class\":\"site\",\"name\":\"x\",\"tags\":\"a\"}").status()).isEqualTo(422);
        assertThat(engineer.send("POST", "/api/v1/cis", "class=site", "application/x-www-form-urlencoded", java.util.Map.of()).status()).isEqualTo(415);
    }
}
