package org.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Both filter chains (pages and API) send the usual protective headers on every kind of answer,
 * errors included. HSTS is sent on HTTPS only (a browser ignores it over HTTP), so it is not
 * expected here.
 */
@EstateTest
class SecurityHeadersTests {

    @LocalServerPort
    int port;

    private static void protective(String what, Response r) {
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("same-origin");
        assertThat(r.header("Content-Security-Policy")).as(what).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(r.header("Cache-Control")).as(what).contains("no-store");
        assertThat(r.header("Strict-Transport-Security")).as(what + " over plain HTTP").isNull();
    }

    @Test
    void pagesAndApiSendProtectiveHeadersOnEveryAnswer() {
        ApiClient anonymous = ApiClient.anonymous(port);
        ApiClient viewer = ApiClient.as(port, "headers.viewer", "viewer");
        Map<String, Response> answers = Map.of(
            "login page", anonymous.get("/login"),
            "page redirect to login", anonymous.get("/cmdb/cis"),
            "API 200", viewer.get("/api/v1/cis"),
            "API 401", anonymous.get("/api/v1/cis"),
            "API 403", viewer.get("/api/v1/audit"),
            "API bad token", ApiClient.bearer(port, "est_nope").get("/api/v1/cis"),
            "health", anonymous.get("/actuator/health"));
        answers.forEach(SecurityHeadersTests::protective);
        assertThat(answers.get("API 200").header("Content-Security-Policy")).startsWith("default-src 'none'");
        assertThat(answers.get("login page").header("Content-Security-Policy")).contains("default-src 'self'");
    }
}
