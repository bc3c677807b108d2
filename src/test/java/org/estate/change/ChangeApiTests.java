package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The change record through real HTTP: create and its limits, read, list, merge-patch with If-Match, submit and the workflow. */
@EstateTest
class ChangeApiTests {

    private static final String START = "2031-03-09T02:00:00Z";
    private static final String END = "2031-03-09T03:00:00Z";

    @LocalServerPort
    int port;

    private ChangeFixture f;

    private ChangeFixture f() {
        if (f == null) {
            f = new ChangeFixture(port);
        }
        return f;
    }

    private static List<String> fields(Response r) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.json().get("errors")) {
            out.add(e.get("field").asString());
        }
        return out;
    }

    @Test
    void aNormalChangeIsCreatedAsADraftWithRefRiskImpactAndNoCollisions() {
        long vm = f().ci("virtual-machine", "vm", null);
        Response r = ChangeFixture.create(f().engineer, ChangeFixture.body("normal", START, END,
            ",\"supplier\":\"Acme\",\"public\":true,\"publicNote\":\"Payments may be slow\",\"linkedIncidents\":[\"INC-7\"],\"backoutTested\":true", vm));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.get("ref").asString()).matches("CHG-[0-9]+");
        assertThat(r.header("Location")).isEqualTo("/api/v1/changes/" + c.get("ref").asString());
        assertThat(c.get("status").asString()).isEqualTo("draft");
        assertThat(c.get("requester").asString()).isEqualTo("chg.eng");
        assertThat(c.get("public").asBoolean()).isTrue();
        assertThat(c.get("linkedIncidents").get(0).asString()).isEqualTo("INC-7");
        assertThat(c.get("collisions").size()).isZero();
        assertThat(c.get("impact").get("cis").asInt()).isZero();
        assertThat(c.get("risk").get("level").asString()).isNotBlank();
        Response read = ApiClient.as(port, "chg.viewer", "viewer").get("/api/v1/changes/" + c.get("ref").asString());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        assertThat(read.json().get("plannedStart").asString()).isEqualTo(START);
        Response history = f().engineer.get("/api/v1/changes/" + c.get("ref").asString() + "/history");
        assertThat(history.json().get(0).get("action").asString()).isEqualTo("created");
    }

    @Test
    void badValuesAre422NamingTheField() {
        long vm = f().ci("virtual-machine", "vm", null);
        Response r = ChangeFixture.create(f().engineer, ChangeFixture.body("normal", END, START,
            ",\"team\":\"no-such-team\",\"implementer\":\"nobody-here\",\"supplier\":\"" + "x".repeat(201) + "\"", vm, 999999999L));
        assertThat(r.status()).isEqualTo(422);
        assertThat(fields(r)).contains("plannedEnd", "affectedCis[1]", "team", "implementer", "supplier");
        Response longTitle = ChangeFixture.create(f().engineer, ChangeFixture.body("normal", START, END, "", vm)
            .replace("\"title\":\"Upgrade\"", "\"title\":\"" + "t".repeat(301) + "\""));
        assertThat(fields(longTitle)).containsExactly("title");
        Response noType = ChangeFixture.create(f().engineer, ChangeFixture.body("sideways", START, END, ",\"colour\":\"red\"", vm));
        assertThat(fields(noType)).contains("type", "colour");
        Response badInstant = ChangeFixture.create(f().engineer, ChangeFixture.body("normal", "next tuesday", END, "", vm));
        assertThat(fields(badInstant)).containsExactly("plannedStart");
        Response noCis = ChangeFixture.create(f().engineer, ChangeFixture.body("normal", START, END, ""));
        assertThat(fields(noCis)).containsExactly("affectedCis");
        assertThat(ChangeFixture.create(ApiClient.as(port, "chg.viewer", "viewer"), ChangeFixture.body("normal", START, END, "", vm)).status())
            .isEqualTo(403);
        assertThat(f().engineer.get("/api/v1/changes/CHG-999999999").status()).isEqualTo(404);
        assertThat(f().engineer.get("/api/v1/changes/nonsense").status()).isEqualTo(404);
        assertThat(f().engineer.get("/api/v1/changes/CHG-+1").status()).isEqualTo(404);
    }

    @Test
    void patchNeedsIfMatchAndRefusesAStaleOne() {
        long vm = f().ci("virtual-machine", "vm", null);
        String ref = ChangeFixture.created(f().engineer, ChangeFixture.body("normal", START, END, "", vm));
        String path = "/api/v1/changes/" + ref;
        assertThat(f().engineer.patch(path, "{\"title\":\"New\"}", null).status()).isEqualTo(428);
        Response ok = f().engineer.patch(path, "{\"title\":\"New\",\"supplier\":null}", "\"0\"");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("title").asString()).isEqualTo("New");
        assertThat(ok.header("ETag")).isEqualTo("\"1\"");
        assertThat(f().engineer.patch(path, "{\"title\":\"Other\"}", "\"0\"").status()).isEqualTo(412);
        Response bad = f().engineer.patch(path, "{\"plannedEnd\":\"2031-03-09T01:00:00Z\",\"status\":\"closed\",\"ref\":\"X\"}", "\"1\"");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(fields(bad)).contains("plannedEnd", "status", "ref");
        // Someone who neither requested nor implements it, and is no manager, may not edit it.
        assertThat(ApiClient.as(port, "chg.eng2", "engineer").patch(path, "{\"title\":\"Mine\"}", "\"1\"").status()).isEqualTo(403);
        // Only a manager overrides the risk level, and with a reason.
        assertThat(f().engineer.patch(path, "{\"riskOverride\":{\"level\":\"low\",\"reason\":\"x\"}}", "\"1\"").status()).isEqualTo(403);
        ApiClient manager = ApiClient.as(port, "chg.mgr1", "manager");
        assertThat(fields(manager.patch(path, "{\"riskOverride\":{\"level\":\"low\"}}", "\"1\""))).containsExactly("riskOverride.reason");
        Response overridden = manager.patch(path, "{\"riskOverride\":{\"level\":\"very-high\",\"reason\":\"Payroll week\"}}", "\"1\"");
        assertThat(overridden.status()).as(overridden.body()).isEqualTo(200);
        JsonNode risk = overridden.json().get("risk");
        assertThat(risk.get("level").asString()).isEqualTo("very-high");
        assertThat(risk.get("override").get("reason").asString()).isEqualTo("Payroll week");
        assertThat(risk.get("override").get("by").asString()).isEqualTo("chg.mgr1");
    }

    @Test
    void submitNeedsThePlansOfANormalChangeAndTheWorkflowRefusesForbiddenMoves() {
        long vm = f().ci("virtual-machine", "vm", null);
        String ref = ChangeFixture.created(f().engineer, ChangeFixture.body("normal", START, END, "", vm)
            .replace(",\"implementationPlan\":\"Install\",\"backoutPlan\":\"Uninstall\",\"testPlan\":\"Sign in\"", ""));
        String path = "/api/v1/changes/" + ref;
        Response missing = f().engineer.post(path + "/submit", "");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(fields(missing)).containsExactlyInAnyOrder("implementationPlan", "backoutPlan", "testPlan");
        assertThat(ApiClient.as(port, "chg.eng2", "engineer").post(path + "/submit", "").status()).isEqualTo(403);
        assertThat(f().engineer.post(path + "/status", "{\"status\":\"implementing\"}").status()).isEqualTo(409);
        f().engineer.patch(path, "{\"implementationPlan\":\"a\",\"backoutPlan\":\"b\",\"testPlan\":\"c\"}", "\"0\"");
        Response submitted = f().engineer.post(path + "/submit", "");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.json().get("status").asString()).isEqualTo("assessment");
        assertThat(submitted.json().get("submittedAt").isNull()).isFalse();
        assertThat(f().engineer.post(path + "/submit", "").status()).isEqualTo(409);
        Response scheduledByHand = f().engineer.post(path + "/status", "{\"status\":\"scheduled\"}");
        assertThat(scheduledByHand.status()).isEqualTo(409);
        assertThat(scheduledByHand.json().get("detail").asString()).contains("approvals");
        assertThat(f().engineer.post(path + "/status", "{\"status\":\"sideways\"}").status()).isEqualTo(422);
        Response cancelled = f().engineer.post(path + "/status", "{\"status\":\"cancelled\",\"note\":\"Not needed\"}");
        assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
        assertThat(f().engineer.post(path + "/status", "{\"status\":\"draft\"}").status()).isEqualTo(409);
        assertThat(f().engineer.patch(path, "{\"title\":\"x\"}", cancelled.header("ETag")).status()).isEqualTo(409);
    }

    @Test
    void closingNeedsAnOutcomeAndAFailedOrEmergencyChangeAReview() {
        long vm = f().ci("virtual-machine", "vm", null);
        ApiClient manager = ApiClient.as(port, "chg.mgr1", "manager");
        String ref = ChangeFixture.created(f().engineer, ChangeFixture.body("emergency", START, END, "", vm));
        String path = "/api/v1/changes/" + ref;
        assertThat(f().engineer.post(path + "/submit", "").status()).isEqualTo(200);
        assertThat(manager.post(path + "/approvals", "{\"decision\":\"approved\"}").json().get("status").asString()).isEqualTo("scheduled");
        assertThat(f().engineer.post(path + "/status", "{\"status\":\"closed\",\"outcome\":\"successful\"}").status()).isEqualTo(409);
        assertThat(f().engineer.post(path + "/status", "{\"status\":\"implementing\"}").status()).isEqualTo(200);
        assertThat(fields(f().engineer.post(path + "/status", "{\"status\":\"review\"}"))).containsExactly("outcome");
        assertThat(fields(f().engineer.post(path + "/status", "{\"status\":\"closed\",\"outcome\":\"maybe\"}"))).containsExactly("outcome");
        // An emergency change needs a review even when it went well.
        assertThat(fields(f().engineer.post(path + "/status", "{\"status\":\"closed\",\"outcome\":\"successful\"}"))).containsExactly("review");
        Response review = f().engineer.post(path + "/status", "{\"status\":\"review\",\"outcome\":\"successful\"}");
        assertThat(review.json().get("status").asString()).isEqualTo("review");
        assertThat(fields(f().engineer.post(path + "/status", "{\"status\":\"closed\"}"))).containsExactly("review");
        Response closed = f().engineer.post(path + "/status", "{\"status\":\"closed\",\"review\":\"Went to plan\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("outcome").asString()).isEqualTo("successful");
        assertThat(closed.json().get("review").asString()).isEqualTo("Went to plan");
        // A normal change that went well closes without a review.
        String normal = ChangeFixture.created(f().engineer, ChangeFixture.body("normal", START, END, "", vm));
        f().engineer.post("/api/v1/changes/" + normal + "/submit", "");
        manager.post("/api/v1/changes/" + normal + "/approvals", "{\"decision\":\"approved\"}");
        f().engineer.post("/api/v1/changes/" + normal + "/status", "{\"status\":\"implementing\"}");
        assertThat(fields(f().engineer.post("/api/v1/changes/" + normal + "/status", "{\"status\":\"closed\",\"outcome\":\"failed\"}")))
            .containsExactly("review");
        assertThat(f().engineer.post("/api/v1/changes/" + normal + "/status", "{\"status\":\"closed\",\"outcome\":\"successful\"}")
            .json().get("status").asString()).isEqualTo("closed");
    }

    @Test
    void editingTheWindowOfAScheduledChangeSendsItBackToAssessmentAndDropsItsApprovals() {
        long vm = f().ci("virtual-machine", "vm", null);
        String ref = ChangeFixture.created(f().engineer, ChangeFixture.body("normal", START, END, "", vm));
        String path = "/api/v1/changes/" + ref;
        f().engineer.post(path + "/submit", "");
        Response approved = ApiClient.as(port, "chg.mgr1", "manager").post(path + "/approvals", "{\"decision\":\"approved\",\"note\":\"ok\"}");
        assertThat(approved.json().get("status").asString()).isEqualTo("scheduled");
        assertThat(approved.json().get("approvals").size()).isEqualTo(1);
        Response retitled = f().engineer.patch(path, "{\"title\":\"Renamed\"}", approved.header("ETag"));
        assertThat(retitled.json().get("status").asString()).isEqualTo("scheduled");
        Response moved = f().engineer.patch(path, "{\"plannedEnd\":\"2031-03-09T04:00:00Z\"}", retitled.header("ETag"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("status").asString()).isEqualTo("assessment");
        assertThat(moved.json().get("approvals").size()).isZero();
    }

    @Test
    void theListFiltersPagesAndRefusesUnknownValues() {
        long vm = f().ci("virtual-machine", "vm", null);
        String a = ChangeFixture.created(f().engineer, ChangeFixture.body("normal", START, END, "", vm).replace("Upgrade", "Zebra " + f().s));
        String b = ChangeFixture.created(f().engineer, ChangeFixture.body("emergency", "2031-04-01T02:00:00Z", "2031-04-01T03:00:00Z", "", vm));
        ApiClient viewer = ApiClient.as(port, "chg.viewer", "viewer");
        Response byCi = viewer.get("/api/v1/changes?ci=" + vm + "&sort=start");
        assertThat(byCi.status()).as(byCi.body()).isEqualTo(200);
        assertThat(byCi.json().get("total").asLong()).isEqualTo(2);
        assertThat(byCi.json().get("items").get(0).get("ref").asString()).isEqualTo(a);
        assertThat(viewer.get("/api/v1/changes?ci=" + vm + "&type=emergency").json().get("items").get(0).get("ref").asString()).isEqualTo(b);
        assertThat(viewer.get("/api/v1/changes?ci=" + vm + "&from=2031-03-20T00:00:00Z").json().get("total").asLong()).isEqualTo(1);
        assertThat(viewer.get("/api/v1/changes?ci=" + vm + "&to=2031-03-20T00:00:00Z&status=draft").json().get("total").asLong()).isEqualTo(1);
        assertThat(viewer.get("/api/v1/changes?q=zebra%20" + f().s).json().get("items").get(0).get("ref").asString()).isEqualTo(a);
        assertThat(viewer.get("/api/v1/changes?q=" + b).json().get("items").get(0).get("ref").asString()).isEqualTo(b);
        Response paged = viewer.get("/api/v1/changes?ci=" + vm + "&size=1&page=1&sort=start");
        assertThat(paged.json().get("items").get(0).get("ref").asString()).isEqualTo(b);
        assertThat(paged.json().get("size").asInt()).isEqualTo(1);
        for (Map.Entry<String, String> bad : Map.of("status=lost", "status", "type=odd", "type", "team=nope", "team", "ci=x", "ci",
            "from=soon", "from", "sort=colour", "sort").entrySet()) {
            Response r = viewer.get("/api/v1/changes?" + bad.getKey());
            assertThat(r.status()).as(bad.getKey()).isEqualTo(422);
            assertThat(fields(r)).containsExactly(bad.getValue());
        }
    }
}
