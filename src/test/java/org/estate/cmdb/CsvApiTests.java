package org.estate.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** CSV import and export through real HTTP: upsert, all-or-nothing with row errors, exact round trip. */
@EstateTest
class CsvApiTests {

    static final String HEADER = "class,name,status,criticality,owner,description,endOfLife,endOfSupport,tags,hostname,ipAddress,cpuCores,engine,port\n";

    @LocalServerPort
    int port;
    ApiClient engineer;
    String s;

    @BeforeEach
    void setUp() {
        engineer = ApiClient.as(port, "csv.engineer", "engineer");
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    private Response importCis(String csv) {
        return engineer.post("/api/v1/cis/import", csv, "text/csv");
    }

    private String sample() {
        return HEADER
            + "server,csv-host-%s,live,high,Platforms,\"Rack 4, \"\"blue\"\" row\nsecond line\",2030-01-31,,dc1;vmware,h1.local,10.1.2.3,16,,\n".formatted(s)
            + "database,csv-db-%s,planned,critical,DBA,,,,,,,,postgresql,5432\n".formatted(s)
            + "site,csv-site-%s,live,low,,Town hall,,,,,,,,\n".formatted(s);
    }

    @Test
    void importsUpsertsAndCountsUnchanged() {
        Response first = importCis(sample());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("created").asInt()).isEqualTo(3);
        assertThat(first.json().get("updated").asInt()).isZero();

        Response again = importCis(sample());
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(3);
        assertThat(again.json().get("created").asInt()).isZero();

        Response changed = importCis(sample().replace("csv-db-" + s + ",planned", "csv-db-" + s + ",live"));
        assertThat(changed.json().get("updated").asInt()).isEqualTo(1);
        assertThat(changed.json().get("unchanged").asInt()).isEqualTo(2);

        JsonNode host = engineer.get("/api/v1/cis?class=server&q=csv-host-" + s).json().get("items").get(0);
        assertThat(host.get("description").asString()).isEqualTo("Rack 4, \"blue\" row\nsecond line");
        assertThat(host.get("attributes").get("cpuCores").asInt()).isEqualTo(16);
        assertThat(host.get("tags").size()).isEqualTo(2);
        long id = host.get("id").asLong();
        assertThat(engineer.get("/api/v1/cis/" + id + "/history").json().get("items").get(0).get("actor").asString()).isEqualTo("csv.engineer");
    }

    @Test
    void aFileWithBadRowsImportsNothingAndReportsEveryRow() {
        String csv = HEADER
            + "server,bad-ok-%s,live,high,,,,,,,,4,,\n".formatted(s)
            + "server,bad-1-%s,alive,high,,,,,,,300.1.1.1,,,\n".formatted(s)
            + "spaceship,bad-2-%s,live,high,,,,,,,,,,\n".formatted(s)
            + "database,bad-3-%s,live,high,,,,,,,,,db2,\n".formatted(s)
            + "server,bad-ok-%s,live,high,,,,,,,,4,,\n".formatted(s)
            + "site,bad-4-%s,live,high,,,,,,,,,postgresql,\n".formatted(s);
        Response r = importCis(csv);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = r.json().get("errors");
        assertThat(errors.findValuesAsString("column")).contains("status", "ipAddress", "class", "engine", "name");
        // Rows as Excel numbers them: the header is row 1.
        assertThat(errors.findValues("row").stream().map(JsonNode::asInt).distinct().toList()).containsExactly(3, 4, 5, 6, 7);
        assertThat(engineer.get("/api/v1/cis?q=bad-ok-" + s).json().get("total").asInt()).isZero();
    }

    @Test
    void headerProblemsAreRowOneAndRaggedRowsAreReported() {
        Response unknown = importCis("class,name,colour\nsite,x-" + s + ",red\n");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("row").asInt()).isEqualTo(1);
        assertThat(unknown.json().get("errors").get(0).get("column").asString()).isEqualTo("colour");
        assertThat(unknown.json().get("errors").get(0).get("cell").asString()).isEqualTo("C1");
        Response ragged = importCis("class,name,status\nsite,y-" + s + "\n");
        assertThat(ragged.status()).isEqualTo(422);
        assertThat(ragged.json().get("errors").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(importCis("").status()).isEqualTo(422);
        assertThat(engineer.post("/api/v1/cis/import", "class,name\n", "application/json").status()).isEqualTo(415);
        assertThat(ApiClient.as(port, "csv.viewer", "viewer").post("/api/v1/cis/import", "class,name\n", "text/csv").status()).isEqualTo(403);
    }

