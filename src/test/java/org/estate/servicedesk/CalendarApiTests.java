package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Business calendars through real HTTP: built-ins, due/elapsed arithmetic, creation and the GOV.UK holiday import. */
@EstateTest
class CalendarApiTests {

    @LocalServerPort
    int port;
    ApiClient manager;
    ApiClient viewer;

    @BeforeEach
    void clients() {
        manager = ApiClient.as(port, "cal.manager", "manager");
        viewer = ApiClient.as(port, "cal.viewer", "viewer");
    }

    @Test
    void builtInCalendarsShipWithBankHolidays() {
        JsonNode list = viewer.get("/api/v1/calendars").json().get("items");
        JsonNode office = null;
        JsonNode support = null;
        for (JsonNode c : list) {
            if (c.get("key").asString().equals("office-hours")) {
                office = c;
            }
            if (c.get("key").asString().equals("support-hours")) {
                support = c;
            }
        }
        assertThat(support).isNotNull();
        assertThat(support.get("zone").asString()).isEqualTo("Europe/London");
        assertThat(support.get("hours").get("SUNDAY").get(0).get("from").asString()).isEqualTo("07:00");
        assertThat(support.get("hours").get("SUNDAY").get(0).get("to").asString()).isEqualTo("24:00");
        assertThat(office).isNotNull();
        assertThat(office.get("hours").has("SATURDAY")).isFalse();
        assertThat(office.get("holidays").toString()).contains("2025-12-25", "2026-12-28", "2028-12-26");
        assertThat(office.get("holidays").size()).isEqualTo(32);
    }

    @Test
    void dueAndElapsedOverChristmasAndTheClockChange() {
        Response due = viewer.get("/api/v1/calendars/office-hours/due?start=2026-12-24T16:00:00Z&minutes=120");
        assertThat(due.status()).isEqualTo(200);
        assertThat(due.json().get("due").asString()).isEqualTo("2026-12-29T10:00:00+00:00");
        // In summer the answer carries the BST offset: Thu 2 Apr 2026 10:00 BST + 3 days over Easter.
        assertThat(viewer.get("/api/v1/calendars/office-hours/due?start=2026-04-02T09:00:00Z&minutes=1440").json()
            .get("due").asString()).isEqualTo("2026-04-09T10:00:00+01:00");
        assertThat(viewer.get("/api/v1/calendars/office-hours/elapsed?from=2026-12-24T16:00:00Z&to=2026-12-29T10:00:00Z")
            .json().get("minutes").asLong()).isEqualTo(120);
        // Support hours across the spring-forward night: 23:30 GMT to 07:30 BST is 60 business minutes.
        assertThat(viewer.get("/api/v1/calendars/support-hours/elapsed?from=2026-03-28T23:30:00Z&to=2026-03-29T07:30:00%2B01:00")
            .json().get("minutes").asLong()).isEqualTo(60);
    }

    @Test
    void badQueriesAreExplained() {
        Response noOffset = viewer.get("/api/v1/calendars/office-hours/due?start=2026-12-24T16:00&minutes=5");
        assertThat(noOffset.status()).isEqualTo(400);
        assertThat(noOffset.json().get("errors").get(0).get("field").asString()).isEqualTo("start");
        assertThat(viewer.get("/api/v1/calendars/office-hours/due?start=2026-12-24T16:00:00Z&minutes=-1").status()).isEqualTo(422);
        assertThat(viewer.get("/api/v1/calendars/nowhere/due?start=2026-12-24T16:00:00Z&minutes=1").status()).isEqualTo(404);
        assertThat(ApiClient.anonymous(port).get("/api/v1/calendars").status()).isEqualTo(401);
    }

    @Test
    void aManagerCreatesACalendarAndImportsBankHolidays() throws IOException {
        String key = "depot-" + UUID.randomUUID().toString().substring(0, 6);
        String body = """
            {"key":"%s","name":"Depot hours","zone":"Europe/London",
             "hours":{"MONDAY":[{"from":"06:00","to":"14:00"}],"TUESDAY":[{"from":"06:00","to":"14:00"}]},
             "holidays":["2026-12-25"]}""".formatted(key);
        assertThat(viewer.post("/api/v1/calendars", body).status()).isEqualTo(403);
        Response created = manager.post("/api/v1/calendars", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/calendars/" + key);
        assertThat(manager.post("/api/v1/calendars", body).status()).isEqualTo(409);

        byte[] govuk;
        try (InputStream in = getClass().getResourceAsStream("/servicedesk/bank-holidays-2025-2028.json")) {
            govuk = in.readAllBytes();
        }
        Response imported = manager.post("/api/v1/calendars/" + key + "/holidays/import?division=england-and-wales",
            new String(govuk, StandardCharsets.UTF_8));
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json().get("added").asInt()).isEqualTo(31); // 32 dates, one (25 Dec 2026) already there
        assertThat(manager.post("/api/v1/calendars/" + key + "/holidays/import?division=england-and-wales",
            new String(govuk, StandardCharsets.UTF_8)).json().get("added").asInt()).isZero();
        Response wrongDivision = manager.post("/api/v1/calendars/" + key + "/holidays/import?division=wales",
            new String(govuk, StandardCharsets.UTF_8));
        assertThat(wrongDivision.status()).isEqualTo(422);
        assertThat(wrongDivision.body()).contains("england-and-wales");
        // Mon 28 Dec 2026 (Boxing Day substitute) is now shut: Tue 22 Dec 13:00 + 120 min → 07:00 on Tue 29 Dec.
        assertThat(viewer.get("/api/v1/calendars/" + key + "/due?start=2026-12-22T13:00:00Z&minutes=120").json().get("due").asString())
            .isEqualTo("2026-12-29T07:00:00+00:00");
    }

    @Test
    void invalidCalendarsNameEveryProblem() {
        Response bad = manager.post("/api/v1/calendars", """
            {"key":"Bad Key","name":"","zone":"Europe/Londinium",
             "hours":{"FUNDAY":[{"from":"09:00","to":"17:00"}],"MONDAY":[{"from":"17:00","to":"09:00"}]},
             "holidays":["2026-13-01"]}""");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"key\"", "\"name\"", "\"zone\"", "hours.FUNDAY", "hours.MONDAY[0]", "holidays[0]");
    }
}
