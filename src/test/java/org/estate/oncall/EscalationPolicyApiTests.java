package org.estate.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Escalation policies through real HTTP: levels of rota, user and team targets, who each level reaches, refusals, If-Match. */
@EstateTest
class EscalationPolicyApiTests {

    @LocalServerPort
    int port;
    ApiClient manager;
    ApiClient viewer;
    String s;
    String asha;
    String ben;
    String cara;

    @BeforeEach
    void setUp() {
        s = UUID.randomUUID().toString().substring(0, 8);
        manager = ApiClient.as(port, "esc.manager", "manager");
        viewer = ApiClient.as(port, "esc.viewer", "viewer");
        asha = "asha-" + s;
        ben = "ben-" + s;
        cara = "cara-" + s;
        for (String u : List.of(asha, ben, cara)) {
            ApiClient.as(port, u, "engineer");
        }
        Response rota = manager.post("/api/v1/rotas", """
            {"key":"net-%s","name":"Network","zone":"Europe/London","layers":[
              {"name":"network","members":["%s","%s"],"rotation":"weekly","handoff":"2027-01-04T07:00",
               "restrictions":[{"days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],"from":"07:00","to":"24:00"}]}]}"""
            .formatted(s, asha, ben));
        assertThat(rota.status()).as(rota.body()).isEqualTo(201);
        Response team = manager.post("/api/v1/teams", "{\"key\":\"mgmt-" + s + "\",\"name\":\"Managers " + s + "\",\"members\":[\"" + cara + "\"]}");
        assertThat(team.status()).as(team.body()).isEqualTo(201);
    }

    private String policy(String key, int repeat) {
        return """
            {"key":"%s","name":"Network P1","repeat":%d,"levels":[
              {"targets":[{"rota":"net-%s"}],"delayMinutes":5},
              {"targets":[{"user":"%s"},{"team":"mgmt-%s"}],"delayMinutes":10}]}""".formatted(key, repeat, s, ben, s);
    }

    @Test
    void aPolicyIsCreatedReadBackExactlyAndSaysWhoEachLevelReaches() {
        String key = "net-p1-" + s;
        Response created = manager.post("/api/v1/escalation-policies", policy(key, 2));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode p = viewer.get("/api/v1/escalation-policies/" + key).json();
        assertThat(p.get("repeat").asInt()).isEqualTo(2);
        assertThat(p.get("levels").get(0).get("targets").toString()).isEqualTo("[{\"rota\":\"net-" + s + "\"}]");
        assertThat(p.get("levels").get(1).get("delayMinutes").asInt()).isEqualTo(10);

        JsonNode day = viewer.get("/api/v1/escalation-policies/" + key + "/reach?at=2027-01-05T10:00:00Z").json();
        assertThat(day.get(0).get("users").toString()).isEqualTo("[\"" + asha + "\"]");
        assertThat(day.get(1).get("users").toString()).isEqualTo("[\"" + ben + "\",\"" + cara + "\"]");
        JsonNode night = viewer.get("/api/v1/escalation-policies/" + key + "/reach?at=2027-01-05T03:00:00Z").json();
        assertThat(night.get(0).get("users").size()).as("nobody on the rota at 03:00: the level passes on at once").isZero();
        assertThat(viewer.get("/api/v1/escalation-policies").json().toString()).contains(key);
    }

    @Test
    void everyFieldOutOfRangeIsRefusedWithItsName() {
        Response r = manager.post("/api/v1/escalation-policies", """
            {"key":"Bad","name":"","repeat":10,"levels":[
              {"targets":[{"rota":"no-such-%s"},{"user":"nobody-%s"},{"team":"no-team-%s"},{"rota":"net-%s","user":"%s"}],"delayMinutes":0}]}"""
            .formatted(s, s, s, s, asha));
        assertThat(r.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("key", "name", "repeat", "levels[0].delayMinutes", "levels[0].targets[0].rota",
            "levels[0].targets[1].user", "levels[0].targets[2].team", "levels[0].targets[3]");
        assertThat(manager.post("/api/v1/escalation-policies", "{\"key\":\"empty-" + s + "\",\"name\":\"x\",\"levels\":[]}").status())
            .isEqualTo(422);
        assertThat(viewer.post("/api/v1/escalation-policies", policy("v-" + s, 0)).status()).as("a viewer may not").isEqualTo(403);
    }

    @Test
    void aStaleReplaceIsRefused() {
        String key = "put-" + s;
        String etag = manager.post("/api/v1/escalation-policies", policy(key, 0)).header("ETag");
        Response ok = manager.send("PUT", "/api/v1/escalation-policies/" + key, policy(key, 1), "application/json", Map.of("If-Match", etag));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(manager.send("PUT", "/api/v1/escalation-policies/" + key, policy(key, 3), "application/json", Map.of("If-Match", etag))
            .status()).isEqualTo(412);
        assertThat(viewer.get("/api/v1/escalation-policies/" + key).json().get("repeat").asInt()).isEqualTo(1);
        assertThat(manager.post("/api/v1/escalation-policies", policy(key, 0)).status()).as("duplicate key").isEqualTo(409);
    }
}