    @Test
    void exportReimportedChangesNothing() {
        assertThat(importCis(sample()).status()).isEqualTo(200);
        Response export = engineer.get("/api/v1/cis/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("text/csv");
        assertThat(export.body()).startsWith("class,name,status,criticality,owner,description,endOfLife,endOfSupport,tags,");
        assertThat(export.body()).contains("csv-host-" + s).contains("\"Rack 4, \"\"blue\"\" row\nsecond line\"");
        // Other tests add required attributes to some classes, so round-trip the classes this test owns.
        for (String ciClass : new String[] {"server", "database", "site"}) {
            Response reimport = importCis(engineer.get("/api/v1/cis/export?class=" + ciClass).body());
            assertThat(reimport.status()).as(reimport.body()).isEqualTo(200);
            assertThat(reimport.json().get("created").asInt()).isZero();
            assertThat(reimport.json().get("updated").asInt()).isZero();
            assertThat(reimport.json().get("unchanged").asInt()).isGreaterThanOrEqualTo(1);
        }

        Response servers = engineer.get("/api/v1/cis/export?class=server");
        assertThat(servers.body()).contains("server,csv-host-" + s).doesNotContain("database,csv-db-" + s);
        assertThat(servers.body().lines().findFirst().orElseThrow()).doesNotContain("engine");
        assertThat(engineer.get("/api/v1/cis/export?class=spaceship").status()).isEqualTo(422);
    }

    @Test
    void relationshipsImportByNameAndRoundTrip() {
        assertThat(importCis(sample()).status()).isEqualTo(200);
        String csv = "source_class,source_name,type,target_class,target_name,redundancy_group,minimum_up\n"
            + "database,csv-db-%s,runs-on,server,csv-host-%s,,\n".formatted(s, s)
            + "server,csv-host-%s,hosted-at,site,csv-site-%s,sites,1\n".formatted(s, s);
        Response r = engineer.post("/api/v1/relationships/import", csv, "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(2);
        assertThat(engineer.post("/api/v1/relationships/import", csv, "text/csv").json().get("unchanged").asInt()).isEqualTo(2);

        long site = engineer.get("/api/v1/cis?class=site&q=csv-site-" + s).json().get("items").get(0).get("id").asLong();
        long host = engineer.get("/api/v1/cis?class=server&q=csv-host-" + s).json().get("items").get(0).get("id").asLong();
        long db = engineer.get("/api/v1/cis?class=database&q=csv-db-" + s).json().get("items").get(0).get("id").asLong();
        // Each relationship the import made is in the history of both its CIs, as one made on the API is.
        String dbHistory = engineer.get("/api/v1/cis/" + db + "/history").body();
        assertThat(dbHistory).contains("relationship-added", "runs on csv-host-" + s + " (CI " + host + ")");
        assertThat(dbHistory.split("relationship-added", -1)).hasSize(2); // once: the second import changed nothing
        assertThat(engineer.get("/api/v1/cis/" + host + "/history").body())
            .contains("csv-db-" + s + " (CI " + db + ")", "hosted at csv-site-" + s + " (CI " + site + ")");
        assertThat(engineer.get("/api/v1/cis/" + site + "/history").body()).contains("relationship-added", "csv-host-" + s + " (CI " + host + ")");
        assertThat(engineer.get("/api/v1/cis/" + site + "/impact").json().get("impacted").findValuesAsString("name"))
            .contains("csv-host-" + s, "csv-db-" + s);

        Response export = engineer.get("/api/v1/relationships/export");
        assertThat(export.body()).contains("server,csv-host-%s,hosted-at,site,csv-site-%s,sites,1".formatted(s, s));
        Response reimport = engineer.post("/api/v1/relationships/import", export.body(), "text/csv");
        assertThat(reimport.status()).as(reimport.body()).isEqualTo(200);
        assertThat(reimport.json().get("created").asInt()).isZero();
        assertThat(reimport.json().get("updated").asInt()).isZero();
    }

    @Test
    void badRelationshipRowsImportNothing() {
        assertThat(importCis(sample()).status()).isEqualTo(200);
        String csv = "source_class,source_name,type,target_class,target_name,redundancy_group,minimum_up\n"
            + "database,csv-db-%s,uses,site,csv-site-%s,,\n".formatted(s, s)
            + "database,no-such-db-%s,runs-on,server,csv-host-%s,,\n".formatted(s, s)
            + "server,csv-host-%s,loves,site,csv-site-%s,,\n".formatted(s, s)
            + "server,csv-host-%s,hosted-at,server,csv-host-%s,,\n".formatted(s, s)
            + "database,csv-db-%s,backed-up-by,site,csv-site-%s,grp,x\n".formatted(s, s);
        Response r = engineer.post("/api/v1/relationships/import", csv, "text/csv");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").findValues("row").stream().map(JsonNode::asInt).distinct().toList()).containsExactly(3, 4, 5, 6);
        long db = engineer.get("/api/v1/cis?class=database&q=csv-db-" + s).json().get("items").get(0).get("id").asLong();
        assertThat(engineer.get("/api/v1/cis/" + db + "/relationships").json().get("outgoing").size()).isZero();
    }
}
