package org.estate.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for a separate Estate process. Every request has a deadline (a hang is a
 * failure, not a stuck build), and a failure to connect is an answer with status -1, because the
 * tests kill and cut things on purpose.
 */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String authorization;

    Http(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Signs in as the admin with HTTP Basic once and returns a client with a new API token. */
    static Http adminToken(String baseUrl) {
        Answer created = new Http(baseUrl, basic("admin", EstateProcess.ADMIN_PASSWORD))
            .send("POST", "/api/v1/tokens", "{\"name\":\"fault test\"}", "application/json", Map.of());
        if (created.status() != 201) {
            throw new AssertionError("Cannot create a token: " + created);
        }
        return new Http(baseUrl, "Bearer " + created.json().get("token").asString());
    }

    Answer get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    Answer post(String path, String json) {
        return send("POST", path, json, "application/json", Map.of());
    }

    Answer send(String method, String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_DEADLINE)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("ETag").orElse(null), r.body());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError(method + " " + path + " did not answer within " + REQUEST_DEADLINE.toSeconds() + " s", e);
        } catch (IOException e) {
            return new Answer(-1, "", null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Answer(int status, String contentType, String etag, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }
}
