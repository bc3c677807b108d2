package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Freeze periods through real HTTP: kept by managers, read by everyone, 422 per field, If-Match,
 * audited; and how they stop scheduling (hard: emergency only; soft: a manager confirms with a
 * reason). Each test uses its own years, far ahead, so its freezes touch no other test's changes.
 */
@EstateTest
class FreezeApiTests {

    @LocalServerPort
    int port;

    private ApiClient manager() {
        return ApiClient.as(port, "frz.mgr", "manager");
    }

    static List<String> fields(Response r) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.json().get("errors")) {
            out.add(e.get("field").asString());
        }
        return out;
    }

    private static String freeze(String name, String start, String end, String scope, boolean hard) {
        return """
            {"name":"%s","start":"%s","end":"%s","scope":%s,"hard":%s,"reason":"Annual billing"}""".formatted(name, start, end, scope, hard);
    }

    @Test
    void aManagerDeclaresAFreezeEveryoneReadsItAndEveryWriteIsAudited() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "frz-vm", null);
        Response refused = f.engineer.post("/api/v1/freezes", freeze("Billing", "2041-03-01T00:00:00Z", "2041-03-15T00:00:00Z", "\"all\"", true));
        assertThat(refused.status()).as("an engineer declares no freeze").isEqualTo(403);
        Response created = manager().post("/api/v1/freezes", freeze("Billing " + f.s, "2041-03-01T00:00:00Z", "2041-03-15T00:00:00Z",
            "{\"cis\":[" + vm + "]}", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/v1/freezes/" + id);
        assertThat(created.json().get("scope").get("cis").get(0).asLong()).isEqualTo(vm);
        assertThat(created.json().get("hard").asBoolean()).isTrue();
        assertThat(created.json().get("createdBy").asString()).isEqualTo("frz.mgr");

        ApiClient viewer = ApiClient.as(port, "frz.viewer", "viewer");
        Response one = viewer.get("/api/v1/freezes/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.header("ETag")).isEqualTo("\"0\"");
        Response inRange = viewer.get("/api/v1/freezes?from=2041-03-10T00:00:00Z&to=2041-03-11T00:00:00Z");
        assertThat(inRange.json().get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(inRange.json().get("items").findValuesAsString("name")).contains("Billing " + f.s);
        Response outOfRange = viewer.get("/api/v1/freezes?from=2041-03-15T00:00:00Z&to=2041-04-01T00:00:00Z");
        assertThat(outOfRange.json().get("items").findValuesAsString("name")).doesNotContain("Billing " + f.s);
        assertThat(viewer.get("/api/v1/freezes?from=soon").status()).isEqualTo(422);

        String path = "/api/v1/freezes/" + id;
        assertThat(manager().patch(path, "{\"hard\":false}", null).status()).isEqualTo(428);
        assertThat(manager().patch(path, "{\"hard\":false}", "\"7\"").status()).isEqualTo(412);
        assertThat(f.engineer.patch(path, "{\"hard\":false}", "\"0\"").status()).isEqualTo(403);
        Response patched = manager().patch(path, "{\"hard\":false,\"scope\":\"all\",\"reason\":null}", "\"0\"");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"1\"");
        assertThat(patched.json().get("hard").asBoolean()).isFalse();
        assertThat(patched.json().get("scope").asString()).isEqualTo("all");
        assertThat(patched.json().get("reason").isNull()).isTrue();

        assertThat(f.engineer.delete(path).status()).isEqualTo(403);
        assertThat(manager().delete(path).status()).isEqualTo(204);
        assertThat(viewer.get(path).status()).isEqualTo(404);
        Response audit = ApiClient.adminToken(port).get("/api/v1/audit?entity=freeze&entityId=" + id + "&sort=at");
        assertThat(audit.json().get("items").findValuesAsString("action")).containsExactlyInAnyOrder("created", "updated", "deleted");
    }

    @Test
    void badFreezesAreRefusedFieldByField() {
        ChangeFixture f = new ChangeFixture(port);
        Response r = manager().post("/api/v1/freezes", """
            {"name":"  ","start":"2041-05-02T00:00:00Z","end":"2041-05-01T00:00:00Z","scope":{"cis":[999999999]},"hard":"yes","colour":1}""");
        assertThat(r.status()).isEqualTo(422);
        assertThat(fields(r)).contains("name", "end", "scope.cis[0]", "hard", "colour");
        Response badScope = manager().post("/api/v1/freezes", freeze("X", "2041-05-01T00:00:00Z", "2041-05-02T00:00:00Z", "\"some\"", true));
        assertThat(fields(badScope)).containsExactly("scope");
        Response noScope = manager().post("/api/v1/freezes", "{\"name\":\"X\",\"start\":\"2041-05-01T00:00:00Z\",\"end\":\"2041-05-02T00:00:00Z\"}");
        assertThat(fields(noScope)).containsExactly("scope");
        Response badStart = manager().post("/api/v1/freezes", freeze("X", "next week", "2041-05-02T00:00:00Z", "\"all\"", true));
        assertThat(fields(badStart)).containsExactly("start");
        Response same = manager().post("/api/v1/freezes", freeze("X", "2041-05-01T00:00:00Z", "2041-05-01T00:00:00Z", "\"all\"", true));
        assertThat(fields(same)).containsExactly("end");
        long vm = f.ci("virtual-machine", "frz-bad", null);
        Response emptyCis = manager().post("/api/v1/freezes", freeze("X", "2041-05-01T00:00:00Z", "2041-05-02T00:00:00Z", "{\"cis\":[]}", true));
        assertThat(fields(emptyCis)).containsExactly("scope.cis");
        assertThat(manager().post("/api/v1/freezes", freeze("X", "2041-05-01T00:00:00Z", "2041-05-02T00:00:00Z", "{\"cis\":[" + vm + "]}", true))
            .status()).isEqualTo(201);
    }

    @Test
    void aHardFreezeOnABusinessServiceKeepsNormalChangesToWhatItReliesOnOutButNotEmergencies() {
        ChangeFixture f = new ChangeFixture(port);
        long service = f.ci("business-service", "frz-billing", "low");
        long app = f.ci("application", "frz-app", null);
        long vm = f.ci("virtual-machine", "frz-hard-vm", null);
        f.rel(service, "depends-on", app);
        f.rel(app, "runs-on", vm);
        Response frozen = manager().post("/api/v1/freezes", freeze("Council Tax billing " + f.s, "2042-03-01T00:00:00Z",
            "2042-03-31T00:00:00Z", "{\"cis\":[" + service + "]}", true));
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(201);
        try {
            ApiClient approver = ApiClient.as(port, "frz.approver", "manager");
            String ref = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2042-03-08T02:00:00Z", "2042-03-08T03:00:00Z",
                ",\"backoutTested\":true", vm));
            assertThat(f.engineer.post("/api/v1/changes/" + ref + "/submit", "").status()).isEqualTo(200);
            Response refused = approver.post("/api/v1/changes/" + ref + "/approvals", "{\"decision\":\"approved\",\"freezeReason\":\"Urgent\"}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().get("detail").asString()).contains("hard freeze", "Council Tax billing " + f.s);
            assertThat(f.engineer.get("/api/v1/changes/" + ref).json().get("status").asString()).isEqualTo("assessment");
            assertThat(f.engineer.get("/api/v1/changes/" + ref).json().get("approvals").size()).as("no approval stored").isZero();

            String outside = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2042-04-08T02:00:00Z", "2042-04-08T03:00:00Z",
                ",\"backoutTested\":true", vm));
            f.engineer.post("/api/v1/changes/" + outside + "/submit", "");
            assertThat(approver.post("/api/v1/changes/" + outside + "/approvals", "{\"decision\":\"approved\"}").json().get("status")
                .asString()).isEqualTo("scheduled");

            String emergency = ChangeFixture.created(f.engineer, ChangeFixture.body("emergency", "2042-03-08T02:00:00Z",
                "2042-03-08T03:00:00Z", "", vm));
            f.engineer.post("/api/v1/changes/" + emergency + "/submit", "");
            Response ok = approver.post("/api/v1/changes/" + emergency + "/approvals", "{\"decision\":\"approved\"}");
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.json().get("status").asString()).isEqualTo("scheduled");

            Response standard = ChangeFixture.create(f.engineer, """
                {"type":"standard","template":"restart-application-service","title":"Restart","affectedCis":[%d],
                 "plannedStart":"2042-03-09T02:00:00Z","plannedEnd":"2042-03-09T02:30:00Z"}""".formatted(app));
            assertThat(standard.status()).as(standard.body()).isEqualTo(422);
            assertThat(fields(standard)).containsExactly("plannedStart");
            assertThat(standard.body()).contains("Council Tax billing " + f.s);

            Response later = ChangeFixture.create(f.engineer, """
                {"type":"standard","template":"restart-application-service","title":"Restart","affectedCis":[%d],
                 "plannedStart":"2042-04-09T02:00:00Z","plannedEnd":"2042-04-09T02:30:00Z"}""".formatted(app));
            assertThat(later.status()).as(later.body()).isEqualTo(201);
            Response moved = f.engineer.patch("/api/v1/changes/" + later.json().get("ref").asString(),
                "{\"plannedStart\":\"2042-03-09T02:00:00Z\",\"plannedEnd\":\"2042-03-09T02:30:00Z\"}", later.header("ETag"));
            assertThat(moved.status()).as("moved into the hard freeze").isEqualTo(422);
            assertThat(fields(moved)).containsExactly("plannedStart");
        } finally {
            manager().delete("/api/v1/freezes/" + frozen.json().get("id").asLong());
        }
    }

    @Test
    void aSoftFreezeNeedsAManagerToConfirmWithAReasonWhichTheHistoryKeeps() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "frz-soft-vm", null);
        Response frozen = manager().post("/api/v1/freezes", freeze("Year end " + f.s, "2043-03-20T00:00:00Z", "2043-04-05T00:00:00Z",
            "{\"cis\":[" + vm + "]}", false));
        try {
            String ref = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", "2043-03-28T02:00:00Z", "2043-03-28T03:00:00Z",
                ",\"backoutTested\":true", vm));
            f.engineer.post("/api/v1/changes/" + ref + "/submit", "");
            ApiClient approver = ApiClient.as(port, "frz.approver", "manager");
            String path = "/api/v1/changes/" + ref + "/approvals";
            Response unconfirmed = approver.post(path, "{\"decision\":\"approved\"}");
            assertThat(unconfirmed.status()).isEqualTo(409);
            assertThat(unconfirmed.json().get("detail").asString()).contains("soft freeze", "Year end " + f.s, "freezeReason");
            Response confirmed = approver.post(path, "{\"decision\":\"approved\",\"freezeReason\":\"Security fix cannot wait\"}");
            assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
            assertThat(confirmed.json().get("status").asString()).isEqualTo("scheduled");
            Response history = f.engineer.get("/api/v1/changes/" + ref + "/history");
            assertThat(history.json().findValuesAsString("summary")).anySatisfy(s -> assertThat(s)
                .contains("soft freeze", "Year end " + f.s, "frz.approver", "Security fix cannot wait"));

            Response standard = ChangeFixture.create(f.engineer, """
                {"type":"standard","template":"extend-vm-disk","title":"Disk","affectedCis":[%d],
                 "plannedStart":"2043-03-29T02:00:00Z","plannedEnd":"2043-03-29T02:30:00Z"}""".formatted(vm));
            assertThat(standard.status()).as(standard.body()).isEqualTo(422);
            assertThat(fields(standard)).containsExactly("plannedStart");
            Response byEngineer = ChangeFixture.create(f.engineer, """
                {"type":"standard","template":"extend-vm-disk","title":"Disk","affectedCis":[%d],"freezeReason":"Full disk",
                 "plannedStart":"2043-03-29T02:00:00Z","plannedEnd":"2043-03-29T02:30:00Z"}""".formatted(vm));
            assertThat(byEngineer.status()).as("only a manager confirms").isEqualTo(403);
            Response byManager = ChangeFixture.create(approver, """
                {"type":"standard","template":"extend-vm-disk","title":"Disk","affectedCis":[%d],"freezeReason":"Full disk",
                 "plannedStart":"2043-03-29T02:00:00Z","plannedEnd":"2043-03-29T02:30:00Z"}""".formatted(vm));
            assertThat(byManager.status()).as(byManager.body()).isEqualTo(201);
            assertThat(byManager.json().get("status").asString()).isEqualTo("scheduled");
            assertThat(f.engineer.get("/api/v1/changes/" + byManager.json().get("ref").asString() + "/history").json()
                .findValuesAsString("action")).contains("freeze-confirmed");
        } finally {
            manager().delete("/api/v1/freezes/" + frozen.json().get("id").asLong());
        }
    }
}
