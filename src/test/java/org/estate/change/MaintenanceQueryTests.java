package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** "Which CIs are in maintenance at T?": scheduled changes, implementing ones (overrunning too), and windows. */
@EstateTest
class MaintenanceQueryTests {

    @LocalServerPort
    int port;

    private static JsonNode entry(Response r, long ci) {
        for (JsonNode c : r.json().get("cis")) {
            if (c.get("id").asLong() == ci) {
                return c;
            }
        }
        return null;
    }

    private Response at(String at) {
        Response r = ApiClient.as(port, "mq.viewer", "viewer").get("/api/v1/maintenance?at=" + at);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Test
    void aScheduledChangeIsInMaintenanceOnlyInsideItsPlannedWindow() {
        ChangeFixture f = new ChangeFixture(port);
        long app = f.ci("application", "mq-app", null);
        long draftApp = f.ci("application", "mq-draft", null);
        String ref = ChangeFixture.created(f.engineer, """
            {"type":"standard","template":"restart-application-service","title":"Restart","affectedCis":[%d],
             "plannedStart":"2044-02-01T02:00:00Z","plannedEnd":"2044-02-01T02:30:00Z"}""".formatted(app));
        ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2044-02-01T02:00:00Z", "2044-02-01T02:30:00Z", "", draftApp));
        Response inside = at("2044-02-01T02:10:00Z");
        assertThat(inside.json().get("at").asString()).isEqualTo("2044-02-01T02:10:00Z");
        JsonNode e = entry(inside, app);
        assertThat(e).isNotNull();
        assertThat(e.get("name").asString()).isEqualTo("mq-app-" + f.s);
        assertThat(e.get("reason").asString()).contains(ref, "scheduled");
        assertThat(e.get("change").asString()).isEqualTo(ref);
        assertThat(e.get("until").asString()).isEqualTo("2044-02-01T02:30:00Z");
        assertThat(entry(inside, draftApp)).as("a draft is not maintenance").isNull();
        assertThat(entry(at("2044-02-01T01:59:59Z"), app)).isNull();
        assertThat(entry(at("2044-02-01T02:30:00Z"), app)).as("the end is not inside").isNull();
    }

    @Test
    void anImplementingChangeStaysInMaintenanceWhileItOverrunsUntilItLeavesImplementing() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "mq-vm", null);
        String ref = ChangeFixture.created(f.engineer, """
            {"type":"standard","template":"monthly-os-patches","title":"Patch","affectedCis":[%d],
             "plannedStart":"2044-03-06T02:00:00Z","plannedEnd":"2044-03-06T04:00:00Z"}""".formatted(vm));
        Response moved = f.engineer.post("/api/v1/changes/" + ref + "/status", "{\"status\":\"implementing\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(entry(at("2044-03-06T01:00:00Z"), vm)).as("not before its planned start").isNull();
        assertThat(entry(at("2044-03-06T03:00:00Z"), vm).get("reason").asString()).contains(ref, "implemented");
        JsonNode overrunning = entry(at("2044-03-06T09:00:00Z"), vm);
        assertThat(overrunning).as("overrunning").isNotNull();
        assertThat(overrunning.get("reason").asString()).contains(ref, "overrunning");
        assertThat(overrunning.get("until").asString()).isEqualTo("2044-03-06T04:00:00Z");
        f.engineer.post("/api/v1/changes/" + ref + "/status", "{\"status\":\"review\",\"outcome\":\"successful\"}");
        assertThat(entry(at("2044-03-06T09:00:00Z"), vm)).as("out of maintenance once in review").isNull();
        assertThat(entry(at("2044-03-06T03:00:00Z"), vm)).isNull();
    }

    @Test
    void windowsCountAndACiInMaintenanceTwiceIsListedOnceForTheLongerReason() {
        ChangeFixture f = new ChangeFixture(port);
        long app = f.ci("application", "mq-both", null);
        Response w = f.engineer.post("/api/v1/maintenance-windows", """
            {"name":"Night works %s","cis":[%d],"start":"2044-04-01T01:00:00Z","end":"2044-04-01T05:00:00Z"}""".formatted(f.s, app));
        assertThat(w.status()).as(w.body()).isEqualTo(201);
        String ref = ChangeFixture.created(f.engineer, """
            {"type":"standard","template":"restart-application-service","title":"Restart","affectedCis":[%d],
             "plannedStart":"2044-04-01T02:00:00Z","plannedEnd":"2044-04-01T02:30:00Z"}""".formatted(app));
        JsonNode both = entry(at("2044-04-01T02:10:00Z"), app);
        assertThat(both.get("reason").asString()).contains("Night works " + f.s);
        assertThat(both.get("window").asLong()).isEqualTo(w.json().get("id").asLong());
        assertThat(both.get("until").asString()).isEqualTo("2044-04-01T05:00:00Z");
        assertThat(at("2044-04-01T02:10:00Z").json().get("cis").findValues("id").stream().filter(id -> id.asLong() == app)).hasSize(1);
        assertThat(entry(at("2044-04-01T04:00:00Z"), app).get("reason").asString()).doesNotContain(ref);
    }

    @Test
    void theInstantIsRequired() {
        ApiClient viewer = ApiClient.as(port, "mq.viewer", "viewer");
        Response missing = viewer.get("/api/v1/maintenance");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(FreezeApiTests.fields(missing)).containsExactly("at");
        assertThat(FreezeApiTests.fields(viewer.get("/api/v1/maintenance?at=tomorrow"))).containsExactly("at");
        assertThat(ApiClient.anonymous(port).get("/api/v1/maintenance?at=2044-01-01T00:00:00Z").status()).isEqualTo(401);
    }
}
