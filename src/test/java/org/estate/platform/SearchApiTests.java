package org.estate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** GET /api/v1/search: every kind found, grouped and best first; role rules; bounds; hostile text. */
@EstateTest
class SearchApiTests {

    @LocalServerPort
    int port;

    private final String s = UUID.randomUUID().toString().substring(0, 8);

    private static String enc(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    private static JsonNode group(Response r, String kind) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode g : r.json().get("groups")) {
            if (g.get("kind").asString().equals(kind)) {
                return g.get("items");
            }
        }
        return null;
    }

    private static List<String> kinds(Response r) {
        List<String> kinds = new ArrayList<>();
        r.json().get("groups").forEach(g -> kinds.add(g.get("kind").asString()));
        return kinds;
    }

    private Response search(ApiClient who, String q) {
        return who.get("/api/v1/search?q=" + enc(q));
    }

    @Test
    void findsCisByNameAndByAttributeValuesSayingWhatMatched() {
        ApiClient engineer = ApiClient.as(port, "se.eng", "engineer");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String ip = "10." + r.nextInt(1, 255) + "." + r.nextInt(1, 255) + "." + r.nextInt(1, 255);
        long server = engineer.post("/api/v1/cis", """
            {"class":"server","name":"srv-%s","attributes":{"ipAddress":"%s","hostname":"web-%s.eastmoor.local",
             "serialNumber":"SN-%s-Q","model":"PowerEdge R%s"}}""".formatted(s, ip, s, s, s)).json().get("id").asLong();
        // A second CI whose name starts with the first's: the exact name comes first.
        long longer = engineer.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"srv-" + s + "-db\"}").json().get("id").asLong();

        JsonNode byName = group(search(engineer, "SRV-" + s), "ci");
        assertThat(byName).hasSize(2);
        assertThat(byName.get(0).get("id").asLong()).isEqualTo(server);
        assertThat(byName.get(0).get("match").asString()).isEqualTo("name");
        assertThat(byName.get(0).get("url").asString()).isEqualTo("/cmdb/cis/" + server);
        assertThat(byName.get(1).get("id").asLong()).isEqualTo(longer);

        JsonNode byIp = group(search(engineer, ip), "ci");
        assertThat(byIp.get(0).get("id").asLong()).isEqualTo(server);
        assertThat(byIp.get(0).get("match").asString()).isEqualTo("ipAddress: " + ip);
        assertThat(byIp.get(0).get("title").asString()).isEqualTo("srv-" + s);
        JsonNode bySerial = group(search(engineer, "sn-" + s + "-q"), "ci");
        assertThat(bySerial).hasSize(1);
        assertThat(bySerial.get(0).get("match").asString()).isEqualTo("serialNumber: SN-" + s + "-Q");
        JsonNode byHostFragment = group(search(engineer, "web-" + s + ".east"), "ci");
        assertThat(byHostFragment.get(0).get("match").asString()).isEqualTo("hostname: web-" + s + ".eastmoor.local");
        assertThat(group(search(engineer, "PowerEdge R" + s), "ci").get(0).get("match").asString()).startsWith("model: ");

        // The search text follows every change of the CI.
        String etag = engineer.get("/api/v1/cis/" + server).header("ETag");
        assertThat(engineer.patch("/api/v1/cis/" + server, "{\"attributes\":{\"ipAddress\":null,\"serialNumber\":\"NEW-" + s + "\"}}", etag)
            .status()).isIn(200);
        assertThat(group(search(engineer, "sn-" + s + "-q"), "ci")).isNull();
        assertThat(group(search(engineer, "new-" + s), "ci").get(0).get("id").asLong()).isEqualTo(server);
    }

    @Test
    void findsTicketsByReferenceBareNumberTitleReporterAndAffectedCiAndProblemsAndKnownErrors() {
        ApiClient engineer = ApiClient.as(port, "se.eng", "engineer");
        long ci = engineer.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"Payroll " + s + "\"}").json().get("id").asLong();
        Response created = engineer.post("/api/v1/incidents", """
            {"title":"Payslips missing %s","impact":"low","urgency":"low","affectedCis":[%d],
             "reporter":{"name":"Rita Okafor%s","email":"rita@eastmoor.example"}}""".formatted(s, ci, s));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String ref = created.json().get("ref").asString();
        String number = String.valueOf(Long.parseLong(ref.substring(4)));

        JsonNode byRef = group(search(engineer, ref.toLowerCase()), "incident");
        assertThat(byRef.get(0).get("ref").asString()).isEqualTo(ref);
        assertThat(byRef.get(0).get("match").asString()).isEqualTo("reference");
        assertThat(byRef.get(0).get("url").asString()).isEqualTo("/desk/tickets/" + ref);
        assertThat(byRef.get(0).has("id")).isFalse();
        JsonNode byNumber = group(search(engineer, number), "incident");
        assertThat(byNumber.get(0).get("ref").asString()).isEqualTo(ref);
        assertThat(group(search(engineer, "missing " + s), "incident").get(0).get("match").asString()).isEqualTo("title");
        assertThat(group(search(engineer, "okafor" + s), "incident").get(0).get("match").asString())
            .isEqualTo("reporter: Rita Okafor" + s);
        JsonNode byCi = group(search(engineer, "Payroll " + s), "incident");
        assertThat(byCi.get(0).get("ref").asString()).isEqualTo(ref);
        assertThat(byCi.get(0).get("match").asString()).isEqualTo("affected CI: Payroll " + s);

        String prb = engineer.post("/api/v1/problems", "{\"title\":\"Payslip batch stalls " + s + "\"}").json().get("ref").asString();
        String known = engineer.post("/api/v1/problems", "{\"title\":\"Payslip PDF blank " + s + "\"}").json().get("ref").asString();
        String etag = engineer.get("/api/v1/problems/" + known).header("ETag");
        assertThat(engineer.patch("/api/v1/problems/" + known, """
            {"knownError":true,"rootCause":"Font missing","workaround":"Print from the old viewer %s"}""".formatted(s), etag).status())
            .isEqualTo(200);
        Response payslip = search(engineer, "payslip");
        assertThat(group(payslip, "problem").toString()).contains(prb).doesNotContain(known);
        assertThat(group(payslip, "known-error").toString()).contains(known).doesNotContain(prb);
        assertThat(group(search(engineer, "old viewer " + s), "known-error").get(0).get("match").asString()).isEqualTo("workaround");
        assertThat(group(search(engineer, prb), "problem").get(0).get("url").asString()).isEqualTo("/desk/problems/" + prb);
        assertThat(kinds(payslip)).containsSubsequence("incident", "problem", "known-error");
    }

    @Test
    void aRequesterFindsOnlyTheirOwnTicketsAndNothingElse() {
        ApiClient alice = ApiClient.as(port, "se.alice", "requester");
        ApiClient bob = ApiClient.as(port, "se.bob", "requester");
        ApiClient engineer = ApiClient.as(port, "se.eng", "engineer");
        engineer.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"Printers " + s + "\"}");
        String mine = alice.post("/api/v1/incidents", "{\"title\":\"Printers jammed " + s + "\",\"impact\":\"low\",\"urgency\":\"low\"}")
            .json().get("ref").asString();
        String bobs = bob.post("/api/v1/incidents", "{\"title\":\"Printers jammed " + s + "\",\"impact\":\"low\",\"urgency\":\"low\"}")
            .json().get("ref").asString();
        engineer.post("/api/v1/problems", "{\"title\":\"Printers " + s + "\"}");

        Response found = search(alice, "jammed " + s);
        assertThat(kinds(found)).containsExactly("incident");
        assertThat(group(found, "incident")).hasSize(1);
        assertThat(group(found, "incident").get(0).get("ref").asString()).isEqualTo(mine);
        assertThat(group(found, "incident").get(0).get("url").asString()).isEqualTo("/portal/tickets/" + mine);
        assertThat(found.body()).doesNotContain(bobs);
        // Not by reference nor by number either; the desk finds both.
        assertThat(search(alice, bobs).json().get("groups").size()).isZero();
        assertThat(search(alice, String.valueOf(Long.parseLong(bobs.substring(4)))).body()).doesNotContain(bobs);
        assertThat(group(search(engineer, "jammed " + s), "incident")).hasSize(2);
        // Users and teams: admins and managers only.
        assertThat(kinds(search(engineer, "se.alice"))).doesNotContain("user");
        assertThat(group(search(ApiClient.adminToken(port), "se.alice"), "user").get(0).get("ref").asString()).isEqualTo("se.alice");
        assertThat(kinds(search(engineer, "service-desk"))).doesNotContain("team");
        assertThat(group(search(ApiClient.as(port, "se.mgr", "manager"), "service-desk"), "team").get(0).get("url").asString())
            .isEqualTo("/admin/teams/service-desk");
        assertThat(ApiClient.anonymous(port).get("/api/v1/search?q=x").status()).isEqualTo(401);
    }

    @Test
    void limitAndTextAreBoundedAndHostileTextIsLiteral() {
        ApiClient engineer = ApiClient.as(port, "se.eng", "engineer");
        for (int i = 0; i < 3; i++) {
            engineer.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"lim-" + s + "-" + i + "\"}");
        }
        assertThat(group(engineer.get("/api/v1/search?q=lim-" + s), "ci")).hasSize(3);
        assertThat(group(engineer.get("/api/v1/search?q=lim-" + s + "&limit=2"), "ci")).hasSize(2);
        for (String bad : List.of("0", "51", "-1", "ten", "99999999999")) {
            Response r = engineer.get("/api/v1/search?q=x&limit=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.body()).contains("\"limit\"");
        }
        Response blank = engineer.get("/api/v1/search?q=%20%20");
        assertThat(blank.status()).isEqualTo(200);
        assertThat(blank.json().get("groups").size()).isZero();
        Response tooLong = engineer.get("/api/v1/search?q=" + "a".repeat(201));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("\"q\"");
        assertThat(engineer.get("/api/v1/search?q=" + "a".repeat(10_000)).status()).isBetween(400, 499);
        // NUL is refused at the edge for every parameter (400); other control characters here (422).
        assertThat(engineer.get("/api/v1/search?q=a%00b").status()).isEqualTo(400);
        Response control = engineer.get("/api/v1/search?q=a%07b");
        assertThat(control.status()).isEqualTo(422);
        assertThat(control.body()).contains("\"q\"");

        // LIKE wildcards and SQL are text, not patterns.
        long literal = engineer.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"pct%_" + s + "\"}").json().get("id").asLong();
        engineer.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"pctXY" + s + "\"}");
        JsonNode wild = group(search(engineer, "pct%_" + s), "ci");
        assertThat(wild).hasSize(1);
        assertThat(wild.get(0).get("id").asLong()).isEqualTo(literal);
        assertThat(group(search(engineer, "pct__" + s), "ci")).isNull();
        for (String hostile : List.of("%", "_", "\\", "' OR 1=1 --", "\"; DROP TABLE ci; --", "é€😀")) {
            assertThat(search(engineer, hostile).status()).as(hostile).isEqualTo(200);
        }
    }
}
