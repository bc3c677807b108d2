package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The historical import from the old tool: SLA evaluated on history, holds counted, all or nothing. */
@EstateTest
class IncidentImportApiTests {

    static final String HEADER = "title,impact,urgency,opened_at,responded_at,resolved_at,closed_at,hold_intervals,affected_cis\n";

    @LocalServerPort
    int port;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    JsonNode find(ApiClient c, String title) {
        JsonNode items = c.get("/api/v1/incidents?q=" + title).json().get("items");
        assertThat(items).hasSize(1);
        return c.get("/api/v1/incidents/" + items.get(0).get("ref").asString()).json();
    }

    @Test
    void historyIsImportedWithItsSlaEvaluated() {
        TestClock.set("2026-11-20T12:00:00Z");
        ApiClient manager = ApiClient.as(port, "imp.manager", "manager");
        String s = UUID.randomUUID().toString().substring(0, 8);
        long ci = manager.post("/api/v1/cis", "{\"class\":\"server\",\"name\":\"srv-" + s + "\"}").json().get("id").asLong();
        String csv = HEADER
            + "Mail delay a" + s + ",medium,medium,2026-11-02T09:00:00Z,2026-11-02T09:30:00Z,2026-11-05T12:00:00Z,2026-11-06T12:00:00Z,"
            + "2026-11-02T10:00:00Z/2026-11-03T10:00:00Z,server:srv-" + s + "\n"
            + "\"Core switch down, b" + s + "\",high,high,2026-11-10T08:00:00Z,2026-11-10T08:30:00Z,2026-11-10T11:00:00Z,2026-11-10T12:00:00Z,,\n"
            + "Printer queue c" + s + ",low,low,2026-11-19T09:00:00Z,,,,2026-11-19T10:00:00Z/,\n";
        Response r = manager.post("/api/v1/incidents/import", csv, "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(3);

        // P3 on office hours. Held Mon 10:00 → Tue 10:00 = 420 + 60 = 480 business minutes.
        // 1440 to resolve: Mon 09–10 (60), then from Tue 10:00: Tue 420, Wed 480, Thu 480 → Thu 5 Nov 17:00.
        JsonNode a = find(manager, "a" + s);
        assertThat(a.get("status").asString()).isEqualTo("closed");
        assertThat(a.get("imported").asBoolean()).isTrue();
        assertThat(a.get("sla").get("pausedMinutes").asLong()).isEqualTo(480);
        assertThat(a.get("sla").get("resolutionDue").asString()).isEqualTo("2026-11-05T17:00:00Z");
        assertThat(a.get("sla").get("state").asString()).isEqualTo("met");
        assertThat(a.get("affectedCis").get(0).get("id").asLong()).isEqualTo(ci);

        // P1: respond by 08:15 (missed at 08:30), resolve by 12:00 (met at 11:00).
        JsonNode b = find(manager, "b" + s);
        assertThat(b.get("title").asString()).startsWith("Core switch down, ");
        assertThat(b.get("sla").get("responseBreached").asBoolean()).isTrue();
        assertThat(b.get("sla").get("resolutionBreached").asBoolean()).isFalse();
        assertThat(b.get("sla").get("state").asString()).isEqualTo("breached");
        assertThat(manager.get("/api/v1/incidents?size=500&breachedAfter=2026-11-10T08:00:00Z&breachedBefore=2026-11-10T09:00:00Z").body())
            .contains(b.get("ref").asString()).doesNotContain(a.get("ref").asString());

        JsonNode c = find(manager, "c" + s);
        assertThat(c.get("status").asString()).isEqualTo("on-hold");
        // Its resolution clock is paused, but nobody responded within the P4 day (Thu 17:00): holds do not pause response.
        assertThat(c.get("sla").get("resolutionDue").isNull()).isTrue();
        assertThat(c.get("sla").get("responseDue").asString()).isEqualTo("2026-11-19T17:00:00Z");
        assertThat(c.get("sla").get("responseBreached").asBoolean()).isTrue();
        assertThat(c.get("sla").get("pausedMinutes").asLong()).isEqualTo(420 + 180);
    }

    @Test
    void aFileWithBadRowsImportsNothingAndNamesEveryOne() {
        ApiClient manager = ApiClient.as(port, "imp.manager", "manager");
        long before = manager.get("/api/v1/incidents?size=1").json().get("total").asLong();
        String csv = HEADER
            + "Fine,low,low,2026-01-05T09:00:00Z,,,,,\n"
            + ",severe,low,yesterday,,,,,\n"
            + "Bad hold,low,low,2026-01-05T09:00:00Z,,2026-01-05T10:00:00Z,,2026-01-05T11:00:00Z/2026-01-05T12:00:00Z,nope:x\n";
        Response r = manager.post("/api/v1/incidents/import", csv, "text/csv");
        assertThat(r.status()).isEqualTo(422);
        String body = r.body();
        // Rows as Excel numbers them: the header is row 1, the fine row 2.
        assertThat(body).contains("{\"row\":3,\"column\":\"title\"", "{\"row\":3,\"column\":\"impact\"", "{\"row\":3,\"column\":\"opened_at\"",
            "{\"row\":4,\"column\":\"hold_intervals\"", "{\"row\":4,\"column\":\"affected_cis\"");
        assertThat(body).doesNotContain("\"row\":2,");
        assertThat(manager.get("/api/v1/incidents?size=1").json().get("total").asLong()).isEqualTo(before);

        Response header = manager.post("/api/v1/incidents/import", "title,impact\nx,low\n", "text/csv");
        assertThat(header.status()).isEqualTo(422);
        assertThat(header.body()).contains("{\"row\":1,\"column\":\"urgency\"");
        assertThat(ApiClient.as(port, "imp.engineer", "engineer").post("/api/v1/incidents/import", HEADER, "text/csv").status())
            .isEqualTo(403);
    }

    @Test
    void excelsWindows1252IsDecodedAndOtherBytesAreA422NotA500() {
        ApiClient manager = ApiClient.as(port, "imp.manager", "manager");
        String title = "Payroll – £ outage " + java.util.UUID.randomUUID().toString().substring(0, 8);
        byte[] excel = (HEADER + title + ",low,low,2026-01-05T09:00:00Z,,,,,\n").getBytes(java.nio.charset.Charset.forName("windows-1252"));
        Response r = manager.post("/api/v1/incidents/import", excel, "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode items = manager.get("/api/v1/incidents?q=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8))
            .json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("title").asString()).isEqualTo(title);
        byte[] neither = (HEADER + "Bad \u0081 bytes,low,low,2026-01-05T09:00:00Z,,,,,\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Response refused = manager.post("/api/v1/incidents/import", neither, "text/csv");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("UTF-8");
        // Years outside 1 to 9999 are refused, not shifted.
        Response years = manager.post("/api/v1/incidents/import", HEADER + "Far,low,low,+10000-01-05T09:00:00Z,,,,,\n", "text/csv");
        assertThat(years.status()).isEqualTo(422);
        assertThat(years.body()).contains("\"column\":\"opened_at\"");
    }
}
