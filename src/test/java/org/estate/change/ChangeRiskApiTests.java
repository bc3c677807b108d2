package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The default risk model on worked examples, and the impact a change's CIs have as if all were down. */
@EstateTest
class ChangeRiskApiTests {

    /** Sunday night (outside office hours) and Monday morning (inside them), in GMT. */
    private static final String SUNDAY = "2031-03-09T02:00:00Z";
    private static final String SUNDAY_END = "2031-03-09T03:00:00Z";
    private static final String MONDAY = "2031-03-10T10:00:00Z";
    private static final String MONDAY_END = "2031-03-10T11:00:00Z";

    @LocalServerPort
    int port;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    private static Map<String, Integer> factors(JsonNode change) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode f : change.get("risk").get("factors")) {
            out.put(f.get("factor").asString(), f.get("points").asInt());
            assertThat(f.get("detail").asString()).isNotBlank();
        }
        return out;
    }

    @Test
    void aCriticalServiceDownIsHighRiskAndTheImpactNamesIt() {
        ChangeFixture f = new ChangeFixture(port);
        long svc = f.ci("business-service", "payments", "critical");
        long app = f.ci("application", "pay-app", null);
        long vm = f.ci("virtual-machine", "pay-vm", null);
        f.rel(svc, "uses", app);
        f.rel(app, "runs-on", vm);
        JsonNode c = ChangeFixture.create(f.engineer, ChangeFixture.body("normal", SUNDAY, SUNDAY_END, ",\"backoutTested\":true", vm)).json();
        assertThat(factors(c)).containsExactly(Map.entry("impact", 40));
        assertThat(c.get("risk").get("score").asInt()).isEqualTo(40);
        assertThat(c.get("risk").get("level").asString()).isEqualTo("high");
        JsonNode impact = c.get("impact");
        assertThat(impact.get("cis").asInt()).isEqualTo(2);
        assertThat(impact.get("services").size()).isEqualTo(1);
        assertThat(impact.get("services").get(0).get("id").asLong()).isEqualTo(svc);
        assertThat(impact.get("services").get(0).get("name").asString()).isEqualTo("payments-" + f.s);
        assertThat(impact.get("services").get(0).get("state").asString()).isEqualTo("down");

        // The same change as an emergency in office hours with an untested back-out: 40 + 15 + 10 + 10.
        JsonNode worse = ChangeFixture.create(f.engineer, ChangeFixture.body("emergency", MONDAY, MONDAY_END, "", vm)).json();
        assertThat(factors(worse)).containsExactlyInAnyOrderEntriesOf(Map.of("impact", 40, "office-hours", 15, "backout-not-tested", 10,
            "emergency", 10));
        assertThat(worse.get("risk").get("score").asInt()).isEqualTo(75);
        assertThat(worse.get("risk").get("level").asString()).isEqualTo("very-high");
    }

    @Test
    void furtherServicesDownAddTwoEachAndAMediumServiceIsTwentyPoints() {
        ChangeFixture f = new ChangeFixture(port);
        long app = f.ci("application", "shared-app", null);
        for (String name : new String[] {"libraries", "parking", "waste"}) {
            f.rel(f.ci("business-service", name, "medium"), "uses", app);
        }
        JsonNode c = ChangeFixture.create(f.engineer, ChangeFixture.body("normal", SUNDAY, SUNDAY_END, ",\"backoutTested\":true", app)).json();
        assertThat(factors(c)).containsExactly(Map.entry("impact", 20), Map.entry("further-services-down", 4));
        assertThat(c.get("risk").get("level").asString()).isEqualTo("medium");
        assertThat(c.get("impact").get("services").size()).isEqualTo(3);
    }

    @Test
    void aChangeTouchingNothingImportantIsLowUnlessSubmittedAtShortNotice() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "lonely-vm", null);
        JsonNode calm = ChangeFixture.create(f.engineer, ChangeFixture.body("normal", SUNDAY, SUNDAY_END, ",\"backoutTested\":true", vm)).json();
        assertThat(factors(calm)).isEmpty();
        assertThat(calm.get("risk").get("level").asString()).isEqualTo("low");
        // Thursday noon before a Sunday night start: 5 + 8 business hours, less than two business days.
        TestClock.set("2031-03-06T12:00:00Z");
        String ref = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", SUNDAY, SUNDAY_END, ",\"backoutTested\":true", vm));
        JsonNode hurried = f.engineer.post("/api/v1/changes/" + ref + "/submit", "").json();
        assertThat(factors(hurried)).containsExactly(Map.entry("short-notice", 10));
        assertThat(hurried.get("risk").get("score").asInt()).isEqualTo(10);
    }

    @Test
    void eachFailedChangeOnTheSameCisInTheLastYearAddsTen() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "flaky-vm", null);
        ApiClient manager = ApiClient.as(port, "chg.mgr1", "manager");
        String failed = ChangeFixture.created(f.engineer, ChangeFixture.body("normal", SUNDAY, SUNDAY_END, ",\"backoutTested\":true", vm));
        String path = "/api/v1/changes/" + failed;
        f.engineer.post(path + "/submit", "");
        assertThat(manager.post(path + "/approvals", "{\"decision\":\"approved\"}").status()).isEqualTo(200);
        f.engineer.post(path + "/status", "{\"status\":\"implementing\"}");
        assertThat(f.engineer.post(path + "/status", "{\"status\":\"closed\",\"outcome\":\"failed-backed-out\",\"review\":\"Disk full\"}")
            .status()).isEqualTo(200);
        JsonNode next = ChangeFixture.create(f.engineer, ChangeFixture.body("normal", SUNDAY, SUNDAY_END, ",\"backoutTested\":true", vm)).json();
        assertThat(factors(next)).containsExactly(Map.entry("failed-changes", 10));
        // The failed change does not count against itself.
        assertThat(factors(f.engineer.get(path).json())).doesNotContainKey("failed-changes");
    }

    @Test
    void anAdminChangesThePointsAndTheRiskFollows() {
        ChangeFixture f = new ChangeFixture(port);
        ApiClient admin = ApiClient.adminToken(port);
        JsonNode defaults = ApiClient.as(port, "chg.viewer", "viewer").get("/api/v1/change-risk-points").json();
        assertThat(defaults.get("down-critical").asInt()).isEqualTo(40);
        assertThat(defaults.get("office-hours").asInt()).isEqualTo(15);
        String raised = defaults.toString().replace("\"backout-not-tested\":10", "\"backout-not-tested\":25");
        assertThat(ApiClient.as(port, "chg.mgr1", "manager").put("/api/v1/change-risk-points", raised).status()).isEqualTo(403);
        var bad = admin.put("/api/v1/change-risk-points", "{\"down-critical\":-1,\"colour\":3}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"field\":\"down-critical\"", "\"field\":\"colour\"", "\"field\":\"emergency\"");
        try {
            assertThat(admin.put("/api/v1/change-risk-points", raised).status()).isEqualTo(200);
            long vm = f.ci("virtual-machine", "points-vm", null);
            JsonNode c = ChangeFixture.create(f.engineer, ChangeFixture.body("normal", SUNDAY, SUNDAY_END, "", vm)).json();
            assertThat(factors(c)).containsExactly(Map.entry("backout-not-tested", 25));
            assertThat(c.get("risk").get("level").asString()).isEqualTo("medium");
        } finally {
            assertThat(admin.put("/api/v1/change-risk-points", defaults.toString()).status()).isEqualTo(200);
        }
    }
}
