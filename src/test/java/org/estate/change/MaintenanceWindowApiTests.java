package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Maintenance windows through real HTTP: one-off and recurring (RRULE in a zone, expanded by
 * ical4j), 422 per field, If-Match, audited; and the instants of recurring windows across the
 * clock changes of Europe/London, read back through the maintenance question.
 */
@EstateTest
class MaintenanceWindowApiTests {

    @LocalServerPort
    int port;

    private static String recurring(String name, long ci, String rrule, String startTime, int minutes, String from) {
        return """
            {"name":"%s","cis":[%d],"rrule":"%s","zone":"Europe/London","startTime":"%s","durationMinutes":%d%s}"""
            .formatted(name, ci, rrule, startTime, minutes, from == null ? "" : ",\"from\":\"" + from + "\"");
    }

    /** The maintenance entry for this CI at this instant, or null. */
    private JsonNode inMaintenance(ApiClient who, long ci, String at) {
        Response r = who.get("/api/v1/maintenance?at=" + at);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode c : r.json().get("cis")) {
            if (c.get("id").asLong() == ci) {
                return c;
            }
        }
        return null;
    }

    @Test
    void anEngineerDefinesWindowsEveryoneReadsThemAndEditsNeedIfMatch() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "mw-vm", null);
        ApiClient viewer = ApiClient.as(port, "mw.viewer", "viewer");
        String oneOff = "{\"name\":\"Storage move " + f.s + "\",\"cis\":[" + vm + "],\"start\":\"2045-01-10T20:00:00Z\",\"end\":\"2045-01-11T02:00:00Z\"}";
        assertThat(viewer.post("/api/v1/maintenance-windows", oneOff).status()).isEqualTo(403);
        Response created = f.engineer.post("/api/v1/maintenance-windows", oneOff);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/v1/maintenance-windows/" + id);
        assertThat(created.json().get("kind").asString()).isEqualTo("one-off");
        Response one = viewer.get("/api/v1/maintenance-windows/" + id);
        assertThat(one.header("ETag")).isEqualTo("\"0\"");
        assertThat(viewer.get("/api/v1/maintenance-windows?ci=" + vm).json().get("items").findValuesAsString("id")).containsExactly(String.valueOf(id));

        String path = "/api/v1/maintenance-windows/" + id;
        assertThat(f.engineer.patch(path, "{\"name\":\"Moved\"}", null).status()).isEqualTo(428);
        assertThat(f.engineer.patch(path, "{\"name\":\"Moved\"}", "\"3\"").status()).isEqualTo(412);
        Response toRecurring = f.engineer.patch(path, "{\"rrule\":\"FREQ=WEEKLY;BYDAY=SU\",\"zone\":\"Europe/London\",\"startTime\":\"02:00\","
            + "\"durationMinutes\":120,\"from\":\"2045-01-01\"}", "\"0\"");
        assertThat(toRecurring.status()).as(toRecurring.body()).isEqualTo(200);
        assertThat(toRecurring.json().get("kind").asString()).isEqualTo("recurring");
        assertThat(toRecurring.json().get("start").isNull()).isTrue();
        assertThat(toRecurring.json().get("rrule").asString()).isEqualTo("FREQ=WEEKLY;BYDAY=SU");
        assertThat(inMaintenance(viewer, vm, "2045-01-08T03:00:00Z")).as("Sunday 8 January 2045, 02:00-04:00 GMT").isNotNull();
        assertThat(inMaintenance(viewer, vm, "2045-01-10T21:00:00Z")).as("the one-off window is gone").isNull();

        assertThat(viewer.delete(path).status()).isEqualTo(403);
        assertThat(f.engineer.delete(path).status()).isEqualTo(204);
        assertThat(viewer.get(path).status()).isEqualTo(404);
        assertThat(inMaintenance(viewer, vm, "2045-01-08T03:00:00Z")).isNull();
        Response audit = ApiClient.adminToken(port).get("/api/v1/audit?entity=maintenance-window&entityId=" + id);
        assertThat(audit.json().get("items").findValuesAsString("action")).containsExactlyInAnyOrder("created", "updated", "deleted");
    }

    @Test
    void badWindowsAreRefusedFieldByField() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "mw-bad", null);
        Response r = f.engineer.post("/api/v1/maintenance-windows", """
            {"name":"","cis":[%d, 999999999],"rrule":"FREQ=SOMETIMES","zone":"Europe/Londres","startTime":"25:00","durationMinutes":0,"from":"07/03/2027"}"""
            .formatted(vm));
        assertThat(r.status()).isEqualTo(422);
        assertThat(FreezeApiTests.fields(r)).containsExactlyInAnyOrder("name", "cis[1]", "rrule", "zone", "startTime", "durationMinutes", "from");
        for (String rule : new String[] {"FREQ=MINUTELY", "FREQ=HOURLY", "FREQ=DAILY;BYHOUR=2,14", "garbage", "FREQ=WEEKLY;BYDAY=XX"}) {
            Response bad = f.engineer.post("/api/v1/maintenance-windows", recurring("Bad", vm, rule, "02:00", 60, null));
            assertThat(bad.status()).as(rule).isEqualTo(422);
            assertThat(FreezeApiTests.fields(bad)).as(rule).containsExactly("rrule");
        }
        Response tooLong = f.engineer.post("/api/v1/maintenance-windows", recurring("Long", vm, "FREQ=WEEKLY", "02:00", 7 * 24 * 60 + 1, null));
        assertThat(FreezeApiTests.fields(tooLong)).containsExactly("durationMinutes");
        Response backwards = f.engineer.post("/api/v1/maintenance-windows",
            "{\"name\":\"B\",\"cis\":[" + vm + "],\"start\":\"2045-01-11T02:00:00Z\",\"end\":\"2045-01-10T20:00:00Z\"}");
        assertThat(FreezeApiTests.fields(backwards)).containsExactly("end");
        Response both = f.engineer.post("/api/v1/maintenance-windows",
            "{\"name\":\"B\",\"cis\":[" + vm + "],\"start\":\"2045-01-10T02:00:00Z\",\"end\":\"2045-01-11T02:00:00Z\",\"rrule\":\"FREQ=DAILY\"}");
        assertThat(both.status()).isEqualTo(422);
        Response noCis = f.engineer.post("/api/v1/maintenance-windows", "{\"name\":\"B\",\"start\":\"2045-01-10T02:00:00Z\",\"end\":\"2045-01-11T02:00:00Z\"}");
        assertThat(FreezeApiTests.fields(noCis)).containsExactly("cis");
    }

    @Test
    void sundayWindowsLandOnTheRightInstantsAcrossTheClockChanges() {
        ChangeFixture f = new ChangeFixture(port);
        long one = f.ci("virtual-machine", "mw-dst-1", null);
        long two = f.ci("virtual-machine", "mw-dst-2", null);
        long gap = f.ci("virtual-machine", "mw-dst-gap", null);
        assertThat(f.engineer.post("/api/v1/maintenance-windows", recurring("Sunday 01:00", one, "FREQ=WEEKLY;BYDAY=SU", "01:00", 60,
            "2027-03-01")).status()).isEqualTo(201);
        assertThat(f.engineer.post("/api/v1/maintenance-windows", recurring("Sunday 02:00", two, "FREQ=WEEKLY;BYDAY=SU", "02:00", 120,
            "2027-03-01")).status()).isEqualTo(201);
        // 01:30 on 28 March 2027 does not exist in London (01:00 GMT jumps to 02:00 BST): it moves on by the gap, to 01:30 UTC.
        assertThat(f.engineer.post("/api/v1/maintenance-windows", recurring("Last Sunday of March 01:30", gap,
            "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "01:30", 30, "2027-01-01")).status()).isEqualTo(201);
        ApiClient viewer = ApiClient.as(port, "mw.viewer", "viewer");

        // 21 March (GMT): 01:00-02:00 UTC and 02:00-04:00 UTC.
        assertThat(inMaintenance(viewer, one, "2027-03-21T01:30:00Z").get("until").asString()).isEqualTo("2027-03-21T02:00:00Z");
        assertThat(inMaintenance(viewer, one, "2027-03-21T00:30:00Z")).isNull();
        assertThat(inMaintenance(viewer, two, "2027-03-21T03:30:00Z").get("until").asString()).isEqualTo("2027-03-21T04:00:00Z");
        // 28 March, spring forward: 01:00 London does not exist, so the window starts at 02:00 BST (01:00 UTC);
        // 02:00 BST is 01:00 UTC, for 120 minutes of elapsed time.
        assertThat(inMaintenance(viewer, one, "2027-03-28T01:30:00Z").get("until").asString()).isEqualTo("2027-03-28T02:00:00Z");
        assertThat(inMaintenance(viewer, one, "2027-03-28T00:30:00Z")).isNull();
        assertThat(inMaintenance(viewer, two, "2027-03-28T01:00:00Z").get("until").asString()).isEqualTo("2027-03-28T03:00:00Z");
        assertThat(inMaintenance(viewer, two, "2027-03-28T03:00:00Z")).isNull();
        assertThat(inMaintenance(viewer, two, "2027-03-28T00:59:59Z")).isNull();
        assertThat(inMaintenance(viewer, gap, "2027-03-28T01:45:00Z").get("until").asString()).isEqualTo("2027-03-28T02:00:00Z");
        assertThat(inMaintenance(viewer, gap, "2027-03-28T01:15:00Z")).isNull();
        // 4 April (BST): 00:00-01:00 UTC and 01:00-03:00 UTC.
        assertThat(inMaintenance(viewer, one, "2027-04-04T00:30:00Z").get("until").asString()).isEqualTo("2027-04-04T01:00:00Z");
        assertThat(inMaintenance(viewer, one, "2027-04-04T01:30:00Z")).isNull();
        assertThat(inMaintenance(viewer, two, "2027-04-04T01:00:00Z").get("until").asString()).isEqualTo("2027-04-04T03:00:00Z");
        // 31 October, fall back: 01:00 London happens twice; the window takes the first (BST, 00:00 UTC).
        // 02:00 London is after the repeat: 02:00 GMT.
        assertThat(inMaintenance(viewer, one, "2027-10-31T00:30:00Z").get("until").asString()).isEqualTo("2027-10-31T01:00:00Z");
        assertThat(inMaintenance(viewer, one, "2027-10-31T01:30:00Z")).isNull();
        assertThat(inMaintenance(viewer, two, "2027-10-31T01:30:00Z")).isNull();
        assertThat(inMaintenance(viewer, two, "2027-10-31T02:00:00Z").get("until").asString()).isEqualTo("2027-10-31T04:00:00Z");
        // 7 November (GMT) again.
        assertThat(inMaintenance(viewer, one, "2027-11-07T01:00:00Z").get("until").asString()).isEqualTo("2027-11-07T02:00:00Z");
        assertThat(inMaintenance(viewer, two, "2027-11-07T03:59:00Z").get("until").asString()).isEqualTo("2027-11-07T04:00:00Z");
        // Before its from date there is nothing.
        assertThat(inMaintenance(viewer, one, "2027-02-28T01:30:00Z")).isNull();
    }

    @Test
    void aRuleStartsOnTheDayItIsCreatedInItsZoneAndItsNextOccurrenceIsShown() {
        ChangeFixture f = new ChangeFixture(port);
        long vm = f.ci("virtual-machine", "mw-from", null);
        try {
            // 23:30 UTC on 1 June is 00:30 on 2 June in London: the rule starts on 2 June.
            TestClock.set("2046-06-01T23:30:00Z");
            Response created = f.engineer.post("/api/v1/maintenance-windows", recurring("Daily 00:15", vm, "FREQ=DAILY", "00:15", 30, null));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().get("from").asString()).isEqualTo("2046-06-02");
            assertThat(created.json().get("next").asString()).as("00:15 BST on 2 June, still running").isEqualTo("2046-06-01T23:15:00Z");
            TestClock.set("2046-06-01T23:50:00Z");
            assertThat(f.engineer.get("/api/v1/maintenance-windows/" + created.json().get("id").asLong()).json().get("next").asString())
                .isEqualTo("2046-06-02T23:15:00Z");
        } finally {
            TestClock.reset();
        }
    }
}
