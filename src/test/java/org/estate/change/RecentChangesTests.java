package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * "What changed?" through real HTTP: an incident's {@code recentChanges} and a CI's changes, on the
 * CI itself and on what it relies on (through the CMDB's dependencies), recent and upcoming.
 */
@EstateTest
class RecentChangesTests {

    @LocalServerPort
    int port;

    ChangeFixture f;
    long svc;
    long app;
    long db;
    long vm;
    String onDb;
    String onApp;

    @BeforeEach
    void estate() {
        TestClock.set("2032-02-10T12:00:00Z");
        f = new ChangeFixture(port);
        svc = f.ci("business-service", "Parking permits", "high");
        app = f.ci("application", "permits-app", null);
        db = f.ci("database", "permits-db", null);
        vm = f.ci("virtual-machine", "unrelated-vm", null);
        f.rel(svc, "depends-on", app);
        f.rel(app, "depends-on", db);
        // Yesterday on the database the application relies on; tomorrow on the application itself.
        onDb = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2032-02-09T10:00:00Z", "2032-02-09T11:00:00Z", "", db));
        onApp = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2032-02-11T10:00:00Z", "2032-02-11T11:00:00Z", "", app));
        // Not asked about: another CI, too long ago, cancelled.
        ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2032-02-10T11:00:00Z", "2032-02-10T11:30:00Z", "", vm));
        ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2032-01-20T10:00:00Z", "2032-01-20T11:00:00Z", "", db));
        String cancelled = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2032-02-10T09:00:00Z", "2032-02-10T10:00:00Z", "", db));
        assertThat(f.engineer.post("/api/v1/changes/" + cancelled + "/status", "{\"status\":\"cancelled\"}").status()).isEqualTo(200);
    }

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    private static List<String> refs(JsonNode changes) {
        List<String> out = new ArrayList<>();
        changes.forEach(c -> out.add(c.get("ref").asString()));
        return out;
    }

    @Test
    void anIncidentShowsChangesOnItsCisAndOnWhatTheyRelyOn() {
        ApiClient engineer = ApiClient.as(port, "recent.eng", "engineer");
        Response created = engineer.post("/api/v1/incidents", """
            {"title":"Permits site down %s","description":"Residents cannot buy permits","impact":"high","urgency":"high",
             "reporter":{"name":"Pat Jones","email":"pat.jones@eastmoor.example"},"affectedCis":[%d]}""".formatted(f.s, app));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String ref = created.json().get("ref").asString();

        JsonNode incident = ApiClient.as(port, "recent.viewer", "viewer").get("/api/v1/incidents/" + ref).json();
        JsonNode recent = incident.get("recentChanges");
        // Latest start first: tomorrow's change on the application, then yesterday's on its database.
        assertThat(refs(recent)).containsExactly(onApp, onDb);
        JsonNode direct = recent.get(0);
        assertThat(direct.get("direct").asBoolean()).isTrue();
        assertThat(direct.get("touches").get("id").asLong()).isEqualTo(app);
        assertThat(direct.get("via").isNull()).isTrue();
        assertThat(direct.get("distance").asInt()).isZero();
        assertThat(direct.get("url").asString()).isEqualTo("/changes/" + onApp);
        assertThat(direct.get("plannedStart").asString()).isEqualTo("2032-02-11T10:00:00Z");
        JsonNode viaDb = recent.get(1);
        assertThat(viaDb.get("direct").asBoolean()).isFalse();
        assertThat(viaDb.get("touches").get("id").asLong()).isEqualTo(db);
        assertThat(viaDb.get("touches").get("name").asString()).isEqualTo("permits-db-" + f.s);
        assertThat(viaDb.get("touches").get("class").asString()).isEqualTo("database");
        assertThat(viaDb.get("via").get("id").asLong()).isEqualTo(app);
        assertThat(viaDb.get("distance").asInt()).isEqualTo(1);

        // The incident list does not compute it.
        JsonNode listed = engineer.get("/api/v1/incidents?q=" + ref).json().get("items").get(0);
        assertThat(listed.get("recentChanges").isNull()).isTrue();
    }

    @Test
    void aCiListsChangesOnItAndOnWhatItReliesOnWithinTheDaysAsked() {
        ApiClient viewer = ApiClient.as(port, "recent.viewer", "viewer");
        Response r = viewer.get("/api/v1/cis/" + svc + "/changes");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("days").asInt()).isEqualTo(3);
        assertThat(body.get("from").asString()).isEqualTo("2032-02-07T12:00:00Z");
        assertThat(body.get("to").asString()).isEqualTo("2032-02-13T12:00:00Z");
        assertThat(refs(body.get("changes"))).containsExactly(onApp, onDb);
        JsonNode two = body.get("changes").get(1);
        assertThat(two.get("touches").get("id").asLong()).isEqualTo(db);
        assertThat(two.get("via").get("id").asLong()).isEqualTo(svc);
        assertThat(two.get("distance").asInt()).isEqualTo(2);

        // The database relies on nothing here: only its own change.
        assertThat(refs(viewer.get("/api/v1/cis/" + db + "/changes").json().get("changes"))).containsExactly(onDb);
        // One day back and ahead: yesterday's change (25 hours ago) is out.
        assertThat(refs(viewer.get("/api/v1/cis/" + app + "/changes?days=1").json().get("changes"))).containsExactly(onApp);
        // Thirty days back reaches the older one.
        assertThat(viewer.get("/api/v1/cis/" + db + "/changes?days=30").json().get("changes")).hasSize(2);

        for (String bad : List.of("0", "31", "three")) {
            Response b = viewer.get("/api/v1/cis/" + app + "/changes?days=" + bad);
            assertThat(b.status()).as(bad).isEqualTo(422);
            assertThat(b.json().get("errors").get(0).get("field").asString()).isEqualTo("days");
        }
        assertThat(viewer.get("/api/v1/cis/987654321/changes").status()).isEqualTo(404);
        assertThat(ApiClient.as(port, "recent.requester", "requester").get("/api/v1/cis/" + app + "/changes").status()).isEqualTo(403);
    }
}
