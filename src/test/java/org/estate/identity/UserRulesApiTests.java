package org.estate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.SourceClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The rules on roles, names and token expiries: bad input is a 422 naming the field, never a 500. */
@EstateTest
class UserRulesApiTests {

    @LocalServerPort
    int port;

    private static String field(Response r) {
        return r.json().get("errors").get(0).get("field").asString();
    }

    @Test
    void aRequesterCannotAlsoHoldAStaffRole() {
        ApiClient admin = ApiClient.adminToken(port);
        for (String staff : new String[] {"viewer", "engineer", "manager", "admin"}) {
            Response r = admin.post("/api/v1/users", """
                {"username":"mixed.%s","displayName":"Mixed","roles":["requester","%s"],"password":"a-long-enough-password"}"""
                .formatted(staff, staff));
            assertThat(r.status()).as(staff).isEqualTo(422);
            assertThat(field(r)).isEqualTo("roles");
        }
        ApiClient.as(port, "pure.requester", "requester");
        String etag = admin.get("/api/v1/users/pure.requester").header("ETag");
        Response patched = admin.patch("/api/v1/users/pure.requester", "{\"roles\":[\"requester\",\"viewer\"]}", etag);
        assertThat(patched.status()).isEqualTo(422);
        // Still a requester only: they see their own tickets, never the desk's.
        assertThat(ApiClient.as(port, "pure.requester").get("/api/v1/cis").status()).isEqualTo(403);
    }

    @Test
    void overLongNamesAndEmailsAre422() {
        ApiClient admin = ApiClient.adminToken(port);
        ApiClient.as(port, "long.names", "viewer");
        String etag = admin.get("/api/v1/users/long.names").header("ETag");
        Response name = admin.patch("/api/v1/users/long.names", "{\"displayName\":\"%s\"}".formatted("n".repeat(201)), etag);
        assertThat(name.status()).isEqualTo(422);
        assertThat(field(name)).isEqualTo("displayName");
        Response email = admin.patch("/api/v1/users/long.names", "{\"email\":\"%s@example.gov.uk\"}".formatted("e".repeat(320)), etag);
        assertThat(email.status()).isEqualTo(422);
        assertThat(field(email)).isEqualTo("email");
    }

    @Test
    void tokenExpiriesAndNamesAreBounded() {
        ApiClient viewer = ApiClient.as(port, "token.bounds", "viewer");
        for (String expiry : new String[] {"+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "2001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z"}) {
            Response r = viewer.post("/api/v1/tokens", "{\"name\":\"far\",\"expiresAt\":\"%s\"}".formatted(expiry));
            assertThat(r.status()).as(expiry).isEqualTo(422);
            assertThat(field(r)).isEqualTo("expiresAt");
        }
        // Beyond what an instant can hold at all: unreadable, so 400, still problem details.
        Response unreadable = viewer.post("/api/v1/tokens", "{\"name\":\"far\",\"expiresAt\":\"+1000000001-01-01T00:00:00Z\"}");
        assertThat(unreadable.status()).isIn(400, 422);
        assertThat(unreadable.header("Content-Type")).startsWith("application/problem+json");

        Response longName = viewer.post("/api/v1/tokens", "{\"name\":\"%s\"}".formatted("t".repeat(101)));
        assertThat(longName.status()).isEqualTo(422);
        assertThat(field(longName)).isEqualTo("name");
        assertThat(viewer.post("/api/v1/tokens", "{\"name\":\"in a year\",\"expiresAt\":\"%s\"}"
            .formatted(java.time.Instant.now().plus(java.time.Duration.ofDays(365)))).status()).isEqualTo(201);
    }

    @Test
    void theTokenPageRefusesDatesBeyondItsBoundWithTheErrorPattern() {
        ApiClient.as(port, "token.page.bounds", "viewer");
        SourceClient browser = new SourceClient(port, "127.0.21.1");
        browser.formLogin("token.page.bounds", ApiClient.PASSWORD);
        browser.get("/account/tokens");
        for (String date : new String[] {"+999999999-12-31", "-999999999-01-01", "9999-12-31", "2001-01-01", "31/12/2027"}) {
            SourceClient.Answer a = browser.post("/account/tokens", java.util.Map.of("name", "far", "expiresOn", date));
            assertThat(a.status()).as(date).isEqualTo(200);
            assertThat(a.body()).as(date).contains("govuk-error-summary").doesNotContain("Token created");
        }
    }
}
