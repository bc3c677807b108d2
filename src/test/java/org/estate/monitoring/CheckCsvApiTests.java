package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Checks in and out as CSV: the dry run, every bad row named by row and cell, all or nothing, and an export that re-imports unchanged without its secrets. */
@EstateTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckCsvApiTests {

    @LocalServerPort
    int port;
    ApiClient eng;
    String s;
    long ci;

    @BeforeAll
    void estate() {
        s = UUID.randomUUID().toString().substring(0, 6);
        eng = ApiClient.as(port, "chkcsv.eng", "engineer");
        ci = eng.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"libraries-" + s + "\"}").json().get("id").asLong();
    }

    private Response importCsv(String csv, boolean dryRun) {
        return eng.post("/api/v1/checks/import" + (dryRun ? "?dryRun=true" : ""), csv, "text/csv");
    }

    private long count() {
        return eng.get("/api/v1/checks?q=" + s).json().get("total").asLong();
    }

    @Test
    void aFileIsCheckedThenImportedAllOrNothingAndItsExportReImportsUnchanged() {
        String secret = "csv-secret-" + UUID.randomUUID();
        String good = "name,type,ci,interval_seconds,failure_threshold,target\n"
            + "Library web " + s + ",http," + ci + ",30,2,\"{\"\"url\"\":\"\"http://127.0.0.1:9/\"\",\"\"username\"\":\"\"u\"\",\"\"password\"\":\"\"" + secret + "\"\"}\"\n"
            + "Library db " + s + ",tcp,application:libraries-" + s + ",,,\"{\"\"host\"\":\"\"db\"\",\"\"port\"\":5432}\"\n";
        Response dry = importCsv(good, true);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("created").asInt()).isEqualTo(2);
        assertThat(dry.body()).doesNotContain(secret);
        assertThat(count()).as("a dry run writes nothing").isZero();

        // One bad row among good ones: nothing is written, and every problem is named by row and cell.
        String bad = good
            + "Library dns " + s + ",smoke,,5,x,{}\n"
            + "Library db " + s + ",tcp,999999999,,,\"{\"\"host\"\":\"\"db\"\",\"\"port\"\":70000}\"\n"
            + "No target " + s + ",tcp,,,,not json\n";
        Response rejected = importCsv(bad, false);
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
        JsonNode errors = rejected.json().get("errors");
        assertThat(errors.toString()).contains("\"row\":4").contains("\"cell\":\"B4\"").contains("\"cell\":\"E4\"")
            .contains("\"row\":5").contains("\"cell\":\"A5\"").contains("already on row 3")
            .contains("\"row\":6").contains("\"cell\":\"F6\"");
        assertThat(count()).as("all or nothing").isZero();

        Response imported = importCsv(good, false);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("created").asInt()).isEqualTo(2);
        JsonNode web = eng.get("/api/v1/checks?q=Library+web+" + s).json().get("items").get(0);
        assertThat(web.get("intervalSeconds").asInt()).isEqualTo(30);
        assertThat(web.get("failureThreshold").asInt()).isEqualTo(2);
        assertThat(web.get("secretsSet").get(0).asString()).isEqualTo("password");
        assertThat(eng.get("/api/v1/checks?q=Library+db+" + s).json().get("items").get(0).get("ci").asLong()).isEqualTo(ci);

        Response export = eng.get("/api/v1/checks/export?q=" + s);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("text/csv");
        assertThat(export.body()).startsWith("name,type,ci,interval_seconds,failure_threshold,target").contains("Library web " + s)
            .doesNotContain(secret);
        assertThat(eng.get("/api/v1/checks/export?excel=true&q=" + s).body()).startsWith("\uFEFF");
        Response again = importCsv(export.body(), true);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("unchanged").asInt()).as(again.body()).isEqualTo(2);
        assertThat(importCsv(export.body(), false).json().get("unchanged").asInt()).isEqualTo(2);
        long id = web.get("id").asLong();
        assertThat(eng.get("/api/v1/checks/" + id).json().get("secretsSet").get(0).asString()).as("the secret is kept").isEqualTo("password");

        Response update = importCsv("name,type,interval_seconds\nLibrary web " + s + ",http,120\n", false);
        assertThat(update.json().get("updated").asInt()).isEqualTo(1);
        assertThat(eng.get("/api/v1/checks/" + id).json().get("intervalSeconds").asInt()).isEqualTo(120);

        Response header = importCsv("nam,type\nx,tcp\n", false);
        assertThat(header.status()).isEqualTo(422);
        assertThat(header.body()).contains("Did you mean name");
        assertThat(ApiClient.as(port, "chkcsv.viewer", "viewer").post("/api/v1/checks/import", good, "text/csv").status()).isEqualTo(403);
    }
}
