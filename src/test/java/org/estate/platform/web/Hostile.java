package org.estate.platform.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hostile values the robustness tests send, fixed (no randomness: every run sends the same
 * requests), and a raw HTTP client that can send bytes that are not UTF-8. Sizes stay bounded: the
 * largest body is just over the 1 MB limit.
 */
final class Hostile {

    static final String LONG = "x".repeat(10_000);
    static final String DEEP_OK = "{\"a\":".repeat(90) + "1" + "}".repeat(90);
    static final String DEEP_TOO = "[".repeat(150) + "]".repeat(150);
    static final String MANY = "[" + "\"x\",".repeat(1_000) + "\"x\"]";

    /** JSON values put in place of one field of a valid body. */
    static final Map<String, String> JSON_VALUES = ordered(
        "long string", quote(LONG),
        "empty string", "\"\"",
        "null", "null",
        "huge integer", "99999999999999999999999",
        "long min - 1", "-9223372036854775809",
        "int max + 1", "2147483648",
        "minus one", "-1",
        "1e1000", "1e1000",
        "fraction", "1.5",
        "boolean", "true",
        "object", "{\"a\":1}",
        "array", "[\"x\"]",
        "array of long strings", "[" + quote(LONG) + "]",
        "array of huge numbers", "[99999999999999999999999]",
        "many elements", MANY,
        "nested 90 deep", DEEP_OK,
        "far-future instant", "\"+1000000000-01-01T00:00:00Z\"",
        "far-past instant", "\"-999999999-01-01T00:00:00Z\"",
        "year 0", "\"0000-01-01\"",
        "year 10000", "\"10000-01-01\"",
        "number as text", "\"9999999999999999999\"",
        "1e1000 as text", "\"1e1000\"",
        "control characters", "\"\\u0000\\u0007\\ud800 💥\"",
        "sql", "\"' OR 1=1 --\"");

    /** The JSON values tried on a field, by the type of its valid value: each type's edges and a few wrong types. */
    static final Map<String, List<String>> JSON_BY_TYPE = Map.of(
        "string", List.of("long string", "empty string", "null", "object", "array", "huge integer", "far-future instant",
            "year 0", "year 10000", "1e1000 as text", "control characters"),
        "number", List.of("huge integer", "long min - 1", "int max + 1", "minus one", "1e1000", "fraction", "long string", "null", "array"),
        "boolean", List.of("long string", "huge integer", "null", "array"),
        "array", List.of("array of long strings", "array of huge numbers", "many elements", "null", "long string", "object"),
        "object", List.of("nested 90 deep", "null", "array", "long string", "huge integer"));

    /** The query parameter values tried, by the parameter's type in the OpenAPI document. */
    static final Map<String, List<String>> PARAMETERS_BY_TYPE = Map.of(
        "string", List.of("empty", "long", "far-future instant", "far-past instant", "year 9999 end", "year 0", "epoch number", "nul",
            "unicode", "sql", "comma list"),
        "integer", List.of("empty", "minus one", "int max + 1", "page overflow", "huge", "1e1000", "text"),
        "boolean", List.of("empty", "text", "huge"));

    /** Raw (unencoded) query parameter values. */
    static final Map<String, String> PARAMETER_VALUES = ordered(
        "empty", "",
        "long", "y".repeat(2_000),
        "minus one", "-1",
        "int max + 1", "2147483648",
        "page overflow", "99999999999",
        "huge", "99999999999999999999999",
        "1e1000", "1e1000",
        "text", "abc",
        "far-future instant", "+1000000000-01-01T00:00:00Z",
        "far-past instant", "-999999999-01-01T00:00:00Z",
        "year 9999 end", "9999-12-31T23:59:59Z",
        "year 0", "0000-01-01",
        "epoch number", "9999999999999999999",
        "nul", "\u0000",
        "unicode", "💥é",
        "sql", "' OR 1=1 --",
        "comma list", ",,,,");

    /** Path segment values, already encoded as they go on the wire. */
    static final Map<String, String> PATH_VALUES = ordered(
        "long overflow", "99999999999999999999",
        "minus one", "-1",
        "text", "abc",
        "long", "z".repeat(2_000),
        "invalid UTF-8", "%C3%28",
        "nul", "%00",
        "encoded slash", "a%2Fb",
        "semicolon", "a;b=c",
        "far-future instant", "%2B1000000000-01-01T00:00:00Z");

