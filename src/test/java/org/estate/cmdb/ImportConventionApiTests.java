package org.estate.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/**
 * The one CSV convention as Excel users meet it, through real HTTP: headers by label in any case,
 * trailing empty columns, the nearest key suggested, values by label, UK dates, Excel's row numbers,
 * header and row problems in one answer, empty cells keep and (clear) clears, and dry runs of the
 * three imports that write nothing.
 */
@EstateTest
class ImportConventionApiTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    ApiClient engineer;
    String s;

    @BeforeEach
    void setUp() {
        engineer = ApiClient.as(port, "conv.engineer", "engineer");
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    private Response importCis(String csv, boolean dryRun) {
        return engineer.post("/api/v1/cis/import" + (dryRun ? "?dryRun=true" : ""), csv, "text/csv");
    }

    private JsonNode ci(String name) {
        JsonNode items = engineer.get("/api/v1/cis?q=" + name).json().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private long audits() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_entry", Long.class);
    }

    @Test
    void headersByLabelInAnyCaseValuesByLabelAndUkDates() {
        // Labels with odd case and spaces, Excel's empty trailing column, class and enums by label.
        String csv = " CLASS ,Name,  status,Criticality,End of LIFE,end of support,IP address,Hosting,,\r\n"
            + "Physical server,lbl-host-%s,Live,HIGH,31/3/2027,2028-01-09,10.1.1.1,,,\r\n".formatted(s)
            + "application,lbl-app-%s,maintenance,low,01/12/2030,,,SaaS,,\r\n".formatted(s);
        Response r = importCis(csv, false);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(2);
        JsonNode host = ci("lbl-host-" + s);
        assertThat(host.get("class").asString()).isEqualTo("server");
        assertThat(host.get("status").asString()).isEqualTo("live");
        assertThat(host.get("criticality").asString()).isEqualTo("high");
        assertThat(host.get("endOfLife").asString()).isEqualTo("2027-03-31");
        assertThat(host.get("endOfSupport").asString()).isEqualTo("2028-01-09");
        assertThat(host.get("attributes").get("ipAddress").asString()).isEqualTo("10.1.1.1");
        JsonNode app = ci("lbl-app-" + s);
        assertThat(app.get("endOfLife").asString()).isEqualTo("2030-12-01");
        assertThat(app.get("attributes").get("hosting").asString()).isEqualTo("saas");
    }

    @Test
    void headerAndRowProblemsComeTogetherWithExcelRowsAndColumns() {
        long before = engineer.get("/api/v1/cis?size=1").json().get("total").asLong();
        String csv = "class,name,Hostnam,status,endOfLife,tags\n"
            + "server,bad-a-%s,h1,alive,2027-03-31,\n".formatted(s)
            + "\n"
            + "server,\"bad-b-%s\nsecond line\",h2,live,03/31/2027,\n".formatted(s)
            + "spaceship,bad-c-%s,,live,31/02/2027,\n".formatted(s);
        Response r = importCis(csv, false);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = r.json().get("errors");
        JsonNode header = errors.get(0);
        assertThat(header.get("row").asInt()).isEqualTo(1);
        assertThat(header.get("cell").asString()).isEqualTo("C1");
        assertThat(header.get("letter").asString()).isEqualTo("C");
        assertThat(header.get("message").asString()).contains("'Hostnam'").contains("Did you mean hostname (Hostname)?");
        // The first data row is 2; a blank line is a row in Excel too; a quoted line break stays in its row.
        assertThat(find(errors, 2, "status").get("message").asString())
            .contains("Status 'alive'").contains("Live (live)").contains("Retired (retired)");
        assertThat(find(errors, 2, "status").get("cell").asString()).isEqualTo("D2");
        assertThat(find(errors, 4, "endOfLife").get("message").asString())
            .contains("End of life '03/31/2027'").contains("day first");
        assertThat(find(errors, 5, "endOfLife").get("message").asString())
            .contains("'31/02/2027'").contains("2027-03-31 or 31/03/2027");
        assertThat(find(errors, 5, "class").get("message").asString())
            .contains("Class 'spaceship'").contains("Physical server (server)");
        assertThat(find(errors, 5, "class").get("letter").asString()).isEqualTo("A");
        assertThat(engineer.get("/api/v1/cis?size=1").json().get("total").asLong()).isEqualTo(before);

        // The same answer from a dry run.
        Response dry = importCis(csv, true);
        assertThat(dry.status()).isEqualTo(422);
        assertThat(dry.json().get("errors").size()).isEqualTo(errors.size());

        Response twice = importCis("class,name,Name\nsite,x-" + s + ",y\n", false);
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.json().get("errors").get(0).get("message").asString()).contains("column B already names");
        Response stray = importCis("class,name\nsite,x-" + s + ",surprise\n", false);
        assertThat(stray.status()).isEqualTo(422);
        assertThat(stray.json().get("errors").get(0).get("message").asString()).contains("C2 has a value but its column has no header");
    }

    private static JsonNode find(JsonNode errors, int row, String column) {
        for (JsonNode e : errors) {
            if (e.get("row").asInt() == row && column.equals(e.get("column").asString())) {
                return e;
            }
        }
        throw new AssertionError("No error for row " + row + " column " + column + " in " + errors);
    }

    @Test
    void anEmptyCellKeepsTheValueAndTheMarkerClearsIt() {
        Response created = engineer.post("/api/v1/cis", """
            {"class":"server","name":"keep-%s","status":"maintenance","criticality":"high","owner":"Platforms",
             "description":"Rack 4","tags":["dc1"],"attributes":{"hostname":"k1","ipAddress":"10.9.9.9"}}""".formatted(s));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Response r = importCis("class,name,status,criticality,owner,description,tags,hostname,ipAddress\n"
            + "server,keep-%s,,,,(clear),,,(CLEAR)\n".formatted(s), false);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("updated").asInt()).isEqualTo(1);
        JsonNode ci = ci("keep-" + s);
        assertThat(ci.get("status").asString()).isEqualTo("maintenance");
        assertThat(ci.get("criticality").asString()).isEqualTo("high");
        assertThat(ci.get("owner").asString()).isEqualTo("Platforms");
        assertThat(ci.get("tags").get(0).asString()).isEqualTo("dc1");
        assertThat(ci.get("attributes").get("hostname").asString()).isEqualTo("k1");
        assertThat(ci.has("description") && !ci.get("description").isNull()).isFalse();
        assertThat(ci.get("attributes").has("ipAddress")).isFalse();

        Response status = importCis("class,name,status\nserver,keep-%s,(clear)\n".formatted(s), false);
        assertThat(status.status()).isEqualTo(422);
        assertThat(status.json().get("errors").get(0).get("message").asString()).contains("Status cannot be cleared");
    }

    @Test
    void anExportReimportedChangesNothingEvenWhereAValueReadsLikeTheMarker() {
        Response created = engineer.post("/api/v1/cis", """
            {"class":"site","name":"marker-%s","owner":"(clear)","description":"=SUM(A1)"}""".formatted(s));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String export = engineer.get("/api/v1/cis/export?class=site&q=marker-" + s).body();
        assertThat(export).contains("'(clear)").contains("'=SUM(A1)");
        Response dry = importCis(export, true);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("unchanged").asInt()).isEqualTo(1);
        assertThat(dry.json().get("updated").asInt()).isZero();
        Response real = importCis(export, false);
        assertThat(real.json().get("unchanged").asInt()).isEqualTo(1);
        assertThat(ci("marker-" + s).get("owner").asString()).isEqualTo("(clear)");
    }

    @Test
    void aDryRunShowsEveryChangeFieldByFieldAndWritesNothing() {
        assertThat(importCis("class,name,owner,cpuCores\nserver,dry-a-%s,Platforms,4\nserver,dry-b-%s,DBA,8\n".formatted(s, s), false)
            .status()).isEqualTo(200);
        long total = engineer.get("/api/v1/cis?size=1").json().get("total").asLong();
        long audits = audits();
        String csv = "class,name,owner,cpuCores,status\n"
            + "server,dry-a-%s,Networks,,\n".formatted(s)
            + "server,dry-b-%s,,,\n".formatted(s)
            + "server,dry-c-%s,,16,retired\n".formatted(s);
        Response r = importCis(csv, true);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("created").asInt()).isEqualTo(1);
        assertThat(body.get("updated").asInt()).isEqualTo(1);
        assertThat(body.get("unchanged").asInt()).isEqualTo(1);
        JsonNode changes = body.get("changes");
        assertThat(changes).hasSize(3);
        JsonNode update = changes.get(0);
        assertThat(update.get("row").asInt()).isEqualTo(2);
        assertThat(update.get("class").asString()).isEqualTo("server");
        assertThat(update.get("name").asString()).isEqualTo("dry-a-" + s);
        assertThat(update.get("action").asString()).isEqualTo("update");
        assertThat(update.get("fields").get("owner").get("from").asString()).isEqualTo("Platforms");
        assertThat(update.get("fields").get("owner").get("to").asString()).isEqualTo("Networks");
        assertThat(update.get("fields").has("cpuCores")).isFalse();
        assertThat(changes.get(1).get("action").asString()).isEqualTo("unchanged");
        assertThat(changes.get(1).get("fields").size()).isZero();
        JsonNode create = changes.get(2);
        assertThat(create.get("action").asString()).isEqualTo("create");
        assertThat(create.get("fields").get("status").get("to").asString()).isEqualTo("retired");
        assertThat(create.get("fields").get("cpuCores").get("to").asInt()).isEqualTo(16);
        assertThat(create.get("fields").get("status").get("from").isNull()).isTrue();
        // Nothing written: no CI, no change, no audit entry.
        assertThat(engineer.get("/api/v1/cis?size=1").json().get("total").asLong()).isEqualTo(total);
        assertThat(ci("dry-a-" + s).get("owner").asString()).isEqualTo("Platforms");
        assertThat(audits()).isEqualTo(audits);
        assertThat(ApiClient.as(port, "conv.viewer", "viewer").post("/api/v1/cis/import?dryRun=true", csv, "text/csv").status())
            .isEqualTo(403);
    }

    @Test
    void relationshipsByLabelWithADryRunThatWritesNothing() {
        assertThat(importCis("class,name\nserver,rel-host-%s\ndatabase,rel-db-%s\n".formatted(s, s), false).status()).isEqualTo(200);
        long audits = audits();
        String csv = "Source class,Source name,TYPE,Target class,Target name,Redundancy group,Minimum up,\n"
            + "Database,rel-db-%s,Runs on,Physical server,rel-host-%s,,,\n".formatted(s, s);
        Response dry = engineer.post("/api/v1/relationships/import?dryRun=true", csv, "text/csv");
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("created").asInt()).isEqualTo(1);
        JsonNode change = dry.json().get("changes").get(0);
        assertThat(change.get("row").asInt()).isEqualTo(2);
        assertThat(change.get("class").asString()).isEqualTo("runs-on");
        assertThat(change.get("action").asString()).isEqualTo("create");
        assertThat(change.get("fields").get("target").get("to").asString()).isEqualTo("server:rel-host-" + s);
        long db = ci("rel-db-" + s).get("id").asLong();
        assertThat(engineer.get("/api/v1/cis/" + db + "/relationships").json().get("outgoing").size()).isZero();
        assertThat(audits()).isEqualTo(audits);

        assertThat(engineer.post("/api/v1/relationships/import", csv, "text/csv").json().get("created").asInt()).isEqualTo(1);
        Response again = engineer.post("/api/v1/relationships/import?dryRun=true", csv, "text/csv");
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(1);

        Response bad = engineer.post("/api/v1/relationships/import?dryRun=true",
            "source_class,source_name,tpye,target_class,target_name\ndatabase,rel-db-%s,loves,server,rel-host-%s\n".formatted(s, s),
            "text/csv");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").get(0).get("message").asString()).contains("Did you mean type (Type)?");
    }

    @Test
    void incidentsReadTheSameWayWithADryRunAndAByteOrderMark() {
        ApiClient manager = ApiClient.as(port, "conv.manager", "manager");
        long before = manager.get("/api/v1/incidents?size=1").json().get("total").asLong();
        long audits = audits();
        String csv = "Title,IMPACT,Urgency,Opened at,Resolved at,\r\n"
            + "Mail queue %s,High,low,02/11/2026 09:00,2026-11-02T12:00:00Z,\r\n".formatted(s);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] bytes = concat(bom, csv.getBytes(StandardCharsets.UTF_8));
        Response dry = manager.post("/api/v1/incidents/import?dryRun=true", bytes, "text/csv");
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("created").asInt()).isEqualTo(1);
        JsonNode change = dry.json().get("changes").get(0);
        assertThat(change.get("row").asInt()).isEqualTo(2);
        assertThat(change.get("class").asString()).isEqualTo("incident");
        assertThat(change.get("name").asString()).isEqualTo("Mail queue " + s);
        assertThat(change.get("fields").get("impact").get("to").asString()).isEqualTo("high");
        assertThat(change.get("fields").get("priority").get("to").asString()).isEqualTo("P3");
        // 09:00 in London on 2 November is 09:00 UTC (GMT).
        assertThat(change.get("fields").get("opened_at").get("to").asString()).isEqualTo("2026-11-02T09:00:00Z");
        assertThat(manager.get("/api/v1/incidents?size=1").json().get("total").asLong()).isEqualTo(before);
        assertThat(audits()).isEqualTo(audits);

        Response real = manager.post("/api/v1/incidents/import", bytes, "text/csv");
        assertThat(real.status()).as(real.body()).isEqualTo(200);
        assertThat(manager.get("/api/v1/incidents?q=" + s).json().get("items").get(0).get("title").asString())
            .isEqualTo("Mail queue " + s);

        Response bad = manager.post("/api/v1/incidents/import?dryRun=true",
            "title,impact,urgency,opened_at,colour\nX,severe,low,11/30/2026 09:00,red\n", "text/csv");
        assertThat(bad.status()).isEqualTo(422);
        List<String> messages = bad.json().get("errors").findValuesAsString("message");
        assertThat(messages).anyMatch(m -> m.startsWith("Unknown column 'colour'"));
        assertThat(messages).anyMatch(m -> m.contains("Impact 'severe' is not one of: High (high), Medium (medium), Low (low)"));
        assertThat(messages).anyMatch(m -> m.contains("Opened at '11/30/2026 09:00'") && m.contains("day first"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
