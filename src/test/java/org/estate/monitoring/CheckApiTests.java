package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.estate.monitoring.internal.CheckDefinitions;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** Check definitions through real HTTP: create, read, list, merge-patch with If-Match, pause, delete; every limit; secrets never out. */
@EstateTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckApiTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CheckDefinitions definitions;

    ApiClient eng;
    String s;
    long ci;

    @BeforeAll
    void estate() {
        s = UUID.randomUUID().toString().substring(0, 6);
        eng = ApiClient.as(port, "chk.eng", "engineer");
        ci = eng.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"payroll-" + s + "\"}").json().get("id").asLong();
    }

    static List<String> fields(Response r) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.json().get("errors")) {
            out.add(e.get("field").asString());
        }
        return out;
    }

    private Response create(String body) {
        return eng.post("/api/v1/checks", body);
    }

    @Test
    void aCheckIsCreatedReadListedChangedPausedAndDeleted() {
        Response created = create("{\"name\":\"Payroll port " + s + "\",\"type\":\"tcp\",\"ci\":" + ci
            + ",\"target\":{\"host\":\"127.0.0.1\",\"port\":5432}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/v1/checks/" + id);
        assertThat(created.json().get("state").asString()).isEqualTo("unknown");
        assertThat(created.json().get("intervalSeconds").asInt()).isEqualTo(60);
        assertThat(created.json().get("timeoutMs").asInt()).isEqualTo(10000);
        assertThat(created.json().get("failureThreshold").asInt()).isEqualTo(3);
        assertThat(created.json().get("recoveryThreshold").asInt()).isEqualTo(1);
        assertThat(created.json().get("enabled").asBoolean()).isTrue();
        assertThat(created.json().has("pingUrl")).isFalse();
        assertThat(jdbc.sql("SELECT next_run_at FROM mon_check_status WHERE check_id = ?").param(id).query().singleValue()).isNotNull();

        Response got = eng.get("/api/v1/checks/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.header("ETag")).isEqualTo("\"0\"");
        assertThat(got.json().get("target").get("port").asInt()).isEqualTo(5432);
        assertThat(got.json().get("ciName").asString()).isEqualTo("payroll-" + s);

        ApiClient viewer = ApiClient.as(port, "chk.viewer", "viewer");
        Response list = viewer.get("/api/v1/checks?type=tcp&state=unknown&ci=" + ci + "&q=payroll+port+" + s);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("total").asLong()).isEqualTo(1);
        assertThat(list.json().get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(viewer.get("/api/v1/checks?ci=application:payroll-" + s).json().get("total").asLong()).isEqualTo(1);
        assertThat(viewer.get("/api/v1/checks?state=down&q=" + s).json().get("total").asLong()).isZero();
        assertThat(viewer.get("/api/v1/checks?state=sideways").status()).isEqualTo(422);
        assertThat(viewer.get("/api/v1/checks?type=smoke").status()).isEqualTo(422);
        assertThat(viewer.post("/api/v1/checks", "{}").status()).isEqualTo(403);

        assertThat(eng.patch("/api/v1/checks/" + id, "{\"name\":\"x\"}", null).status()).isEqualTo(428);
        assertThat(eng.patch("/api/v1/checks/" + id, "{\"name\":\"x\"}", "\"7\"").status()).isEqualTo(412);
        Response patched = eng.patch("/api/v1/checks/" + id, "{\"name\":\"Payroll DB port " + s + "\",\"target\":{\"port\":5433}}", "\"0\"");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"1\"");
        assertThat(patched.json().get("target").get("host").asString()).isEqualTo("127.0.0.1");
        assertThat(patched.json().get("target").get("port").asInt()).isEqualTo(5433);
        assertThat(eng.patch("/api/v1/checks/" + id, "{\"type\":\"http\"}", "\"1\"").status()).isEqualTo(422);

        Response paused = eng.patch("/api/v1/checks/" + id, "{\"enabled\":false}", "\"1\"");
        assertThat(paused.json().get("state").asString()).isEqualTo("paused");
        Response resumed = eng.patch("/api/v1/checks/" + id, "{\"enabled\":true}", "\"2\"");
        assertThat(resumed.json().get("state").asString()).isEqualTo("unknown");
        assertThat(jdbc.sql("SELECT state FROM mon_state_change WHERE check_id = ? ORDER BY id").param(id).query(String.class).list())
            .containsExactly("paused", "unknown");

        Response disabled = create("{\"name\":\"Born paused " + s + "\",\"type\":\"tcp\",\"enabled\":false,\"target\":{\"host\":\"h\",\"port\":1}}");
        assertThat(disabled.json().get("state").asString()).isEqualTo("paused");
        assertThat(eng.post("/api/v1/checks/" + id + "/ping-url", "").status()).as("only a heartbeat has a ping URL").isEqualTo(409);

        assertThat(viewer.delete("/api/v1/checks/" + id).status()).isEqualTo(403);
        assertThat(eng.delete("/api/v1/checks/" + id).status()).isEqualTo(204);
        assertThat(eng.get("/api/v1/checks/" + id).status()).isEqualTo(404);
        assertThat(eng.delete("/api/v1/checks/" + id).status()).isEqualTo(404);
    }

    @Test
    void everyBadFieldIsNamedIncludingTheTargets() {
        Response r = create("{\"name\":\"\",\"type\":\"smoke\",\"ci\":999999999,\"intervalSeconds\":5,\"timeoutMs\":50,"
            + "\"failureThreshold\":0,\"recoveryThreshold\":21,\"enabled\":\"yes\",\"colour\":\"red\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(fields(r)).contains("name", "type", "ci", "intervalSeconds", "timeoutMs", "failureThreshold", "recoveryThreshold",
            "enabled", "colour", "target");

        Response target = create("{\"name\":\"Bad port " + s + "\",\"type\":\"tcp\",\"target\":{\"host\":\"\",\"port\":70000}}");
        assertThat(target.status()).isEqualTo(422);
        assertThat(fields(target)).containsExactlyInAnyOrder("target.host", "target.port");
        Response url = create("{\"name\":\"Bad URL " + s + "\",\"type\":\"http\",\"target\":{\"url\":\"ftp://x\"}}");
        assertThat(fields(url)).containsExactly("target.url");

        assertThat(fields(create("{\"name\":\"" + "n".repeat(201) + "\",\"type\":\"tcp\",\"target\":{\"host\":\"h\",\"port\":1}}")))
            .containsExactly("name");
        assertThat(fields(create("{\"name\":\"t\",\"type\":\"tcp\",\"intervalSeconds\":86401,\"target\":{\"host\":\"h\",\"port\":1}}")))
            .contains("intervalSeconds");
        assertThat(fields(create("{\"name\":\"t\",\"type\":\"tcp\",\"intervalSeconds\":10,\"timeoutMs\":10000,\"target\":{\"host\":\"h\",\"port\":1}}")))
            .as("the timeout is below the interval").containsExactly("timeoutMs");
        assertThat(fields(create("{\"name\":\"t\",\"type\":\"tcp\",\"intervalSeconds\":1.5,\"target\":{\"host\":\"h\",\"port\":1}}")))
            .containsExactly("intervalSeconds");
        assertThat(create("[]").status()).isEqualTo(422);
        Response ok = create("{\"name\":\"Ten seconds " + s + "\",\"type\":\"tcp\",\"intervalSeconds\":10,\"failureThreshold\":20,"
            + "\"recoveryThreshold\":20,\"target\":{\"host\":\"h\",\"port\":1}}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("timeoutMs").asInt()).as("the default timeout fits a short interval").isLessThan(10000);
        long id = ok.json().get("id").asLong();
        Response badPatch = eng.patch("/api/v1/checks/" + id, "{\"intervalSeconds\":9,\"target\":{\"port\":0},\"ci\":\"nowhere\"}", "\"0\"");
        assertThat(badPatch.status()).isEqualTo(422);
        assertThat(fields(badPatch)).containsExactlyInAnyOrder("intervalSeconds", "target.port", "ci");
    }

    @Test
    void secretsAreSealedAtRestUsableByTheEngineAndNeverReturned() {
        String secret = "pa55-" + UUID.randomUUID();
        Response created = create("{\"name\":\"Intranet " + s + "\",\"type\":\"http\",\"target\":{\"url\":\"http://127.0.0.1:9/\","
            + "\"username\":\"monitor\",\"password\":\"" + secret + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.body()).doesNotContain(secret);
        assertThat(created.json().get("secretsSet").get(0).asString()).isEqualTo("password");
        assertThat(created.json().get("target").has("password")).isFalse();
        assertThat(created.json().get("target").get("username").asString()).isEqualTo("monitor");

        String stored = jdbc.sql("SELECT secrets FROM mon_check WHERE id = ?").param(id).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(secret);
        assertThat(jdbc.sql("SELECT target FROM mon_check WHERE id = ?").param(id).query(String.class).single()).doesNotContain(secret);
        assertThat(definitions.find(id).orElseThrow().target()).containsEntry("password", secret);

        // A patch that leaves the password out keeps it; one that gives it changes it.
        Response renamed = eng.patch("/api/v1/checks/" + id, "{\"target\":{\"username\":\"monitor2\"}}", "\"0\"");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(definitions.find(id).orElseThrow().target()).containsEntry("password", secret).containsEntry("username", "monitor2");
        String secret2 = "pa55-" + UUID.randomUUID();
        eng.patch("/api/v1/checks/" + id, "{\"target\":{\"password\":\"" + secret2 + "\"}}", "\"1\"");
        assertThat(definitions.find(id).orElseThrow().target()).containsEntry("password", secret2);

        ApiClient admin = ApiClient.adminToken(port);
        for (String path : List.of("/api/v1/checks/" + id, "/api/v1/checks?q=Intranet+" + s, "/api/v1/checks/export?q=Intranet+" + s,
            "/api/v1/audit?entity=check&entityId=" + id)) {
            Response r = admin.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain(secret).doesNotContain(secret2);
        }
        assertThat(admin.get("/api/v1/audit?entity=check&entityId=" + id).body()).contains("(secret, changed)");
        assertThat(admin.get("/api/v1/checks/export?q=Intranet+" + s).body()).contains("monitor2");
    }
}
