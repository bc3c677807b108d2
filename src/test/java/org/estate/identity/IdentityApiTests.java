package org.estate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@EstateTest
class IdentityApiTests {

    @LocalServerPort
    int port;

    @Test
    void anonymousCallsGetProblemDetails401() {
        Response r = ApiClient.anonymous(port).get("/api/v1/audit");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void wrongPasswordIs401() {
        assertThat(ApiClient.basic(port, "admin", "not-the-password").get("/api/v1/tokens").status()).isEqualTo(401);
    }

    @Test
    void adminCreatesUsersAndOthersMayNot() {
        Response created = ApiClient.admin(port).post("/api/v1/users", """
            {"username":"jo.bloggs","displayName":"Jo Bloggs","email":"jo@example.gov.uk","roles":["engineer"],"password":"a-long-enough-password"}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("roles").get(0).asString()).isEqualTo("engineer");
        assertThat(created.body()).doesNotContain("password");

        Response duplicate = ApiClient.admin(port).post("/api/v1/users", """
            {"username":"jo.bloggs","displayName":"Jo","roles":["viewer"],"password":"a-long-enough-password"}""");
        assertThat(duplicate.status()).isEqualTo(409);

        Response byEngineer = ApiClient.basic(port, "jo.bloggs", "a-long-enough-password").post("/api/v1/users", """
            {"username":"someone","displayName":"Someone","roles":["admin"],"password":"a-long-enough-password"}""");
        assertThat(byEngineer.status()).isEqualTo(403);
        assertThat(byEngineer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void badUserInputIs422WithEveryField() {
        Response r = ApiClient.admin(port).post("/api/v1/users", """
            {"username":"Bad Name","displayName":"","email":"nope","roles":["wizard"],"password":"short"}""");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsString("field"))
            .contains("username", "displayName", "email", "roles", "password");
        assertThat(ApiClient.admin(port).get("/api/v1/users?q=Bad").json().get("total").asInt()).isZero();
    }

    @Test
    void malformedJsonIs400() {
        Response r = ApiClient.admin(port).post("/api/v1/users", "{not json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void tokenIsShownOnceWorksAsBearerAndStopsWhenRevoked() {
        ApiClient viewer = ApiClient.as(port, "token.viewer", "viewer");
        Response created = viewer.post("/api/v1/tokens", "{\"name\":\"nightly export\"}");
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("token").asString();
        long id = created.json().get("id").asLong();
        assertThat(token).startsWith("est_").hasSizeGreaterThan(40);

        ApiClient bearer = ApiClient.bearer(port, token);
        assertThat(bearer.get("/api/v1/tokens").status()).isEqualTo(200);
        assertThat(bearer.get("/api/v1/tokens").body()).doesNotContain(token).contains("nightly export");
        // A viewer's token carries the viewer's role, no more.
        assertThat(bearer.get("/api/v1/audit").status()).isEqualTo(403);

        assertThat(viewer.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        assertThat(bearer.get("/api/v1/tokens").status()).isEqualTo(401);
    }

    @Test
    void expiredTokenIsRefusedAndPastExpiryIsInvalid() {
        ApiClient viewer = ApiClient.as(port, "token.expiry", "viewer");
        Response past = viewer.post("/api/v1/tokens", "{\"name\":\"old\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(422);
        assertThat(ApiClient.bearer(port, "est_made-up-token").get("/api/v1/tokens").status()).isEqualTo(401);
    }

    @Test
    void someoneElsesTokenCannotBeRevoked() {
        Response created = ApiClient.as(port, "token.owner", "viewer").post("/api/v1/tokens", "{\"name\":\"mine\"}");
        long id = created.json().get("id").asLong();
        assertThat(ApiClient.as(port, "token.other", "engineer").delete("/api/v1/tokens/" + id).status()).isEqualTo(404);
        assertThat(ApiClient.bearer(port, created.json().get("token").asString()).get("/api/v1/tokens").status()).isEqualTo(200);
    }

    @Test
    void userCreationIsAudited() {
        ApiClient.as(port, "audited.user", "viewer");
        Response audit = ApiClient.admin(port).get("/api/v1/audit?entity=user&entityId=audited.user");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get("items").get(0).get("action").asString()).isEqualTo("created");
        assertThat(audit.json().get("items").get(0).get("actor").asString()).isEqualTo("admin");
        assertThat(audit.body()).doesNotContain(ApiClient.PASSWORD).doesNotContain("bcrypt");
    }

    @Test
    void healthIsOpenWithoutDetailsAndPrometheusNeedsSignIn() {
        Response health = ApiClient.anonymous(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().has("components")).isFalse();
        assertThat(ApiClient.anonymous(port).get("/actuator/prometheus").status()).isEqualTo(401);
        Response metrics = ApiClient.as(port, "metrics.viewer", "viewer").get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void openApiDocumentIsPublished() {
        Response r = ApiClient.anonymous(port).get("/api/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("paths").has("/api/v1/tokens")).isTrue();
    }
}
