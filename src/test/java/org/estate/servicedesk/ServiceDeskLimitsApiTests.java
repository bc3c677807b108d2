package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the desk accepts it can honour: SLA targets, calendars and the calendar arithmetic are
 * bounded, and whatever is accepted works (no 500, no endless loop); names and lists have limits.
 */
@EstateTest
class ServiceDeskLimitsApiTests {

    @LocalServerPort
    int port;

    private final String s = UUID.randomUUID().toString().substring(0, 6);

    private static String policy(String name, long response, long resolution, int warning, String calendar) {
        return """
            {"name":"%s","ticketType":"request","calendar":"%s","responseMinutes":%d,"resolutionMinutes":%d,"warningPercent":%d}"""
            .formatted(name, calendar, response, resolution, warning);
    }

    @Test
    void slaTargetsAreBoundedAndTheLongestAcceptedStillOpensTickets() {
        ApiClient manager = ApiClient.as(port, "lim.mgr", "manager");
        String key = "lim-" + s;
        Response absurd = manager.put("/api/v1/sla-policies/" + key, policy("Absurd", 2147483647L, 2147483647L, 75, "office-hours"));
        assertThat(absurd.status()).isEqualTo(422);
        assertThat(absurd.body()).contains("\"responseMinutes\"", "\"resolutionMinutes\"", "525600");
        assertThat(manager.put("/api/v1/sla-policies/" + key, policy("Year and a minute", 60, 525601, 75, "office-hours")).status())
            .isEqualTo(422);
        for (int warning : new int[] {0, 100, -5}) {
            Response bad = manager.put("/api/v1/sla-policies/" + key, policy("Warn", 60, 600, warning, "office-hours"));
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.body()).contains("warningPercent");
        }
        Response longName = manager.put("/api/v1/sla-policies/" + key, policy("N".repeat(201), 60, 600, 75, "office-hours"));
        assertThat(longName.status()).isEqualTo(422);
        assertThat(longName.body()).contains("\"name\"");

