package org.estate.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
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

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import tools.jackson.databind.JsonNode;

/** Rotas through real HTTP: create, read back exactly, replace with If-Match, on-call, shifts, overrides, load, feeds, and refusals. */
@EstateTest
class RotaApiTests {

    @LocalServerPort
    int port;
    ApiClient manager;
    ApiClient engineer;
    ApiClient viewer;
    String s;
    String asha;
    String ben;

    @BeforeEach
    void clients() {
        s = UUID.randomUUID().toString().substring(0, 8);
        manager = ApiClient.as(port, "rota.manager", "manager");
        engineer = ApiClient.as(port, "rota.engineer", "engineer");
        viewer = ApiClient.as(port, "rota.viewer", "viewer");
        asha = "asha-" + s;
        ben = "ben-" + s;
        ApiClient.as(port, asha, "engineer");
        ApiClient.as(port, ben, "engineer");
    }

    private String rota(String key, String zone) {
        return """
            {"key":"%s","name":"Infrastructure on call","zone":"%s","layers":[
              {"name":"engineers","members":["%s","%s"],"rotation":"weekly","handoff":"2027-01-04T07:00",
               "restrictions":[{"days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],"from":"07:00","to":"24:00"}]}]}"""
            .formatted(key, zone, asha, ben);
    }

