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

/** Standard change templates: the starter set, managers keep them, standard changes keep to them, a failure suspends one. */
@EstateTest
class ChangeTemplateApiTests {

    @LocalServerPort
    int port;

    private static String template(String key, String classes, int max) {
        return """
            {"key":"%s","name":"Restart print spooler","description":"d","implementationPlan":"Restart","backoutPlan":"Reboot",
             "testPlan":"Print a page","ciClasses":[%s],"maxDurationMinutes":%d}""".formatted(key, classes, max);
    }

    @Test
    void theCouncilStarterSetIsShippedAndManagersKeepTemplates() {
        Response list = ApiClient.as(port, "chg.viewer", "viewer").get("/api/v1/change-templates");
        assertThat(list.status()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        list.json().get("items").forEach(t -> keys.add(t.get("key").asString()));
        assertThat(keys).contains("restart-application-service", "monthly-os-patches", "renew-tls-certificate",
            "firewall-rule-from-request", "extend-vm-disk");
        String key = "t-" + new ChangeFixture(port).s;
        assertThat(ApiClient.as(port, "chg.eng", "engineer").post("/api/v1/change-templates", template(key, "\"application\"", 30)).status())
            .isEqualTo(403);
        ApiClient manager = ApiClient.as(port, "chg.mgr1", "manager");
        Response created = manager.post("/api/v1/change-templates", template(key, "\"application\"", 30));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/change-templates/" + key);
        assertThat(manager.post("/api/v1/change-templates", template(key, "\"application\"", 30)).status()).isEqualTo(409);
        Response bad = manager.post("/api/v1/change-templates", template("Bad Key", "\"spaceship\"", 0));
        assertThat(bad.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("key", "ciClasses[0]", "maxDurationMinutes");
    }

    @Test
    void aStandardChangeKeepsToItsTemplateIsScheduledAtOnceAndAFailureSuspendsTheTemplate() {
        ChangeFixture f = new ChangeFixture(port);
        String key = "t-" + f.s;
        ApiClient manager = ApiClient.as(port, "chg.mgr1", "manager");
        assertThat(manager.post("/api/v1/change-templates", template(key, "\"application\"", 30)).status()).isEqualTo(201);
        long app = f.ci("application", "spooler", null);
        long vm = f.ci("virtual-machine", "print-vm", null);
        String ok = """
            {"type":"standard","template":"%s","title":"Restart spooler","affectedCis":[%d],
             "plannedStart":"2031-03-09T02:00:00Z","plannedEnd":"2031-03-09T02:30:00Z"}""";
        Response created = f.engineer.post("/api/v1/changes", ok.formatted(key, app));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.get("status").asString()).isEqualTo("scheduled");
        assertThat(c.get("template").asString()).isEqualTo(key);
        assertThat(c.get("implementationPlan").asString()).isEqualTo("Restart");
        assertThat(c.get("approvals").size()).isZero();

        Response wrongClass = f.engineer.post("/api/v1/changes", ok.formatted(key, vm));
        assertThat(wrongClass.status()).isEqualTo(422);
        assertThat(wrongClass.json().get("errors").get(0).get("field").asString()).isEqualTo("affectedCis[0]");
        Response tooLong = f.engineer.post("/api/v1/changes", ok.formatted(key, app).replace("02:30:00Z", "03:30:00Z"));
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("plannedEnd");
        Response noTemplate = f.engineer.post("/api/v1/changes", ok.formatted("no-such-template", app));
        assertThat(noTemplate.json().get("errors").get(0).get("field").asString()).isEqualTo("template");
        // Lengthening a scheduled standard change past the template's maximum is refused too.
        Response stretched = f.engineer.patch("/api/v1/changes/" + c.get("ref").asString(), "{\"plannedEnd\":\"2031-03-09T04:00:00Z\"}", "\"0\"");
        assertThat(stretched.status()).isEqualTo(422);

        String path = "/api/v1/changes/" + c.get("ref").asString() + "/status";
        assertThat(f.engineer.post(path, "{\"status\":\"implementing\"}").status()).isEqualTo(200);
        assertThat(f.engineer.post(path, "{\"status\":\"closed\",\"outcome\":\"failed\",\"review\":\"Spooler corrupt\"}").status()).isEqualTo(200);
        JsonNode suspended = f.engineer.get("/api/v1/change-templates/" + key).json();
        assertThat(suspended.get("suspended").asBoolean()).isTrue();
        assertThat(suspended.get("suspendedReason").asString()).contains(c.get("ref").asString());
        Response refused = f.engineer.post("/api/v1/changes", ok.formatted(key, app));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("suspended");
        assertThat(f.engineer.post("/api/v1/change-templates/" + key + "/reinstate", "").status()).isEqualTo(403);
        assertThat(manager.post("/api/v1/change-templates/" + key + "/reinstate", "").json().get("suspended").asBoolean()).isFalse();
        assertThat(f.engineer.post("/api/v1/changes", ok.formatted(key, app)).status()).isEqualTo(201);
    }

    @Test
    void anIncidentLinkedWithinSevenDaysOfAChangeFromTheTemplateSuspendsIt() {
        ChangeFixture f = new ChangeFixture(port);
        String key = "t-" + f.s;
        ApiClient manager = ApiClient.as(port, "chg.mgr1", "manager");
        assertThat(manager.post("/api/v1/change-templates", template(key, "\"application\"", 30)).status()).isEqualTo(201);
        long app = f.ci("application", "spooler", null);
        // A change that started in the past (logged afterwards) and ended yesterday.
        java.time.Instant end = java.time.Instant.now().minus(java.time.Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Response c = f.engineer.post("/api/v1/changes", """
            {"type":"standard","template":"%s","title":"Restart spooler","affectedCis":[%d],"plannedStart":"%s","plannedEnd":"%s",
             "linkedIncidents":["INC-1"]}""".formatted(key, app, end.minusSeconds(600), end));
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        assertThat(f.engineer.get("/api/v1/change-templates/" + key).json().get("suspended").asBoolean())
            .as("an incident it set out to fix does not count").isFalse();
        Response linked = f.engineer.patch("/api/v1/changes/" + c.json().get("ref").asString(),
            "{\"linkedIncidents\":[\"INC-1\",\"INC-2\"]}", "\"0\"");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        JsonNode t = f.engineer.get("/api/v1/change-templates/" + key).json();
        assertThat(t.get("suspended").asBoolean()).isTrue();
        assertThat(t.get("suspendedReason").asString()).contains("INC-2");
    }
}