        // A calendar open only one hour a week, and the longest target on it: still a ticket with a due time.
        Response cal = manager.post("/api/v1/calendars", """
            {"key":"hour-%s","name":"One hour a week","zone":"Europe/London","hours":{"WEDNESDAY":[{"from":"10:00","to":"11:00"}]}}"""
            .formatted(s));
        assertThat(cal.status()).as(cal.body()).isEqualTo(201);
        Response longest = manager.put("/api/v1/sla-policies/" + key, policy("A year", 525600, 525600, 99, "hour-" + s));
        assertThat(longest.status()).as(longest.body()).isEqualTo(201);
        assertThat(manager.put("/api/v1/catalogue/lim-item-" + s, """
            {"name":"Limits item","team":"service-desk","slaPolicy":"%s","fields":[]}""".formatted(key)).status()).isEqualTo(201);
        Response request = ApiClient.as(port, "lim.alice", "requester").post("/api/v1/requests", "{\"item\":\"lim-item-" + s + "\",\"answers\":{}}");
        assertThat(request.status()).as(request.body()).isEqualTo(201);
        assertThat(request.json().get("sla").get("resolutionDue").asString()).startsWith("2");
    }

    @Test
    void theCalendarArithmeticAnswersEverythingItAccepts() {
        ApiClient manager = ApiClient.as(port, "lim.mgr", "manager");
        Response tooLittle = manager.post("/api/v1/calendars", """
            {"key":"minute-%s","name":"A minute","zone":"Europe/London","hours":{"MONDAY":[{"from":"10:00","to":"10:01"}]}}""".formatted(s));
        assertThat(tooLittle.status()).isEqualTo(422);
        assertThat(tooLittle.body()).contains("\"hours\"", "60 minutes a week");
        manager.post("/api/v1/calendars", """
            {"key":"thin-%s","name":"Thin","zone":"Europe/London","hours":{"MONDAY":[{"from":"10:00","to":"11:00"}]}}""".formatted(s));

        // The documented maximum on the thinnest calendar allowed: a due date about 170 years on.
        Response max = manager.get("/api/v1/calendars/thin-" + s + "/due?start=2026-11-23T09:00:00Z&minutes=525600");
        assertThat(max.status()).as(max.body()).isEqualTo(200);
        assertThat(max.json().get("due").asString()).startsWith("21");
        assertThat(manager.get("/api/v1/calendars/office-hours/due?start=2026-11-23T09:00:00Z&minutes=525600").status()).isEqualTo(200);
        Response over = manager.get("/api/v1/calendars/office-hours/due?start=2026-11-23T09:00:00Z&minutes=525601");
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.body()).contains("minutes");
        Response past9999 = manager.get("/api/v1/calendars/thin-" + s + "/due?start=9990-01-01T00:00:00Z&minutes=525600");
        assertThat(past9999.status()).isEqualTo(422);
        assertThat(past9999.body()).contains("9999-12-31");
        for (String start : new String[] {"%2B10000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "%2B999999999-12-31T23:59:59Z"}) {
            int status = manager.get("/api/v1/calendars/office-hours/due?start=" + start + "&minutes=60").status();
            assertThat(status).as(start).isBetween(400, 422);
        }
        // The widest span accepted is answered (quickly, by whole weeks).
        Response widest = manager.get("/api/v1/calendars/support-hours/elapsed?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z");
        assertThat(widest.status()).as(widest.body()).isEqualTo(200);
        assertThat(widest.json().get("minutes").asLong()).isGreaterThan(3_000_000_000L);
        assertThat(manager.get("/api/v1/incidents?dueBefore=%2B999999999-12-31T23:59:59Z").status()).isBetween(400, 422);
    }

    @Test
    void calendarsTeamsAndCatalogueItemsHaveLimits() {
        ApiClient manager = ApiClient.as(port, "lim.mgr", "manager");
        String many = IntStream.range(0, 25).mapToObj(i -> "{\"from\":\"%02d:00\",\"to\":\"%02d:30\"}".formatted(i % 24, i % 24))
            .collect(Collectors.joining(","));
        Response intervals = manager.post("/api/v1/calendars", """
            {"key":"many-%s","name":"Many","zone":"Europe/London","hours":{"MONDAY":[%s]}}""".formatted(s, many));
        assertThat(intervals.status()).isEqualTo(422);
        assertThat(intervals.body()).contains("At most 24");
        String dates = IntStream.range(0, 1001).mapToObj(i -> "\"" + java.time.LocalDate.of(2030, 1, 1).plusDays(i) + "\"")
            .collect(Collectors.joining(","));
        Response holidays = manager.post("/api/v1/calendars", """
            {"key":"hol-%s","name":"Hol","zone":"Europe/London","hours":{"MONDAY":[{"from":"09:00","to":"17:00"}]},"holidays":[%s]}"""
            .formatted(s, dates));
        assertThat(holidays.status()).isEqualTo(422);
        assertThat(holidays.body()).contains("at most 1000 holidays");
        Response farHoliday = manager.post("/api/v1/calendars", """
            {"key":"far-%s","name":"Far","zone":"Europe/London","hours":{"MONDAY":[{"from":"09:00","to":"17:00"}]},"holidays":["+12345-01-01"]}"""
            .formatted(s));
        assertThat(farHoliday.status()).isEqualTo(422);
        assertThat(farHoliday.body()).contains("holidays[0]");

        Response team = manager.post("/api/v1/teams", "{\"key\":\"t-%s\",\"name\":\"%s\",\"members\":[]}".formatted(s, "T".repeat(201)));
        assertThat(team.status()).isEqualTo(422);
        assertThat(team.body()).contains("\"name\"", "200 characters");
        String members = IntStream.range(0, 501).mapToObj(i -> "\"nobody" + i + "\"").collect(Collectors.joining(","));
        Response crowd = manager.post("/api/v1/teams", "{\"key\":\"c-%s\",\"name\":\"Crowd\",\"members\":[%s]}".formatted(s, members));
        assertThat(crowd.status()).isEqualTo(422);
        assertThat(crowd.json().get("errors").size()).isEqualTo(1);

        String fields = IntStream.range(0, 51).mapToObj(i -> "{\"key\":\"f" + i + "\",\"label\":\"F\",\"type\":\"text\"}")
            .collect(Collectors.joining(","));
        Response item = manager.put("/api/v1/catalogue/big-" + s, "{\"name\":\"Big\",\"fields\":[" + fields + "]}");
        assertThat(item.status()).isEqualTo(422);
        assertThat(item.body()).contains("at most 50 fields");
        Response longKey = manager.put("/api/v1/sla-policies/" + "k".repeat(500), policy("Long key", 60, 600, 75, "office-hours"));
        assertThat(longKey.status()).isEqualTo(422);
        assertThat(manager.get("/api/v1/teams/" + "k".repeat(500)).status()).isEqualTo(404);
    }
}