    /** Whole-body cases: content type and body (bytes as ISO-8859-1 so that any byte can be written). */
    static final Map<String, String[]> WHOLE_BODIES = wholeBodies();

    private static Map<String, String[]> wholeBodies() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("none", new String[] {"application/json", null});
        m.put("empty", new String[] {"application/json", ""});
        m.put("null", new String[] {"application/json", "null"});
        m.put("array", new String[] {"application/json", "[]"});
        m.put("number", new String[] {"application/json", "1e1000"});
        m.put("truncated", new String[] {"application/json", "{\"a\":"});
        m.put("invalid UTF-8", new String[] {"application/json", "{\"name\":\"\u00C3\u0028\u00FF\u00FE\"}"});
        m.put("too deep", new String[] {"application/json", Hostile.DEEP_TOO});
        m.put("duplicate keys", new String[] {"application/json", "{\"name\":\"a\",\"name\":\"b\"}"});
        m.put("over 1 MB", new String[] {"application/json", "[" + "1,".repeat(530_000) + "1]"});
        m.put("text/plain", new String[] {"text/plain", "{}"});
        m.put("xml", new String[] {"application/xml", "<a/>"});
        m.put("bogus charset", new String[] {"application/json; charset=bogus-9", "{}"});
        m.put("multipart without boundary", new String[] {"multipart/form-data", "--x\r\n\r\n"});
        m.put("multipart garbage", new String[] {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data\r\n\r\n\u00FF\r\n"});
        m.put("form", new String[] {"application/x-www-form-urlencoded", "a=%FF&b=" + "c".repeat(3000)});
        m.put("csv not UTF-8", new String[] {"text/csv", "name,class\r\n\u00FF\u00FE\u0000,server\r\n"});
        m.put("no content type", new String[] {null, "{}"});
        m.put("invalid content type", new String[] {"no/such;;;=", "{}"});
        return m;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Hostile() {
    }

    record Answer(int status, String contentType, String body, long millis) {
        boolean problem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        boolean html() {
            return contentType != null && contentType.startsWith("text/html");
        }
    }

    static Answer send(int port, String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(),
                (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + pathAndQuery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Failures found, by key, kept sorted so that the report reads the same every run. */
    static final class Findings {
        private final Map<String, String> found = new TreeMap<>();
        private final List<String> known;
        private final List<String> knownSeen = new ArrayList<>();
        private final TreeMap<Long, String> slowest = new TreeMap<>();
        int requests;
        long millis;

        Findings(List<String> known) {
            this.known = known;
        }

        void check(String key, Answer a, boolean wantHtml) {
            requests++;
            millis += a.millis();
            slowest.put(a.millis() * 100_000 + requests, key);
            if (slowest.size() > 5) {
                slowest.pollFirstEntry();
            }
            String problem = null;
            // 501 is Estate's deliberate "not on this deployment" (a backup of an in-memory or
            // PostgreSQL database), answered whatever the input: not a failure of input handling.
            if (a.status() >= 500 && a.status() != 501) {
                problem = a.status() + " " + abbreviate(a.body());
            } else if (a.status() >= 400 && !wantHtml && !a.problem()) {
                problem = a.status() + " not problem+json but " + a.contentType();
            } else if (a.status() >= 400 && wantHtml && !a.html()) {
                problem = a.status() + " not an HTML page but " + a.contentType();
            }
            if (problem == null) {
                return;
            }
            if (known.stream().anyMatch(key::startsWith)) {
                knownSeen.add(key);
                return;
            }
            found.putIfAbsent(key, problem);
        }

        /** For the test output: how many requests, how long in all, and the slowest. */
        String summary() {
            StringBuilder out = new StringBuilder(requests + " requests in " + millis + " ms; known failures seen: "
                + knownSeen.size() + "; slowest:");
            slowest.descendingMap().forEach((k, v) -> out.append(' ').append(v).append(" (").append(k / 100_000).append(" ms);"));
            return out.toString();
        }

        Map<String, String> found() {
            return found;
        }

        List<String> knownSeen() {
            return knownSeen;
        }

        private static String abbreviate(String s) {
            return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "..." : s;
        }
    }
}
