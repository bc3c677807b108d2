package org.estate.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * What a scripting engineer meets: If-Match takes the strong tag the server sends and refuses weak
 * or unquoted ones; a misspelt or date-only token expiry is refused (never an eternal token); a
 * change made with a token names its owner and the token in the audit log.
 */
@EstateTest
class ApiConventionsTests {

    @LocalServerPort
    int port;

    private String createCi(ApiClient client) {
        Response r = client.post("/api/v1/cis", """
            {"class":"server","name":"ifmatch-%s","criticality":"low"}""".formatted(UUID.randomUUID()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    @Test
    void ifMatchTakesTheStrongTagAndRefusesWeakOrUnquotedOnes() {
        ApiClient engineer = ApiClient.as(port, "conventions.engineer", "engineer");
        String id = createCi(engineer);
        Response read = engineer.get("/api/v1/cis/" + id);
        String etag = read.header("ETag");
        assertThat(etag).matches("\"\\d+\"");
        String patch = "{\"owner\":\"Networks\"}";

        Response weak = engineer.patch("/api/v1/cis/" + id, patch, "W/" + etag);
        assertThat(weak.status()).as(weak.body()).isEqualTo(412);
        assertThat(weak.json().get("detail").asString()).contains("weak");
        Response unquoted = engineer.patch("/api/v1/cis/" + id, patch, etag.replace("\"", ""));
        assertThat(unquoted.status()).as(unquoted.body()).isEqualTo(412);
        assertThat(engineer.patch("/api/v1/cis/" + id, patch, null).status()).isEqualTo(428);
        assertThat(engineer.get("/api/v1/cis/" + id).json().get("owner").isNull()
            || !engineer.get("/api/v1/cis/" + id).json().get("owner").asString().equals("Networks")).isTrue();

        Response strong = engineer.patch("/api/v1/cis/" + id, patch, etag);
        assertThat(strong.status()).as(strong.body()).isEqualTo(200);
        assertThat(strong.json().get("owner").asString()).isEqualTo("Networks");
        // The tag it was based on is now stale: 412, and the second change is not written.
        Response stale = engineer.patch("/api/v1/cis/" + id, "{\"owner\":\"Databases\"}", etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(engineer.get("/api/v1/cis/" + id).json().get("owner").asString()).isEqualTo("Networks");
    }

    @Test
    void aMisspeltOrDateOnlyTokenExpiryIsRefusedNotMadeEternal() {
        ApiClient user = ApiClient.as(port, "conventions.tokens", "viewer");
        int before = user.get("/api/v1/tokens").json().size();

        Response misspelt = user.post("/api/v1/tokens", "{\"name\":\"script\",\"expiresAtt\":\"2027-01-01T00:00:00Z\"}");
        assertThat(misspelt.status()).as(misspelt.body()).isEqualTo(422);
        assertThat(misspelt.json().get("errors").get(0).get("field").asString()).isEqualTo("expiresAtt");
        assertThat(misspelt.json().get("errors").get(0).get("message").asString()).contains("expiresAt");

        Response dateOnly = user.post("/api/v1/tokens", "{\"name\":\"script\",\"expiresAt\":\"2027-01-01\"}");
        assertThat(dateOnly.status()).as(dateOnly.body()).isIn(400, 422);
        assertThat(dateOnly.json().get("errors").get(0).get("field").asString()).isEqualTo("expiresAt");

        assertThat(user.get("/api/v1/tokens").json().size()).as("no token was made").isEqualTo(before);
    }

    @Test
    void aChangeMadeWithATokenNamesTheOwnerAndTheToken() {
        ApiClient engineer = ApiClient.as(port, "conventions.scripter", "engineer");
        Response token = engineer.post("/api/v1/tokens", "{\"name\":\"nightly sync\"}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        ApiClient script = ApiClient.bearer(port, token.json().get("token").asString());
        String id = createCi(script);

        JsonNode history = ApiClient.admin(port).get("/api/v1/cis/" + id + "/history").json();
        JsonNode entries = history.has("items") ? history.get("items") : history;
        JsonNode created = entries.get(entries.size() - 1);
        assertThat(created.get("actor").asString()).isEqualTo("conventions.scripter");
        assertThat(created.get("via").asString())
            .isEqualTo("API token \"nightly sync\" (#" + token.json().get("id").asString() + ")");

        // In person (HTTP Basic), no token is named.
        String other = createCi(ApiClient.basic(port, "conventions.scripter", ApiClient.PASSWORD));
        JsonNode inPerson = ApiClient.admin(port).get("/api/v1/cis/" + other + "/history").json();
        JsonNode first = (inPerson.has("items") ? inPerson.get("items") : inPerson).get(0);
        assertThat(first.get("actor").asString()).isEqualTo("conventions.scripter");
        assertThat(first.path("via").isMissingNode() || first.path("via").isNull()).isTrue();
    }

    @Test
    void theApiDocumentDeclaresAuthenticationSummariesAndProblemAnswers() {
        Response r = ApiClient.admin(port).get("/api/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.get("info").get("title").asString()).isEqualTo("Estate API");
        assertThat(doc.get("info").get("version").asString()).isNotBlank().isNotEqualTo("v0");
        JsonNode schemes = doc.get("components").get("securitySchemes");
        assertThat(schemes.get("bearer").get("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.get("basic").get("scheme").asString()).isEqualTo("basic");
        assertThat(doc.get("security").toString()).contains("bearer").contains("basic");

        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode o = op.getValue();
                String operationId = o.path("operationId").asString("");
                if (operationId.isBlank() || operationId.matches(".*_\\d+$") || !ids.add(operationId)) {
                    problems.add(where + ": operationId '" + operationId + "' is missing, generated or repeated");
                }
                if (o.path("summary").asString("").isBlank()) {
                    problems.add(where + ": no summary");
                }
                for (JsonNode p : o.path("parameters")) {
                    if (p.path("description").asString("").isBlank()) {
                        problems.add(where + ": parameter " + p.path("name").asString() + " has no description");
                    }
                }
                for (Map.Entry<String, JsonNode> answer : o.path("responses").properties()) {
                    int code = Integer.parseInt(answer.getKey());
                    if (code >= 400 && !answer.getValue().path("content").path("application/problem+json").has("schema")) {
                        problems.add(where + ": answer " + code + " is not problem details");
                    }
                }
                if (!o.path("responses").has("401") || !o.path("responses").has("403")) {
                    problems.add(where + ": 401/403 not declared");
                }
                if (path.getKey().endsWith("/import") && !o.has("requestBody")) {
                    problems.add(where + ": the import declares no request body");
                }
                if (o.path("parameters").toString().contains("\"If-Match\"")
                    && !(o.path("responses").has("412") && o.path("responses").has("428"))) {
                    problems.add(where + ": takes If-Match but declares no 412/428");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(doc.get("components").get("schemas").get("Problem").get("properties").has("errors")).isTrue();
        assertThat(doc.get("paths").get("/api/v1/cis/import").get("post").get("requestBody").get("content").has("text/csv")).isTrue();
    }
}
