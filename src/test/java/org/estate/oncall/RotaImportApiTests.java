package org.estate.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Importing PagerDuty and Opsgenie schedules and escalation policies from their API exports
 * (fixtures under src/test/resources/oncall/import): who is on call afterwards at chosen instants is
 * who the source product would say; unknown users are 422 with nothing imported; a taken key is 409.
 */
@EstateTest
class RotaImportApiTests {

    @LocalServerPort
    int port;
    ApiClient manager;
    ApiClient viewer;
    String s;

    @BeforeEach
    void setUp() {
        s = UUID.randomUUID().toString().substring(0, 8);
        manager = ApiClient.as(port, "imp.manager", "manager");
        viewer = ApiClient.as(port, "imp.viewer", "viewer");
    }

    private String fixture(String name) {
        try (InputStream in = getClass().getResourceAsStream("/oncall/import/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{s}}", s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void users(String prefix, String... letters) {
        for (String l : letters) {
            ApiClient.as(port, prefix + "-" + l + "-" + s, "engineer");
        }
    }

    private String onCall(String rota, String at) {
        JsonNode users = viewer.get("/api/v1/rotas/" + rota + "/on-call?at=" + at).json().get("users");
        return users.isEmpty() ? "nobody" : users.get(0).asString();
    }

    @Test
    void aPagerDutyScheduleAndPolicyAnswerAsPagerDutyWould() {
        users("pd", "a", "b", "c", "d", "e", "f");
        String body = "{\"format\":\"pagerduty\",\"key\":\"pd-" + s + "\",\"policyKey\":\"pd-p1-" + s + "\",\"schedule\":"
            + fixture("pagerduty-schedule.json") + ",\"escalation\":" + fixture("pagerduty-escalation.json") + "}";
        Response r = manager.post("/api/v1/rotas/import", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("rotas").toString()).isEqualTo("[\"pd-" + s + "\"]");
        assertThat(r.json().get("escalationPolicy").asString()).isEqualTo("pd-p1-" + s);
        assertThat(r.json().get("warnings").toString()).contains("POTHER");

        String rota = "pd-" + s;
        JsonNode layers = viewer.get("/api/v1/rotas/" + rota).json().get("layers");
        assertThat(layers.get(0).get("name").asString()).as("ordered by rendering_index").isEqualTo("Weekday days");
        assertThat(layers.get(2).get("name").asString()).isEqualTo("Weekends");
        // Layer 1: weekly from Monday 4 January 09:00; layer 2: nights 18:00 for 15 h, daily; layer 3: Saturday 09:00 for 48 h.
        assertThat(onCall(rota, "2027-01-05T10:00:00Z")).isEqualTo("pd-a-" + s);
        assertThat(onCall(rota, "2027-01-05T20:00:00Z")).as("night, second turn").isEqualTo("pd-e-" + s);
        assertThat(onCall(rota, "2027-01-06T03:00:00Z")).as("the night runs past midnight").isEqualTo("pd-e-" + s);
        assertThat(onCall(rota, "2027-01-06T10:00:00Z")).isEqualTo("pd-a-" + s);
        assertThat(onCall(rota, "2027-01-09T12:00:00Z")).as("Saturday: the weekend layer").isEqualTo("pd-f-" + s);
        assertThat(onCall(rota, "2027-01-10T22:00:00Z")).as("Sunday night: the weekend layer is above the nights").isEqualTo("pd-f-" + s);
        assertThat(onCall(rota, "2027-01-11T08:30:00Z")).as("Monday 08:30: still the weekend").isEqualTo("pd-f-" + s);
        assertThat(onCall(rota, "2027-01-11T10:00:00Z")).isEqualTo("pd-b-" + s);
        assertThat(onCall(rota, "2027-01-18T10:00:00Z")).as("mapped by user name where no email").isEqualTo("pd-c-" + s);
        // 26 weeks on, in summer time: the weekend ends and the week hands over at 09:00 London (08:00 UTC).
        assertThat(onCall(rota, "2027-07-05T07:30:00Z")).isEqualTo("pd-f-" + s);
        assertThat(onCall(rota, "2027-07-05T08:30:00Z")).isEqualTo("pd-c-" + s);
        // 23:00 London on 6 July is the nights layer's turn 183 (odd): e.
        assertThat(onCall(rota, "2027-07-06T22:00:00Z")).isEqualTo("pd-e-" + s);

        JsonNode policy = viewer.get("/api/v1/escalation-policies/pd-p1-" + s).json();
        assertThat(policy.get("repeat").asInt()).isEqualTo(2);
        assertThat(policy.get("levels").get(0).get("targets").toString()).isEqualTo("[{\"rota\":\"" + rota + "\"}]");
        assertThat(policy.get("levels").get(0).get("delayMinutes").asInt()).isEqualTo(15);
        assertThat(policy.get("levels").get(1).get("targets").toString()).isEqualTo("[{\"user\":\"pd-b-" + s + "\"}]");
        assertThat(policy.get("levels").get(1).get("delayMinutes").asInt()).isEqualTo(30);
    }

    @Test
    void anOpsgenieScheduleBecomesOneRotaPerRotationAndThePolicyReachesThemAll() {
        users("og", "x", "y", "z");
        String body = "{\"format\":\"opsgenie\",\"key\":\"og-" + s + "\",\"schedule\":" + fixture("opsgenie-schedule.json")
            + ",\"escalation\":" + fixture("opsgenie-escalation.json") + "}";
        Response r = manager.post("/api/v1/rotas/import", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String business = "og-" + s + "-business-hours";
        String nights = "og-" + s + "-out-of-hours";
        assertThat(r.json().get("rotas").toString()).isEqualTo("[\"" + business + "\",\"" + nights + "\"]");
        String policyKey = r.json().get("escalationPolicy").asString();
        assertThat(policyKey).isEqualTo("network-escalation-" + s);
        String warnings = r.json().get("warnings").toString();
        assertThat(warnings).contains("team", "no such team", "if the alert is not closed");

        // Business hours: Monday 09:00 to Friday 17:00 in one stretch, weekly, x then y.
        assertThat(onCall(business, "2027-01-04T10:00:00Z")).isEqualTo("og-x-" + s);
        assertThat(onCall(business, "2027-01-05T03:00:00Z")).as("the stretch runs through the nights").isEqualTo("og-x-" + s);
        assertThat(onCall(business, "2027-01-08T16:59:00Z")).isEqualTo("og-x-" + s);
        assertThat(onCall(business, "2027-01-08T17:30:00Z")).isEqualTo("nobody");
        assertThat(onCall(business, "2027-01-09T12:00:00Z")).isEqualTo("nobody");
        assertThat(onCall(business, "2027-01-11T10:00:00Z")).isEqualTo("og-y-" + s);
        // Out of hours: 17:00-09:00 every day, daily, y then z (the team participant left out).
        assertThat(onCall(nights, "2027-01-05T03:00:00Z")).isEqualTo("og-y-" + s);
        assertThat(onCall(nights, "2027-01-05T12:00:00Z")).isEqualTo("nobody");
        assertThat(onCall(nights, "2027-01-09T20:00:00Z")).isEqualTo("og-z-" + s);

        JsonNode policy = viewer.get("/api/v1/escalation-policies/" + policyKey).json();
        assertThat(policy.get("repeat").asInt()).isEqualTo(2);
        assertThat(policy.get("levels").size()).isEqualTo(2);
        assertThat(policy.get("levels").get(0).get("delayMinutes").asInt()).as("the next rule 10 minutes after").isEqualTo(10);
        assertThat(policy.get("levels").get(1).get("targets").toString()).isEqualTo("[{\"user\":\"og-z-" + s + "\"}]");
        // As Opsgenie would: everyone on call in every rotation of the schedule.
        JsonNode reach = viewer.get("/api/v1/escalation-policies/" + policyKey + "/reach?at=2027-01-05T03:00:00Z").json();
        assertThat(reach.get(0).get("users").toString()).isEqualTo("[\"og-x-" + s + "\",\"og-y-" + s + "\"]");
    }

    @Test
    void unknownUsersAreListedAndNothingIsImported() {
        users("pd", "a", "b", "c", "d");
        String body = "{\"format\":\"pagerduty\",\"key\":\"bad-" + s + "\",\"policyKey\":\"bad-p-" + s + "\",\"schedule\":"
            + fixture("pagerduty-schedule.json") + ",\"escalation\":" + fixture("pagerduty-escalation.json") + "}";
        Response r = manager.post("/api/v1/rotas/import", body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("pd-e-" + s + "@example.gov.uk", "pd-f-" + s + "@example.gov.uk").doesNotContain("pd-a-" + s);
        assertThat(viewer.get("/api/v1/rotas/bad-" + s).status()).isEqualTo(404);
        assertThat(viewer.get("/api/v1/escalation-policies/bad-p-" + s).status()).isEqualTo(404);

        assertThat(manager.post("/api/v1/rotas/import", "{\"format\":\"xmatters\",\"schedule\":{}}").status()).isEqualTo(422);
        assertThat(viewer.post("/api/v1/rotas/import", body).status()).as("a viewer may not").isEqualTo(403);
    }

    @Test
    void withoutRenderingIndexTheLayersAreTakenInTheirOrderWithAWarning() {
        users("pd", "a", "b", "c", "d", "e", "f");
        // Without the outer "schedule", and without rendering_index: the array's order (Weekends, Weekday days, Nights).
        String schedule = fixture("pagerduty-schedule.json").replaceAll("\"rendering_index\": \\d+,", "");
        schedule = schedule.substring(schedule.indexOf("{", 1), schedule.lastIndexOf("}"));
        Response r = manager.post("/api/v1/rotas/import", "{\"format\":\"pagerduty\",\"key\":\"pdn-" + s + "\",\"schedule\":" + schedule + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("warnings").toString()).contains("rendering_index");
        assertThat(r.body()).doesNotContain("\"escalationPolicy\":\"");
        assertThat(viewer.get("/api/v1/rotas/pdn-" + s).json().get("layers").get(0).get("name").asString()).isEqualTo("Weekends");
        // Saturday noon: the weekday-days layer (now above the weekend one) covers all week.
        assertThat(onCall("pdn-" + s, "2027-01-09T12:00:00Z")).isEqualTo("pd-a-" + s);
    }

    @Test
    void aKeyFromTheNameAndA409WhenItIsTaken() {
        users("og", "x", "y", "z");
        String body = "{\"format\":\"opsgenie\",\"schedule\":" + fixture("opsgenie-schedule.json").replace("\"rotations\": [", "\"rotations\": [\n"
            + "{\"name\":\"only\",\"startDate\":\"2027-01-04T09:00:00Z\",\"type\":\"hourly\",\"length\":12,"
            + "\"participants\":[{\"type\":\"user\",\"username\":\"og-x-" + s + "@example.gov.uk\"}]}],\"unused\": [") + "}";
        Response first = manager.post("/api/v1/rotas/import", body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("rotas").toString()).isEqualTo("[\"network-oncall-" + s + "\"]");
        assertThat(viewer.get("/api/v1/rotas/network-oncall-" + s).json().get("layers").get(0).get("hours").asInt()).isEqualTo(12);
        Response again = manager.post("/api/v1/rotas/import", body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(List.of(again.body())).allMatch(b -> b.contains("key"));
    }
}
