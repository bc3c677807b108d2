package org.estate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Feed tokens through real HTTP: shown once and stored hashed, listed without the token, revoked
 * (own only), good for the calendar feed and for nothing else (not as a bearer token, not on any
 * other path, not for writing), and dead once their owner is disabled.
 */
@EstateTest
class FeedTokenApiTests {

    private static final String FEED = "/api/v1/changes/calendar.ics?feed=";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final String s = UUID.randomUUID().toString().substring(0, 6);

    private Response create(ApiClient who, String name) {
        return who.post("/api/v1/feed-tokens", "{\"name\":\"" + name + "\"}");
    }

    private Response feed(String token) {
        return ApiClient.anonymous(port).get(FEED + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTokenIsShownOnceStoredHashedListedWithoutItAndReadsTheFeed() throws Exception {
        ApiClient viewer = ApiClient.as(port, "feed.viewer." + s, "viewer");
        Response r = create(viewer, "Outlook on my laptop");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode body = r.json();
        String token = body.get("token").asString();
        long id = body.get("id").asLong();
        assertThat(body.get("name").asString()).isEqualTo("Outlook on my laptop");
        assertThat(token).startsWith("esf_").hasSizeGreaterThan(40);
        assertThat(r.header("Location")).isEqualTo("/api/v1/feed-tokens/" + id);

        // Only the hash is kept: no column holds the token.
        Map<String, Object> row = jdbc.sql("SELECT * FROM feed_token WHERE id = ?").param(id).query().singleRow();
        assertThat(row.get("token_hash")).isEqualTo(sha256(token));
        assertThat(row.values()).doesNotContain(token);

        Response list = viewer.get("/api/v1/feed-tokens");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Outlook on my laptop").doesNotContain(token);
        assertThat(list.json().get("total").asInt()).isEqualTo(1);
        assertThat(list.json().get("items").get(0).has("token")).isFalse();
        assertThat(list.json().get("items").get(0).get("prefix").asString()).isEqualTo(token.substring(0, 10));

        Response ics = feed(token);
        assertThat(ics.status()).as(ics.body()).isEqualTo(200);
        assertThat(ics.header("Content-Type")).startsWith("text/calendar");
        assertThat(ics.body()).startsWith("BEGIN:VCALENDAR");
        // Use is recorded (at most once a minute).
        assertThat(viewer.get("/api/v1/feed-tokens").json().get("items").get(0).get("lastUsedAt").isNull()).isFalse();

        // A name is required; another user's list does not show this token.
        Response noName = create(viewer, " ");
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(ApiClient.as(port, "feed.other." + s, "engineer").get("/api/v1/feed-tokens").body()).doesNotContain("Outlook on my laptop");
    }

    @Test
    void aFeedTokenOpensTheFeedAndNothingElse() {
        ApiClient engineer = ApiClient.as(port, "feed.eng." + s, "engineer");
        String token = create(engineer, "Calendar").json().get("token").asString();
        assertThat(feed(token).status()).isEqualTo(200);

        // Not an API token: as a bearer token it is refused, even on the feed's own path and the JSON calendar.
        ApiClient bearer = ApiClient.bearer(port, token);
        assertThat(bearer.get("/api/v1/changes/calendar?from=2031-01-01T00:00:00Z&to=2031-02-01T00:00:00Z").status()).isEqualTo(401);
        assertThat(bearer.get("/api/v1/feed-tokens").status()).isEqualTo(401);
        assertThat(bearer.get("/api/v1/changes/calendar.ics").status()).isEqualTo(401);

        // As ?feed= on any other path it is ignored: the caller stays anonymous.
        ApiClient anonymous = ApiClient.anonymous(port);
        for (String path : List.of("/api/v1/changes/calendar?from=2031-01-01T00:00:00Z&to=2031-02-01T00:00:00Z&feed=",
            "/api/v1/feed-tokens?feed=", "/api/v1/cis?feed=", "/api/v1/changes?feed=", "/api/v1/incidents?feed=")) {
            assertThat(anonymous.get(path + token).status()).as(path).isEqualTo(401);
        }
        // ... and on pages: the sign-in page, not the calendar.
        Response page = anonymous.get("/changes/calendar?feed=" + token);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).contains("/login");

        // Read-only: a write to the feed's path with the token is refused before anything runs.
        assertThat(anonymous.post(FEED + token, "{}").status()).isEqualTo(401);
        assertThat(anonymous.send("DELETE", FEED + token, null, null, Map.of()).status()).isEqualTo(401);

        // The feed takes a feed token and nothing else: not an API token, not a password.
        assertThat(ApiClient.adminToken(port).get("/api/v1/changes/calendar.ics").status()).isEqualTo(401);
        assertThat(ApiClient.admin(port).get("/api/v1/changes/calendar.ics").status()).isEqualTo(401);
        assertThat(feed("esf_not-a-real-token").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/changes/calendar.ics").status()).isEqualTo(401);
    }

    @Test
    void revokingStopsTheTokenAndOnlyTheOwnerCanRevoke() {
        ApiClient owner = ApiClient.as(port, "feed.owner." + s, "viewer");
        ApiClient other = ApiClient.as(port, "feed.stranger." + s, "manager");
        Response created = create(owner, "Phone");
        String token = created.json().get("token").asString();
        long id = created.json().get("id").asLong();
        assertThat(feed(token).status()).isEqualTo(200);

        assertThat(other.delete("/api/v1/feed-tokens/" + id).status()).isEqualTo(404);
        assertThat(feed(token).status()).isEqualTo(200);
        assertThat(owner.delete("/api/v1/feed-tokens/" + id).status()).isEqualTo(204);
        assertThat(feed(token).status()).isEqualTo(401);
        assertThat(owner.delete("/api/v1/feed-tokens/" + id).status()).isEqualTo(404);
        assertThat(owner.get("/api/v1/feed-tokens").body()).doesNotContain("\"Phone\"");

        // Both writes are in the audit log.
        long audited = jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE entity = 'feed-token' AND entity_id = ?")
            .param(String.valueOf(id)).query(Long.class).single();
        assertThat(audited).isEqualTo(2);
    }

    @Test
    void aDisabledUsersTokensStopWorkingAndRequestersGetNone() {
        String username = "feed.leaver." + s;
        ApiClient leaver = ApiClient.as(port, username, "engineer");
        String token = create(leaver, "Outlook").json().get("token").asString();
        assertThat(feed(token).status()).isEqualTo(200);
        ApiClient admin = ApiClient.admin(port);
        String etag = admin.get("/api/v1/users/" + username).header("ETag");
        assertThat(admin.patch("/api/v1/users/" + username, "{\"enabled\":false}", etag).status()).isEqualTo(200);
        assertThat(feed(token).status()).isEqualTo(401);
        etag = admin.get("/api/v1/users/" + username).header("ETag");
        assertThat(admin.patch("/api/v1/users/" + username, "{\"enabled\":true}", etag).status()).isEqualTo(200);
        assertThat(feed(token).status()).isEqualTo(200);

        // Council staff who only raise tickets do not read the change calendar.
        ApiClient requester = ApiClient.as(port, "feed.requester." + s, "requester");
        assertThat(create(requester, "Mine").status()).isEqualTo(403);
        assertThat(requester.get("/api/v1/feed-tokens").status()).isEqualTo(403);
        assertThat(ApiClient.anonymous(port).post("/api/v1/feed-tokens", "{\"name\":\"x\"}").status()).isEqualTo(401);
    }
}
