package org.estate.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client for the API over real HTTP, signing in with HTTP Basic as one user or with a
 * Bearer token. {@link #as(String, String...)} creates a user with the given roles on first use.
 */
public final class ApiClient {

    public static final String ADMIN_PASSWORD = "admin-test-password-1";
    public static final String PASSWORD = "correct-horse-battery";
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final int port;
    private final String authorization;

    private ApiClient(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    public static ApiClient admin(int port) {
        return new ApiClient(port, basic("admin", ADMIN_PASSWORD));
    }

    public static ApiClient anonymous(int port) {
        return new ApiClient(port, null);
    }

    public static ApiClient bearer(int port, String token) {
        return new ApiClient(port, "Bearer " + token);
    }

    public static ApiClient basic(int port, String username, String password) {
        return new ApiClient(port, basic(username, password));
    }

    /**
     * A client signed in as {@code username} (created on first use with these roles) with an API
     * token: a password would cost a bcrypt check on every call and make the suite slow.
     */
    public static ApiClient as(int port, String username, String... roles) {
        String token = TOKENS.computeIfAbsent(port + "/" + username, k -> {
            StringBuilder r = new StringBuilder();
            for (String role : roles) {
                r.append(r.isEmpty() ? "" : ",").append('"').append(role).append('"');
            }
            Response res = admin(port).post("/api/v1/users", """
                {"username":"%s","displayName":"%s","email":"%s@example.gov.uk","roles":[%s],"password":"%s"}"""
                .formatted(username, username, username, r, PASSWORD));
            if (res.status() != 201 && res.status() != 409) {
                throw new IllegalStateException("Cannot create test user " + username + ": " + res);
            }
            Response created = basic(port, username, PASSWORD).post("/api/v1/tokens", "{\"name\":\"tests\"}");
            if (created.status() != 201) {
                throw new IllegalStateException("Cannot create a token for " + username + ": " + created);
            }
            return created.json().get("token").asString();
        });
        return bearer(port, token);
    }

    /** The admin, with an API token (see {@link #as}). */
    public static ApiClient adminToken(int port) {
        String token = TOKENS.computeIfAbsent(port + "/admin", k ->
            admin(port).post("/api/v1/tokens", "{\"name\":\"tests\"}").json().get("token").asString());
        return bearer(port, token);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Response post(String path, String json) {
        return send("POST", path, json, "application/json", Map.of());
    }

    public Response post(String path, String body, String contentType) {
        return send("POST", path, body, contentType, Map.of());
    }

    /** Posts raw bytes (a file in a given encoding, or one too large for a string). */
    public Response post(String path, byte[] body, String contentType) {
        return sendBody("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), contentType, Map.of());
    }

    public Response put(String path, String json) {
        return send("PUT", path, json, "application/json", Map.of());
    }

    public Response patch(String path, String json, String ifMatch) {
        return send("PATCH", path, json, "application/merge-patch+json", ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null, Map.of());
    }

    public Response send(String method, String path, String body, String contentType, Map<String, String> headers) {
        return sendBody(method, path, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
            contentType, headers);
    }

    private Response sendBody(String method, String path, HttpRequest.BodyPublisher body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).method(method, body);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, headers and body, with the body parsed as JSON on demand. */
    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
