package org.estate.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The CSV export holds exactly the CIs the list holds for the same filters, whichever filters. */
@EstateTest
class CsvExportFilterApiTests {

    @LocalServerPort
    int port;

    @Test
    void exportedRowsEqualListedRowsForEveryFilterCombination() {
        ApiClient engineer = ApiClient.as(port, "export.engineer", "engineer");
        String s = UUID.randomUUID().toString().substring(0, 8);
        String[] classes = {"server", "database", "site"};
        String[] statuses = {"live", "retired", "planned"};
        String[] criticalities = {"high", "low"};
        int n = 0;
        for (String c : classes) {
            for (String st : statuses) {
                for (String cr : criticalities) {
                    n++;
                    String tags = n % 2 == 0 ? "[\"f-" + s + "\",\"even-" + s + "\"]" : "[\"f-" + s + "\"]";
                    String owner = n % 3 == 0 ? "Team Kestrel " + s : "Team Wren " + s;
                    Response r = engineer.post("/api/v1/cis", """
                        {"class":"%s","name":"flt-%s-%d","status":"%s","criticality":"%s","owner":"%s","tags":%s}"""
                        .formatted(c, s, n, st, cr, owner, tags));
                    assertThat(r.status()).as(r.body()).isEqualTo(201);
                }
            }
        }
        List<String> filters = List.of("tag=f-" + s, "tag=f-" + s + "&class=server", "tag=f-" + s + "&status=retired",
            "tag=f-" + s + "&criticality=high&status=live", "tag=even-" + s, "q=kestrel%20" + s,
            "q=wren%20" + s + "&class=database&criticality=low", "tag=f-" + s + "&class=site&status=planned&criticality=high",
            "q=flt-" + s + "&status=maintenance", "tag=f-" + s + "&status=live&status=retired&sort=-name",
            "tag=f-" + s + "&class=server,site&sort=criticality,-status", "q=flt-" + s + "&sort=owner,-updated");
        for (String filter : filters) {
            JsonNode list = engineer.get("/api/v1/cis?size=200&" + filter).json();
            List<String> listed = new ArrayList<>();
            list.get("items").forEach(ci -> listed.add(ci.get("class").asString() + "," + ci.get("name").asString()));
            Response export = engineer.get("/api/v1/cis/export?" + filter);
            assertThat(export.status()).as(filter).isEqualTo(200);
            List<String> exported = export.body().lines().skip(1).map(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1))).toList();
            assertThat(exported).as(filter).isEqualTo(listed);
        }
        assertThat(engineer.get("/api/v1/cis?size=200&tag=f-" + s).json().get("total").asInt()).isEqualTo(18);
        // A bad filter is refused before anything is streamed: never a cut-off 200.
        assertThat(engineer.get("/api/v1/cis/export?status=alive").status()).isEqualTo(422);
        assertThat(engineer.get("/api/v1/cis/export?class=spaceship").status()).isEqualTo(422);
    }
}
