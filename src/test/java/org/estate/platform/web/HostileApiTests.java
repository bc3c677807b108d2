package org.estate.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.estate.platform.web.Hostile.Answer;
import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The class-level proof that no bad input gets a 500: every operation in {@code /api/openapi.json}
 * gets a fixed battery of hostile requests (path values, query parameters, each body field replaced
 * by over-long, extreme, mistyped or out-of-range values, whole bodies that are empty, malformed,
 * too deep, too large, not UTF-8 or of the wrong type, bad If-Match headers), sent by an admin so
 * that they reach the code. Every answer must be below 500, and every error problem details.
 * Findings in areas still being fixed are listed in {@link #KNOWN}; remove an entry when it is fixed.
 */
@EstateTest
@Tag("robustness")
class HostileApiTests {

    /** "METHOD /template where" prefixes whose 5xx is known and owned elsewhere (see the issue 7 report). */
    static final List<String> KNOWN = List.of();

    /**
     * Values never sent, because they would store something that breaks every later read of the
     * shared test database (as "1e1000" in a CI number did before issue 7): empty, and to stay so.
     */
    static final List<String> POISON = List.of();

    @LocalServerPort
    int port;

    private final AtomicInteger n = new AtomicInteger();
    private final Map<String, String> fixtures = new HashMap<>();
    private final Map<String, String> etags = new HashMap<>();
    private String auth;

    @Test
    void everyOperationAnswersHostileInputWithout5xxAndWithProblemDetails() {
        ApiClient admin = ApiClient.admin(port);
        auth = "Bearer " + ApiClientTokens.adminToken(port, "edge.robot");
        ApiClient robot = ApiClient.bearer(port, auth.substring(7));
        createFixtures(robot);
        List<JsonNode> policies = new ArrayList<>();
        robot.get("/api/v1/sla-policies").json().get("items").forEach(policies::add);

        JsonNode api = admin.get("/api/openapi.json").json();
        Hostile.Findings findings = new Hostile.Findings(KNOWN);
        int operations = 0;
        try {
            for (var path : api.get("paths").properties()) {
                for (var op : path.getValue().properties()) {
                    operations++;
                    battery(op.getKey().toUpperCase(), path.getKey(), op.getValue(), api, findings);
                }
            }
        } finally {
            restorePolicies(robot, policies);
        }
        assertThat(operations).as("operations in the OpenAPI document").isGreaterThan(50);
        assertThat(findings.requests).isGreaterThan(1_500);
        System.out.println("Hostile API battery: " + findings.summary());
        assertThat(findings.found()).as("hostile requests answered with 5xx or without problem details").isEmpty();
    }

    private void battery(String method, String template, JsonNode op, JsonNode api, Hostile.Findings findings) {
        String key = method + " " + template;
        List<String> pathVars = new ArrayList<>();
        List<JsonNode> queryParams = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            switch (p.get("in").asString()) {
                case "path" -> pathVars.add(p.get("name").asString());
                case "query" -> queryParams.add(p);
                default -> { }
            }
        }
        boolean hasBody = !op.path("requestBody").isMissingNode() || method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        String baseline = hasBody ? baseline(key, op, api) : null;

        // 1. Hostile path values, the body (if any) valid.
        for (String var : pathVars) {
            for (var v : Hostile.PATH_VALUES.entrySet()) {
                String path = path(template, var, v.getValue());
                findings.check(key + " path:" + var + " " + v.getKey(), send(method, path, baseline, "application/json", null), false);
            }
        }
        if (method.equals("DELETE")) {
            return; // never delete the fixtures mid-run
        }
        String path = path(template, null, null);
        // 2. Hostile query parameters, one at a time.
        for (JsonNode p : queryParams) {
            String name = p.get("name").asString();
            String type = p.path("schema").path("type").asString("string");
            for (String label : Hostile.PARAMETERS_BY_TYPE.getOrDefault(type, Hostile.PARAMETERS_BY_TYPE.get("string"))) {
                String q = path + "?" + name + "=" + Hostile.encode(Hostile.PARAMETER_VALUES.get(label));
                findings.check(key + " query:" + name + " " + label, send(method, q, baseline, "application/json", null), false);
            }
            findings.check(key + " query:" + name + " invalid UTF-8",
                send(method, path + "?" + name + "=%FF%FE%C3%28", baseline, "application/json", null), false);
        }
        if (!hasBody) {
            return;
        }
        // 3. Each body field replaced by each hostile value.
        if (baseline != null) {
            ObjectNode base = (ObjectNode) ApiClient.JSON.readTree(baseline);
            for (String field : fields(base, op, api)) {
                for (String label : Hostile.JSON_BY_TYPE.get(type(base, field))) {
                    String where = key + " body:" + field + " " + label;
                    if (POISON.stream().anyMatch(where::startsWith)) {
                        continue;
                    }
                    String body = replace(baseline(key, op, api), field, Hostile.JSON_VALUES.get(label));
                    Answer a = send(method, path, body, "application/json", etag(method, path));
                    if (a.status() < 300) {
                        etags.remove(path);
                    }
                    findings.check(where, a, false);
                }
            }
        }
        // 4. Whole bodies that are wrong.
        for (var b : Hostile.WHOLE_BODIES.entrySet()) {
            String[] typeAndBody = b.getValue();
            byte[] bytes = typeAndBody[1] == null ? null : typeAndBody[1].getBytes(StandardCharsets.ISO_8859_1);
            Answer a = sendBytes(method, path, bytes, typeAndBody[0], etag(method, path));
            if (a.status() < 300) {
                etags.remove(path);
            }
            findings.check(key + " body " + b.getKey(), a, false);
        }
        // 5. If-Match that is no ETag.
        if (method.equals("PUT") || method.equals("PATCH")) {
            for (String ifMatch : List.of("\"abc\"", "W/\"99999999999999999999\"", "\"-1\"", "*", ",", "\"" + "9".repeat(2000) + "\"")) {
                findings.check(key + " If-Match " + ifMatch.length(), send(method, path, baseline(key, op, api), "application/json", ifMatch), false);
            }
        }
    }

    private Answer send(String method, String path, String body, String type, String ifMatch) {
        return sendBytes(method, path, body == null ? null : Hostile.utf8(body), body == null ? null : type, ifMatch);
    }

    private Answer sendBytes(String method, String path, byte[] body, String type, String ifMatch) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", auth);
        if (type != null) {
            headers.put("Content-Type", type);
        }
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        return Hostile.send(port, method, path, body, headers);
    }

    /** The current ETag of a fixture, so that an update reaches validation instead of stopping at 428. */
    private String etag(String method, String path) {
        if (!method.equals("PUT") && !method.equals("PATCH")) {
            return null;
        }
        return etags.computeIfAbsent(path, p -> {
            var r = ApiClient.bearer(port, auth.substring(7)).get(p);
            return r.status() == 200 ? r.header("ETag") : "\"0\"";
        });
    }

    private static String type(ObjectNode base, String field) {
        String[] parts = field.split("\\.", 2);
        JsonNode v = parts.length == 2 ? base.path(parts[0]).path(parts[1]) : base.path(field);
        return v.isNumber() ? "number" : v.isBoolean() ? "boolean" : v.isArray() ? "array" : v.isObject() ? "object" : "string";
    }

    private String path(String template, String var, String value) {
        String out = template;
        for (var m : java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template).results().toList()) {
            String name = m.group(1);
            String v = name.equals(var) ? value : Hostile.encode(fixture(template, name));
            out = out.replace("{" + name + "}", v);
        }
        return out;
    }

    private String fixture(String template, String var) {
        String[] parts = template.split("/");
        String collection = parts.length > 3 ? parts[3] : "";
        return switch (collection) {
            case "cis" -> fixtures.get("ci");
            case "relationships" -> fixtures.get("relationship");
            case "teams" -> fixtures.get("team");
            case "calendars" -> fixtures.get("calendar");
            case "catalogue" -> fixtures.get("item");
            case "users" -> fixtures.get("user");
            case "incidents" -> fixtures.get("incident");
            case "requests" -> fixtures.get("request");
            case "problems" -> fixtures.get("problem");
            case "tokens" -> fixtures.get("token");
            case "changes" -> fixtures.get("change");
            case "change-templates" -> fixtures.get("template");
            // Changing a shipped policy or class would change every other test's tickets and CIs:
            // policies are restored afterwards; classes get hostile paths only.
            case "sla-policies" -> "incident-p4";
            default -> "no-such-" + var;
        };
    }

    /** A valid body for the operation, so that a hostile field is the only thing wrong with it. */
    private String baseline(String key, JsonNode op, JsonNode api) {
        return ApiBaselines.of(key, String.valueOf(n.incrementAndGet()), fixtures, schema(op, api));
    }

    private static JsonNode schema(JsonNode op, JsonNode api) {
        for (JsonNode media : op.path("requestBody").path("content")) {
            JsonNode s = media.path("schema");
            if (s.has("$ref")) {
                return api.at("/components/schemas/" + s.get("$ref").asString().substring("#/components/schemas/".length()));
            }
            return s;
        }
        return null;
    }

    /** The fields to replace: the baseline's own (and one level inside its objects) and any in the schema. */
    private static List<String> fields(ObjectNode base, JsonNode op, JsonNode api) {
        List<String> out = new ArrayList<>();
        for (var f : base.properties()) {
            out.add(f.getKey());
            if (f.getValue().isObject()) {
                f.getValue().properties().forEach(inner -> out.add(f.getKey() + "." + inner.getKey()));
            }
        }
        JsonNode schema = schema(op, api);
        if (schema != null && schema.has("properties") && !"JsonNode".equals(schema.path("title").asString(""))) {
            for (var p : schema.get("properties").properties()) {
                if (!out.contains(p.getKey()) && !(schema.get("properties").has("nodeType"))) {
                    out.add(p.getKey());
                }
            }
        }
        return out;
    }

    private static String replace(String baseline, String field, String json) {
        ObjectNode node = (ObjectNode) ApiClient.JSON.readTree(baseline);
        String marker = "__edge_hostile__";
        String[] parts = field.split("\\.", 2);
        if (parts.length == 2 && node.get(parts[0]) instanceof ObjectNode inner) {
            inner.put(parts[1], marker);
        } else {
            node.put(parts[0], marker);
        }
        return node.toString().replace("\"" + marker + "\"", json);
    }

    private void createFixtures(ApiClient robot) {
        String s = Long.toString(System.nanoTime(), 36);
        fixtures.put("ci", id(robot.post("/api/v1/cis", "{\"class\":\"server\",\"name\":\"edge-fixture-" + s + "\"}")));
        fixtures.put("ci2", id(robot.post("/api/v1/cis", "{\"class\":\"virtual-machine\",\"name\":\"edge-fixture-vm-" + s + "\"}")));
        fixtures.put("relationship", id(robot.post("/api/v1/relationships",
            "{\"source\":" + fixtures.get("ci2") + ",\"type\":\"runs-on\",\"target\":" + fixtures.get("ci") + "}")));
        fixtures.put("team", "edge-team-" + s);
        created(robot.post("/api/v1/teams", "{\"key\":\"edge-team-" + s + "\",\"name\":\"Edge fixture\",\"members\":[]}"));
        fixtures.put("calendar", "edge-cal-" + s);
        created(robot.post("/api/v1/calendars", ApiBaselines.calendar("edge-cal-" + s)));
        fixtures.put("item", "edge-item-" + s);
        created(robot.put("/api/v1/catalogue/edge-item-" + s, "{\"name\":\"Edge item\",\"description\":\"d\",\"category\":\"Hardware\","
            + "\"fields\":[],\"approvalRequired\":true,\"active\":true}"));
        fixtures.put("user", "edge.user." + s);
        created(robot.post("/api/v1/users", "{\"username\":\"edge.user." + s + "\",\"displayName\":\"Edge\",\"email\":\"edge." + s
            + "@example.gov.uk\",\"roles\":[\"viewer\"],\"password\":\"correct-horse-battery-staple\"}"));
        fixtures.put("token", id(robot.post("/api/v1/tokens", "{\"name\":\"edge fixture\"}")));
        fixtures.put("incident", ref(robot.post("/api/v1/incidents", "{\"title\":\"Edge fixture\",\"impact\":\"low\",\"urgency\":\"low\",\"reporter\":{\"name\":\"Pat\",\"email\":\"pat@example.gov.uk\"}}")));
        fixtures.put("request", ref(robot.post("/api/v1/requests", "{\"item\":\"edge-item-" + s + "\",\"answers\":{}}")));
        fixtures.put("problem", ref(robot.post("/api/v1/problems", "{\"title\":\"Edge fixture\",\"description\":\"d\"}")));
        fixtures.put("change", ref(robot.post("/api/v1/changes", ApiBaselines.change(fixtures.get("ci")))));
        fixtures.put("template", "edge-tpl-" + s);
        created(robot.post("/api/v1/change-templates", ApiBaselines.changeTemplate("edge-tpl-" + s)));
    }

    private static void restorePolicies(ApiClient robot, List<JsonNode> policies) {
        for (JsonNode p : policies) {
            ObjectNode body = ApiClient.JSON.createObjectNode();
            for (String f : List.of("name", "calendar", "responseMinutes", "resolutionMinutes", "warningPercent")) {
                if (p.has(f)) {
                    body.set(f, p.get(f));
                }
            }
            var r = robot.put("/api/v1/sla-policies/" + p.get("key").asString(), body.toString());
            assertThat(r.status()).as("restoring policy " + p.get("key") + ": " + r.body()).isEqualTo(200);
        }
    }

    private static ApiClient.Response created(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
        return r;
    }

    private static String id(ApiClient.Response r) {
        return created(r).json().get("id").asString();
    }

    private static String ref(ApiClient.Response r) {
        return created(r).json().get("ref").asString();
    }
}