    @Test
    void aRotaIsCreatedReadBackExactlyAndAnswersWhoIsOnCall() {
        String key = "infra-" + s;
        Response created = manager.post("/api/v1/rotas", rota(key, "Europe/London"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/rotas/" + key);
        JsonNode r = viewer.get("/api/v1/rotas/" + key).json();
        assertThat(r.get("zone").asString()).isEqualTo("Europe/London");
        JsonNode layer = r.get("layers").get(0);
        assertThat(layer.get("members").toString()).isEqualTo("[\"" + asha + "\",\"" + ben + "\"]");
        assertThat(layer.get("handoff").asString()).isEqualTo("2027-01-04T07:00");
        assertThat(layer.get("restrictions").get(0).get("to").asString()).isEqualTo("24:00");

        JsonNode now = viewer.get("/api/v1/rotas/" + key + "/on-call?at=2027-01-05T10:00:00Z").json();
        assertThat(now.get("users").toString()).isEqualTo("[\"" + asha + "\"]");
        assertThat(now.get("layer").asString()).isEqualTo("engineers");
        assertThat(now.get("at").asString()).isEqualTo("2027-01-05T10:00:00Z");
        JsonNode night = viewer.get("/api/v1/rotas/" + key + "/on-call?at=2027-01-05T03:00:00Z").json();
        assertThat(night.get("users").size()).as("nobody between midnight and 07:00").isZero();
        assertThat(viewer.get("/api/v1/rotas/" + key + "/on-call?at=2027-01-12T10:00:00%2B00:00").json().get("users").get(0).asString())
            .isEqualTo(ben);
        assertThat(viewer.get("/api/v1/rotas/no-such-" + key + "/on-call?at=2027-01-05T10:00:00Z").status()).isEqualTo(404);
        assertThat(viewer.get("/api/v1/rotas/" + "x".repeat(61) + "/on-call").status()).isEqualTo(404);

        JsonNode shifts = viewer.get("/api/v1/rotas/" + key + "/shifts?from=2027-01-04T00:00:00Z&to=2027-01-06T00:00:00Z").json();
        assertThat(shifts.size()).isEqualTo(2);
        assertThat(shifts.get(0).get("start").asString()).isEqualTo("2027-01-04T07:00:00Z");
        assertThat(shifts.get(0).get("end").asString()).isEqualTo("2027-01-05T00:00:00Z");
        assertThat(shifts.get(0).get("override").asBoolean()).isFalse();
        assertThat(viewer.get("/api/v1/rotas").json().toString()).contains(key);
    }

    @Test
    void anOverrideTakesOverItsSpanAndCanBeRemoved() {
        String key = "swap-" + s;
        assertThat(manager.post("/api/v1/rotas", rota(key, "Europe/London")).status()).isEqualTo(201);
        Response o = engineer.post("/api/v1/rotas/" + key + "/overrides",
            "{\"user\":\"" + ben + "\",\"start\":\"2027-01-05T18:00:00Z\",\"end\":\"2027-01-06T00:00:00Z\"}");
        assertThat(o.status()).as(o.body()).isEqualTo(201);
        JsonNode at = viewer.get("/api/v1/rotas/" + key + "/on-call?at=2027-01-05T19:00:00Z").json();
        assertThat(at.get("users").get(0).asString()).isEqualTo(ben);
        assertThat(at.get("layer").asString()).isEqualTo("override");
        JsonNode shifts = viewer.get("/api/v1/rotas/" + key + "/shifts?from=2027-01-05T07:00:00Z&to=2027-01-06T00:00:00Z").json();
        assertThat(shifts.size()).isEqualTo(2);
        assertThat(shifts.get(1).get("user").asString()).isEqualTo(ben);
        assertThat(shifts.get(1).get("override").asBoolean()).isTrue();
        assertThat(viewer.post("/api/v1/rotas/" + key + "/overrides", "{}").status()).as("a viewer may not").isEqualTo(403);
        long id = o.json().get("id").asLong();
        assertThat(engineer.delete("/api/v1/rotas/" + key + "/overrides/" + id).status()).isEqualTo(204);
        assertThat(viewer.get("/api/v1/rotas/" + key + "/on-call?at=2027-01-05T19:00:00Z").json().get("users").get(0).asString())
            .isEqualTo(asha);
    }

    @Test
    void aStaleReplaceIsRefusedAndAFreshOneIsKept() {
        String key = "put-" + s;
        Response created = manager.post("/api/v1/rotas", rota(key, "Europe/London"));
        String etag = created.header("ETag");
        Response first = manager.send("PUT", "/api/v1/rotas/" + key, rota(key, "Europe/London").replace("Infrastructure on call", "Renamed"),
            "application/json", Map.of("If-Match", etag));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        Response stale = manager.send("PUT", "/api/v1/rotas/" + key, rota(key, "Europe/London"), "application/json", Map.of("If-Match", etag));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(viewer.get("/api/v1/rotas/" + key).json().get("name").asString()).isEqualTo("Renamed");
        assertThat(engineer.put("/api/v1/rotas/" + key, rota(key, "Europe/London")).status()).as("an engineer may not").isEqualTo(403);
    }

    @Test
    void everyFieldOutOfRangeIsRefusedWithItsName() {
        String bad = """
            {"key":"Bad Key","name":"","zone":"Mars/Olympus","layers":[
              {"members":["nobody-%s"],"rotation":"fortnightly","handoff":"2027-13-01T09:00",
               "restrictions":[{"days":["FUNDAY"],"from":"25:00","to":"07:00"}]},
              {"members":["%s"],"rotation":"hours","hours":0,"handoff":"1999-12-31T09:00"}]}""".formatted(s, asha);
        Response r = manager.post("/api/v1/rotas", bad);
        assertThat(r.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("key", "name", "zone", "layers[0].members[0]", "layers[0].rotation", "layers[0].handoff",
            "layers[0].restrictions[0].days", "layers[0].restrictions[0].from", "layers[1].hours", "layers[1].handoff");
        String key = "ok-" + s;
        assertThat(manager.post("/api/v1/rotas", rota(key, "Europe/London")).status()).isEqualTo(201);
        assertThat(manager.post("/api/v1/rotas", rota(key, "Europe/London")).status()).as("duplicate key").isEqualTo(409);
        assertThat(viewer.get("/api/v1/rotas/" + key + "/on-call?at=yesterday").status()).isEqualTo(422);
        assertThat(viewer.get("/api/v1/rotas/" + key + "/shifts?from=2027-01-01T00:00:00Z&to=2029-01-01T00:00:00Z").status())
            .as("more than 400 days").isEqualTo(422);
        assertThat(viewer.get("/api/v1/rotas/" + key + "/load?month=2027-13").status()).isEqualTo(422);
        Response backwards = engineer.post("/api/v1/rotas/" + key + "/overrides",
            "{\"user\":\"" + ben + "\",\"start\":\"2027-01-06T00:00:00Z\",\"end\":\"2027-01-05T00:00:00Z\"}");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.body()).contains("\"end\"");
        assertThat(viewer.get("/api/v1/rotas/no-such-" + s).status()).isEqualTo(404);
        // Weekday evenings plus whole weekends: 00:00–24:00 is a whole day, 09:00–09:00 is nothing.
        Response weekends = manager.post("/api/v1/rotas", rota("we-" + s, "Europe/London").replace(
            "[{\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],\"from\":\"07:00\",\"to\":\"24:00\"}]",
            "[{\"days\":[\"MONDAY\",\"FRIDAY\"],\"from\":\"17:00\",\"to\":\"24:00\"},{\"days\":[\"SATURDAY\",\"SUNDAY\"],\"from\":\"00:00\",\"to\":\"24:00\"}]"));
        assertThat(weekends.status()).as(weekends.body()).isEqualTo(201);
        assertThat(viewer.get("/api/v1/rotas/we-" + s + "/on-call?at=2027-01-09T03:00:00Z").json().get("users").size())
            .as("Saturday 03:00 is covered").isEqualTo(1);
        Response nothing = manager.post("/api/v1/rotas", rota("nil-" + s, "Europe/London").replace("\"from\":\"07:00\",\"to\":\"24:00\"",
            "\"from\":\"09:00\",\"to\":\"09:00\""));
        assertThat(nothing.status()).isEqualTo(422);
        assertThat(nothing.body()).contains("layers[0].restrictions[0].to");
    }

    @Test
    void theMonthlyLoadCountsHoursOnCallAndThoseOutsideOfficeHours() {
        String key = "load-" + s;
        assertThat(manager.post("/api/v1/rotas", rota(key, "Europe/London")).status()).isEqualTo(201);
        JsonNode load = viewer.get("/api/v1/rotas/" + key + "/load?month=2027-02").json();
        // February 2027 (GMT all month): 28 days of 17 hours, asha the weeks from 1, 15 Feb (07:00 hand-offs), ben 8, 22 Feb.
        JsonNode a = load.get(0).get("user").asString().equals(asha) ? load.get(0) : load.get(1);
        JsonNode b = a == load.get(0) ? load.get(1) : load.get(0);
        assertThat(a.get("hoursOnCall").decimalValue().add(b.get("hoursOnCall").decimalValue())).isEqualByComparingTo("476.00");
        assertThat(a.get("hoursOnCall").decimalValue()).isEqualByComparingTo("238.00");
        // Office hours are Mon–Fri 09:00–17:00 (no bank holiday in February 2027): 10 weekdays × 8 hours each.
        assertThat(a.get("hoursOutOfOfficeHours").decimalValue()).isEqualByComparingTo("158.00");
        assertThat(a.get("pages").asLong()).isZero();
    }

    @Test
    void theRotaAndPersonalFeedsAreICalendarReadWithAFeedTokenOnly() throws Exception {
        String key = "feed-" + s;
        assertThat(manager.post("/api/v1/rotas", rota(key, "Europe/London")).status()).isEqualTo(201);
        ApiClient ashaClient = ApiClient.basic(port, asha, ApiClient.PASSWORD);
        String token = ashaClient.post("/api/v1/feed-tokens", "{\"name\":\"Phone\"}").json().get("token").asString();
        Response feed = ApiClient.anonymous(port).get("/api/v1/rotas/" + key + "/calendar.ics?feed=" + token);
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        assertThat(feed.header("Content-Type")).startsWith("text/calendar");
        Calendar cal = new CalendarBuilder().build(new StringReader(feed.body()));
        List<VEvent> events = cal.getComponents("VEVENT");
        assertThat(events).isNotEmpty();
        Response mine = ApiClient.anonymous(port).get("/api/v1/users/" + asha + "/on-call.ics?feed=" + token);
        assertThat(mine.status()).isEqualTo(200);
        List<VEvent> myEvents = new CalendarBuilder().build(new StringReader(mine.body())).getComponents("VEVENT");
        assertThat(myEvents).isNotEmpty().allMatch(e -> e.getSummary().getValue().startsWith("On call:"));
        assertThat(ApiClient.anonymous(port).get("/api/v1/rotas/" + key + "/calendar.ics").status()).as("no token").isEqualTo(401);
        assertThat(ApiClient.anonymous(port).get("/api/v1/rotas/" + key + "/calendar.ics?feed=wrong").status()).isEqualTo(401);
        assertThat(ApiClient.anonymous(port).get("/api/v1/rotas/" + key + "?feed=" + token).status())
            .as("a feed token opens the feeds only").isEqualTo(401);
    }
}
