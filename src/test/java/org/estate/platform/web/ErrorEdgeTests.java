package org.estate.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.estate.platform.web.Hostile.Answer;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The errors that never reach a controller, and the limits, one by one: unknown paths, 405, 415,
 * 406, the firewall, Tomcat's own 400s, {@code /error} itself, bodies over 1 MB (declared or
 * chunked), JSON nesting, extreme instants and numbers in query parameters.
 */
@EstateTest
class ErrorEdgeTests {

    @LocalServerPort
    int port;

    private Answer api(String method, String path, String body, String type) {
        Map<String, String> h = new java.util.HashMap<>(Map.of("Authorization", "Bearer " + ApiClientTokens.adminToken(port, "edge.errors")));
        if (type != null) {
            h.put("Content-Type", type);
        }
        return Hostile.send(port, method, path, body == null ? null : Hostile.utf8(body), h);
    }

    private static void problem(Answer a, int status, String... detail) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body()).contains("\"status\":" + status).doesNotContain("Exception", "at org.");
        for (String d : detail) {
            assertThat(a.body()).contains(d);
        }
    }

    @Test
    void unknownPathsAndMethodsAnswerProblemDetails() {
        problem(api("GET", "/api/v1/nope", null, null), 404, "\"instance\":\"/api/v1/nope\"");
        problem(api("GET", "/api/nope", null, null), 404);
        // A stranger learns nothing about which paths exist.
        problem(Hostile.send(port, "GET", "/api/v1/nope", null, Map.of()), 401);
        problem(Hostile.send(port, "GET", "/api/v1/cis", null, Map.of()), 401);
        Answer delete = api("DELETE", "/api/v1/cis", null, null);
        problem(delete, 405);
        problem(api("POST", "/api/v1/cis", "<ci/>", "application/xml"), 415, "Send Content-Type: application/json");
        problem(api("POST", "/api/v1/incidents/import", "{}", "application/json"), 415, "Send Content-Type: text/csv");
        problem(Hostile.send(port, "GET", "/api/v1/cis", null, Map.of("Authorization", "Bearer " + ApiClientTokens.adminToken(port, "edge.errors"),
            "Accept", "application/xml")), 406);
        problem(api("GET", "/api/v1/calendars/support-hours/due?minutes=5", null, null), 400, "\"field\":\"start\"");
        problem(api("POST", "/api/v1/cis", null, "application/json"), 400);
        problem(api("GET", "/api/v1//cis", null, null), 400);
        problem(api("GET", "/api/v1/cis%2F1", null, null), 400);
        problem(api("GET", "/api/v1/cis/%3B", null, null), 400);
    }

    @Test
    void theAnswerTo415NamesWhatToSendInItsHeaders() throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/v1/cis"))
            .header("Authorization", "Bearer " + ApiClientTokens.adminToken(port, "edge.errors"))
            .header("Content-Type", "text/xml").POST(java.net.http.HttpRequest.BodyPublishers.ofString("<a/>")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.headers().firstValue("Accept-Post")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        var d = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/v1/cis"))
            .header("Authorization", "Bearer " + ApiClientTokens.adminToken(port, "edge.errors"))
            .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(d.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET", "POST"));
    }

    @Test
    void errorsOnPagesAreGovukPagesNeverJson() {
        Answer direct = Hostile.send(port, "GET", "/error", null, Map.of());
        assertThat(direct.status()).isEqualTo(404);
        assertThat(direct.contentType()).startsWith("text/html");
        assertThat(direct.body()).contains("Page not found", "govuk-heading-l");
        Answer slashes = Hostile.send(port, "GET", "/cmdb//cis", null, Map.of());
        assertThat(slashes.status()).isEqualTo(400);
        assertThat(slashes.body()).contains("There is a problem with the request").doesNotContain("Exception");
        Answer big = Hostile.send(port, "POST", "/login", Hostile.utf8("a=" + "b".repeat(1_100_000)),
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.body()).contains("What you sent is too large");
    }

    @Test
    void tomcatsOwnRefusalsTellNothingAndFollowTheSameSplit() throws IOException {
        String api = rawHttp("GET /api/v1/cis HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n");
        assertThat(api).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("Tomcat", "Exception");
        String page = rawHttp("GET /cmdb/cis?x=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(page).startsWith("HTTP/1.1 ").doesNotContain("Apache Tomcat", "Exception", " 500 ");
    }

    @Test
    void bodiesOverOneMegabyteAreRefusedWith413WhetherDeclaredOrChunked() throws Exception {
        String ten = "[" + "1,".repeat(5_000_000) + "1]";
        problem(api("POST", "/api/v1/cis", ten, "application/json"), 413, "1 MB");
        // Without a length, the body is cut off at the limit rather than buffered.
        var chunked = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/v1/impact"))
            .header("Authorization", "Bearer " + ApiClientTokens.adminToken(port, "edge.errors"))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() ->
                new java.io.ByteArrayInputStream(("{\"failed\":[" + "1,".repeat(1_000_000) + "1]}").getBytes(StandardCharsets.UTF_8))))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        problem(api("POST", "/api/v1/cis", "{\"attributes\":" + "[".repeat(101) + "]".repeat(101) + "}", "application/json"), 400, "nesting");
        problem(api("POST", "/api/v1/tokens", "{\"name\":\"x\",\"expiresAt\":" + "9".repeat(101) + "}", "application/json"), 400);
    }

    @Test
    void extremeValuesInQueryParametersAre400NamingTheParameter() {
        problem(api("GET", "/api/v1/incidents?breachedAfter=%2B1000000000-01-01T00:00:00Z", null, null), 400, "\"field\":\"breachedAfter\"");
        problem(api("GET", "/api/v1/incidents?breachedAfter=-999999999-01-01T00:00:00Z", null, null), 400, "0001-01-01");
        problem(api("GET", "/api/v1/incidents?dueBefore=%2B999999999-12-31T23:59:59Z", null, null), 400, "\"field\":\"dueBefore\"");
        problem(api("GET", "/api/v1/incidents?dueBefore=9999999999999999999", null, null), 400, "\"field\":\"dueBefore\"");
        problem(api("GET", "/api/v1/calendars/support-hours/elapsed?from=0000-12-31T00:00:00Z&to=2026-01-01T00:00:00Z", null, null), 400,
            "\"field\":\"from\"");
        problem(api("GET", "/api/v1/cis?page=99999999999", null, null), 400, "\"field\":\"page\"");
        problem(api("GET", "/api/v1/cis?size=-1", null, null), 400, "\"field\":\"size\"");
        problem(api("GET", "/api/v1/cis/99999999999999999999", null, null), 400, "\"field\":\"id\"");
        assertThat(api("GET", "/api/v1/cis?page=2147483647&size=500", null, null).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/incidents?dueBefore=9999-12-31T23:59:59Z", null, null).status()).isEqualTo(200);
        problem(api("POST", "/api/v1/tokens", "{\"name\":\"x\",\"expiresAt\":\"+999999999-01-01T00:00:00Z\"}", "application/json"), 422,
            "\"field\":\"expiresAt\"");
    }

    @Test
    void textHoldingNulIsRefusedOnEveryDatabase() {
        // PostgreSQL cannot store U+0000: refused at the edge, so H2 and PostgreSQL answer alike.
        problem(api("GET", "/api/v1/problems?status=a%00b", null, null), 400, "U+0000");
        problem(api("POST", "/api/v1/incidents", "{\"title\":\"a\\u0000b\",\"impact\":\"low\",\"urgency\":\"low\"}", "application/json"),
            422, "\"field\":\"title\"");
        problem(api("POST", "/api/v1/cis", "{\"class\":\"server\",\"name\":\"nul\",\"description\":\"a\\u0000\"}", "application/json"), 422, "U+0000");
        Answer form = Hostile.send(port, "POST", "/login", Hostile.utf8("username=a%00&password=b"),
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.contentType()).startsWith("text/html");
    }

    private String rawHttp(String request) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
