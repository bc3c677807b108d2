package org.estate.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every value the API accepts reads back exactly, through GET, the CSV export and a re-import of
 * that export; every value outside the documented ranges is refused with 422 naming the field.
 */
@EstateTest
class TypedValuesApiTests {

    /** Reads numbers as the server wrote them, never through a double. */
    static final JsonMapper EXACT = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @LocalServerPort
    int port;
    ApiClient engineer;
    String s;

    @BeforeEach
    void setUp() {
        engineer = ApiClient.as(port, "values.engineer", "engineer");
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode exact(Response r) {
        return EXACT.readTree(r.body());
    }

    @Test
    void aDecimalOfTwentyDigitsReadsBackAsTheSameDigitsEverywhere() {
        String digits = "12345678901234567890.123456789";
        Response asNumber = engineer.post("/api/v1/cis", """
            {"class":"server","name":"exact-n-%s","attributes":{"cpuCores":%s}}""".formatted(s, digits));
        Response asString = engineer.post("/api/v1/cis", """
            {"class":"server","name":"exact-s-%s","attributes":{"cpuCores":"%s"}}""".formatted(s, digits));
        for (Response created : List.of(asNumber, asString)) {
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Response got = engineer.get("/api/v1/cis/" + created.json().get("id").asLong());
            assertThat(got.body()).contains("\"cpuCores\":" + digits);
            assertThat(exact(got).get("attributes").get("cpuCores").decimalValue().toPlainString()).isEqualTo(digits);
        }
        String csv = engineer.get("/api/v1/cis/export?class=server&q=exact-n-" + s).body();
        assertThat(csv).contains("," + digits);
        // Tiny numbers are written plainly, not as 1E-10.
        Response tiny = engineer.post("/api/v1/cis", """
            {"class":"server","name":"exact-t-%s","attributes":{"cpuCores":0.0000000001}}""".formatted(s));
        assertThat(engineer.get("/api/v1/cis/" + tiny.json().get("id").asLong()).body()).contains("\"cpuCores\":0.0000000001");
    }

    @Test
    void valuesOutsideTheirRangesAreRefusedNamingTheField() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("attributes.cpuCores", "\"attributes\":{\"cpuCores\":\"1e1000\"}");
        cases.put("attributes.memoryGb", "\"attributes\":{\"memoryGb\":1e1000}");
        cases.put("attributes.powerWatts", "\"attributes\":{\"powerWatts\":1e10000000}");
        cases.put("attributes.cpuCores ", "\"attributes\":{\"cpuCores\":\"" + "9".repeat(29) + "\"}");
        cases.put("attributes.cpuCores  ", "\"attributes\":{\"cpuCores\":0.00000000001}");
        cases.put("attributes.cpuCores   ", "\"attributes\":{\"cpuCores\":\"" + "1".repeat(1001) + "\"}");
        cases.put("endOfLife", "\"endOfLife\":\"0000-01-01\"");
        cases.put("endOfSupport", "\"endOfSupport\":\"-999999999-01-01\"");
        cases.put("endOfLife ", "\"endOfLife\":\"+10000-01-01\"");
        cases.put("name", "\"name\":\"" + "n".repeat(201) + "\"");
        cases.put("name ", "\"name\":\"a\\u0000b\"");
        cases.put("owner", "\"owner\":\"" + "o".repeat(201) + "\"");
        cases.put("description", "\"description\":\"" + "d".repeat(4001) + "\"");
        cases.put("description ", "\"description\":\"bad \\ud800 surrogate\"");
        cases.put("attributes.hostname", "\"attributes\":{\"hostname\":\"" + "h".repeat(2001) + "\"}");
        cases.put("tags", "\"tags\":[" + "\"t\",".repeat(2000) + "\"t\"]");
        cases.forEach((field, json) -> {
            String body = "{\"class\":\"server\",\"name\":\"range-" + s + "\"," + json + "}";
            if (json.startsWith("\"name\"")) {
                body = "{\"class\":\"server\"," + json + "}";
            }
            Response r = engineer.post("/api/v1/cis", body);
            assertThat(r.status()).as(field + " " + r.body()).isEqualTo(422);
            assertThat(r.json().get("errors").findValuesAsString("field")).as(r.body()).contains(field.strip());
        });
        // The certificate's date attribute, and a URL past its maximum.
        Response date = engineer.post("/api/v1/cis", "{\"class\":\"certificate\",\"name\":\"c-" + s + "\",\"attributes\":{\"notAfter\":\"0000-12-31\"}}");
        assertThat(date.json().get("errors").findValuesAsString("field")).containsExactly("attributes.notAfter");
        Response url = engineer.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"a-" + s
            + "\",\"attributes\":{\"url\":\"https://example.gov.uk/" + "p".repeat(2000) + "\"}}");
        assertThat(url.json().get("errors").findValuesAsString("field")).containsExactly("attributes.url");
        // A JSON number longer than the parser takes is a 400, never a 500.
        Response long1001 = engineer.post("/api/v1/cis", "{\"class\":\"server\",\"name\":\"l-" + s + "\",\"attributes\":{\"cpuCores\":"
            + "1".repeat(1001) + "}}");
        assertThat(long1001.status()).isBetween(400, 422);
        assertThat(engineer.get("/api/v1/cis?q=range-" + s).json().get("total").asInt()).isZero();
    }

    @Test
    void everyAcceptedValueSurvivesGetExportAndReimportUnchanged() {
        Random random = new Random(42);
        String tag = "rt-" + s;
        List<Long> ids = new ArrayList<>();
        List<String> numbers = new ArrayList<>(List.of("0", "-1", "1e3", "9999999999999999999999999999.9999999999",
            "-9999999999999999999999999999.9999999999", "0.0000000001", "12345678901234567890.123456789", "1.50", "-0.5"));
        for (int i = 0; i < 16; i++) {
            StringBuilder n = new StringBuilder(random.nextBoolean() ? "-" : "");
            n.append(1 + random.nextInt(9));
            for (int d = random.nextInt(28); d > 0; d--) {
                n.append(random.nextInt(10));
            }
            if (random.nextBoolean()) {
                n.append('.');
                for (int d = 1 + random.nextInt(10); d > 0; d--) {
                    n.append(random.nextInt(10));
                }
            }
            numbers.add(n.toString());
        }
        List<String> texts = List.of("=HYPERLINK(\"http://evil\",\"x\")", "+44 20 7946 0000", "-2+3", "@SUM(A1)", "'=already quoted",
            "''-1", "'plain", "café – £12 😀", "comma, \"quote\" and ;semicolon", "multi\nline\r\nwith\ttab", "=", "-", "'");
        String unicodeMax = "é😀".repeat(1333) + "é";
        for (int i = 0; i < numbers.size(); i++) {
            ObjectNode body = EXACT.createObjectNode();
            body.put("class", "server");
            body.put("name", (i % 3 == 0 ? "=" : i % 3 == 1 ? "-" : "'") + "rt " + s + " " + i + " ü😀");
            body.put("owner", i == 0 ? "o".repeat(200) : texts.get(i % texts.size()).replaceAll("\\s", " "));
            body.put("description", i == 1 ? unicodeMax : texts.get((i + 3) % texts.size()));
            body.put("endOfLife", i % 2 == 0 ? "0001-01-01" : "9999-12-31");
            body.putArray("tags").add(tag).add(i % 2 == 0 ? "even" : "odd");
            ObjectNode attributes = body.putObject("attributes");
            attributes.put("cpuCores", numbers.get(i));
            attributes.put("memoryGb", new java.math.BigDecimal(numbers.get((i + 1) % numbers.size())));
            attributes.put("hostname", texts.get((i + 5) % texts.size()));
            Response r = engineer.post("/api/v1/cis", body.toString());
            assertThat(r.status()).as(body + " " + r.body()).isEqualTo(201);
            long id = r.json().get("id").asLong();
            ids.add(id);
            JsonNode got = exact(engineer.get("/api/v1/cis/" + id));
            assertThat(got.get("name").asString()).isEqualTo(body.get("name").asString());
            assertThat(got.get("owner").asString()).isEqualTo(body.get("owner").asString().strip());
            assertThat(got.get("description").asString()).isEqualTo(body.get("description").asString().strip());
            assertThat(got.get("endOfLife").asString()).isEqualTo(body.get("endOfLife").asString());
            assertThat(got.get("attributes").get("cpuCores").decimalValue())
                .isEqualByComparingTo(new java.math.BigDecimal(numbers.get(i)));
            assertThat(got.get("attributes").get("hostname").asString()).isEqualTo(texts.get((i + 5) % texts.size()).strip());
        }
        Map<Long, String> before = new LinkedHashMap<>();
        ids.forEach(id -> before.put(id, engineer.get("/api/v1/cis/" + id).body()));

        Response export = engineer.get("/api/v1/cis/export?tag=" + tag);
        assertThat(export.status()).isEqualTo(200);
        // No cell starts with a character a spreadsheet would run.
        for (String line : export.body().split("\n")) {
            for (String cell : line.split(",")) {
                String c = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(c).as(line).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("+");
            }
        }
        Response reimport = engineer.post("/api/v1/cis/import", export.body(), "text/csv");
        assertThat(reimport.status()).as(reimport.body()).isEqualTo(200);
        assertThat(reimport.json().get("created").asInt()).isZero();
        assertThat(reimport.json().get("updated").asInt()).isZero();
        assertThat(reimport.json().get("unchanged").asInt()).isEqualTo(ids.size());
        before.forEach((id, json) -> assertThat(engineer.get("/api/v1/cis/" + id).body()).isEqualTo(json));
    }

    @Test
    void aCsvSavedByExcelInWindows1252ImportsItsDashesAndPoundsExactly() {
        String csv = "class,name,description\nsite,excel-" + s + ",Town hall – annex £12\n";
        Response r = engineer.post("/api/v1/cis/import", csv.getBytes(java.nio.charset.Charset.forName("windows-1252")), "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode ci = engineer.get("/api/v1/cis?q=excel-" + s).json().get("items").get(0);
        assertThat(ci.get("description").asString()).isEqualTo("Town hall – annex £12").doesNotContain("\uFFFD");
        // Labels work as well as keys, and a byte neither encoding has is refused, not stored as U+FFFD.
        Response labels = engineer.post("/api/v1/cis/import", ("Class,Name,End of life\nsite,labels-" + s + ",2030-01-31\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv");
        assertThat(labels.status()).as(labels.body()).isEqualTo(200);
        byte[] bad = ("class,name\nsite,bad-" + s + "\u0081\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Response refused = engineer.post("/api/v1/cis/import", bad, "text/csv");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("UTF-8");
    }

    @Test
    void everyImportRefusesAFileOverTheLimitWith413SayingTheLimit() {
        byte[] big = new byte[50 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        ApiClient manager = ApiClient.as(port, "values.manager", "manager");
        for (String path : List.of("/api/v1/cis/import", "/api/v1/relationships/import", "/api/v1/incidents/import")) {
            Response r = manager.post(path, big, "text/csv");
            assertThat(r.status()).as(path).isEqualTo(413);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).contains("50 MB");
        }
        Response holidays = manager.post("/api/v1/calendars/office-hours/holidays/import?division=england-and-wales", big, "application/json");
        assertThat(holidays.status()).isEqualTo(413);
        // Bad bytes in the bank-holidays JSON are the client's fault: a 4xx, never a 500.
        Response badBytes = manager.post("/api/v1/calendars/office-hours/holidays/import?division=england-and-wales",
            new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, "application/json");
        assertThat(badBytes.status()).isEqualTo(400);
    }
}
