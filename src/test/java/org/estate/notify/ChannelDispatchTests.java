package org.estate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.estate.notify.internal.MailDispatcher;
import org.estate.platform.ValidationException;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/** Teams, Slack and webhook channels through the outbox to local HTTP receivers; the channel API keeps URLs and secrets to itself. */
@EstateTest
@RecordApplicationEvents
class ChannelDispatchTests {

    static TestReceiver receiver;

    @LocalServerPort
    int port;
    @Autowired
    Notifier notifier;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void start() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String channel(String type, String path, String secret) {
        String key = type + "-" + unique();
        Response r = ApiClient.adminToken(port).post("/api/v1/channels", "{\"key\":\"" + key + "\",\"type\":\"" + type + "\",\"url\":\""
            + receiver.url(path) + "\"" + (secret == null ? "" : ",\"secret\":\"" + secret + "\"") + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return key;
    }

    private long queue(Notification n) {
        return transaction.execute(t -> notifier.queue(n));
    }

    private NotificationView view(long id) {
        return notifier.find(id).orElseThrow();
    }

    @Test
    void aChannelsUrlAndSecretAreNeverReturnedAndAreStoredSealed() {
        ApiClient admin = ApiClient.adminToken(port);
        String path = "/secret-path-" + unique();
        String key = channel("webhook", path, "s3cret-" + path);
        for (Response r : new Response[] {admin.get("/api/v1/channels"), admin.get("/api/v1/channels/" + key)}) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains(key).doesNotContain(path).doesNotContain("s3cret").doesNotContain("\"url\"").doesNotContain("\"secret\"");
        }
        assertThat(admin.get("/api/v1/channels/" + key).json().get("hasSecret").asBoolean()).isTrue();
        String stored = jdbc.sql("SELECT url_sealed || ' ' || secret_sealed FROM notify_channel WHERE channel_key = ?").param(key)
            .query(String.class).single();
        assertThat(stored).doesNotContain(path).doesNotContain("s3cret").doesNotContain("127.0.0.1");
        assertThat(admin.get("/api/v1/audit?entity=notify-channel&entityId=" + key).body()).doesNotContain(path).doesNotContain("s3cret");

        Response etag = admin.get("/api/v1/channels/" + key);
        Response replaced = admin.send("PUT", "/api/v1/channels/" + key, "{\"type\":\"webhook\",\"url\":\"" + receiver.url(path + "/v2") + "\",\"secret\":\"\"}",
            "application/json", java.util.Map.of("If-Match", etag.header("ETag")));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("hasSecret").asBoolean()).isFalse();
        assertThat(replaced.body()).doesNotContain(path);
        assertThat(admin.send("PUT", "/api/v1/channels/" + key, "{\"type\":\"webhook\",\"url\":\"" + receiver.url(path) + "\"}",
            "application/json", java.util.Map.of("If-Match", etag.header("ETag"))).status()).as("a stale ETag").isEqualTo(412);
        assertThat(admin.delete("/api/v1/channels/" + key).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/channels/" + key).status()).isEqualTo(404);
    }

    @Test
    void aChannelIsCheckedAndOnlyForAdmins() {
        ApiClient admin = ApiClient.adminToken(port);
        Response bad = admin.post("/api/v1/channels", "{\"key\":\"Bad Key\",\"type\":\"pager\",\"url\":\"ftp://example.org/x\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"key\"", "\"type\"", "\"url\"");
        Response secretOnSlack = admin.post("/api/v1/channels", "{\"key\":\"s-" + unique() + "\",\"type\":\"slack\",\"url\":\"https://hooks.example.org/x\",\"secret\":\"x\"}");
        assertThat(secretOnSlack.status()).isEqualTo(422);
        assertThat(secretOnSlack.body()).contains("\"secret\"");
        Response tooLong = admin.post("/api/v1/channels", "{\"key\":\"l-" + unique() + "\",\"type\":\"slack\",\"url\":\"https://hooks.example.org/" + "x".repeat(2100) + "\"}");
        assertThat(tooLong.status()).isEqualTo(422);
        String key = channel("slack", "/dup", null);
        assertThat(admin.post("/api/v1/channels", "{\"key\":\"" + key + "\",\"type\":\"slack\",\"url\":\"https://hooks.example.org/x\"}").status())
            .isEqualTo(409);
        ApiClient manager = ApiClient.as(port, "channels.manager", "manager");
        assertThat(manager.get("/api/v1/channels").status()).isEqualTo(403);
        assertThat(manager.post("/api/v1/channels", "{\"key\":\"m-" + unique() + "\",\"type\":\"slack\",\"url\":\"https://hooks.example.org/x\"}").status())
            .isEqualTo(403);
        assertThat(manager.delete("/api/v1/channels/" + key).status()).isEqualTo(403);
        assertThat(manager.get("/api/v1/notifications").status()).isEqualTo(403);
    }

    @Test
    void teamsSlackAndSignedWebhooksArePostedInTheirFormats() throws Exception {
        String s = unique();
        String teams = channel("teams", "/teams-" + s, null);
        String slack = channel("slack", "/slack-" + s, null);
        String hook = channel("webhook", "/hook-" + s, "key-" + s);
        long t = queue(Notification.toChannel(teams, "P1 on web-01", "Disk full\nsecond line", "INC-" + s));
        long k = queue(Notification.toChannel(slack, "P1 on web-01", "Disk full <@here> & more", "INC-" + s));
        long w = queue(Notification.toChannel(hook, "P1 on web-01", "Disk full", "INC-" + s));
        assertThat(view(w).status()).isEqualTo("queued");
        assertThat(view(w).channel()).isEqualTo("webhook");
        assertThat(view(w).recipient()).isEqualTo(hook);
        dispatcher.dispatchDue();

        JsonNode card = ApiClient.JSON.readTree(receiver.at("/teams-" + s).getFirst().body());
        assertThat(card.get("type").asString()).isEqualTo("message");
        JsonNode attachment = card.get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.get("content").get("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(attachment.get("content").get("version").asString()).isEqualTo("1.4");
        JsonNode blocks = attachment.get("content").get("body");
        assertThat(blocks.get(0).get("type").asString()).isEqualTo("TextBlock");
        assertThat(blocks.get(0).get("text").asString()).isEqualTo("P1 on web-01");
        assertThat(blocks.get(0).get("weight").asString()).isEqualTo("Bolder");
        assertThat(blocks.get(1).get("text").asString()).isEqualTo("Disk full\nsecond line");
        assertThat(blocks.get(1).get("wrap").asBoolean()).isTrue();

        JsonNode slackBody = ApiClient.JSON.readTree(receiver.at("/slack-" + s).getFirst().body());
        assertThat(slackBody.get("text").asString()).isEqualTo("*P1 on web-01*\nDisk full &lt;@here&gt; &amp; more");

        TestReceiver.Request post = receiver.at("/hook-" + s).getFirst();
        JsonNode json = ApiClient.JSON.readTree(post.body());
        assertThat(json.get("id").asLong()).isEqualTo(w);
        assertThat(json.get("reference").asString()).isEqualTo("INC-" + s);
        assertThat(json.get("subject").asString()).isEqualTo("P1 on web-01");
        assertThat(json.get("body").asString()).isEqualTo("Disk full");
        assertThat(Instant.parse(json.get("at").asString())).isEqualTo(view(w).at());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(("key-" + s).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(post.header("X-Estate-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(post.body())));
        assertThat(receiver.at("/slack-" + s).getFirst().header("X-Estate-Signature")).as("unsigned without a secret").isNull();

        for (long id : new long[] {t, k, w}) {
            assertThat(view(id).status()).isEqualTo("sent");
            assertThat(view(id).sentAt()).isNotNull();
            assertThat(view(id).attempts()).isEqualTo(1);
        }
    }

    @Test
    void aPersonsOwnWebhookIsSealedInTheOutboxAndPostedInItsFormat() {
        String s = unique();
        String url = receiver.url("/own-" + s);
        long id = queue(Notification.webhook("slack", "alice (slack)", url, "Paged", "You are paged", "page:" + s));
        String stored = jdbc.sql("SELECT url_sealed FROM notify_outbox WHERE id = ?").param(id).query(String.class).single();
        assertThat(stored).isNotBlank().doesNotContain("/own-" + s);
        assertThat(view(id).recipient()).isEqualTo("alice (slack)");
        dispatcher.dispatchDue();
        assertThat(receiver.at("/own-" + s)).singleElement().satisfies(r -> assertThat(r.text()).isEqualTo("{\"text\":\"*Paged*\\nYou are paged\"}"));
        assertThat(view(id).status()).isEqualTo("sent");
        Response api = ApiClient.adminToken(port).get("/api/v1/notifications?channel=slack&size=500");
        assertThat(api.body()).contains("alice (slack)").doesNotContain("/own-" + s).doesNotContain("You are paged");
    }

    @Test
    void aServerErrorIsRetriedWithBackOffThenSent() {
        String s = unique();
        String key = channel("webhook", "/retry-" + s, null);
        Instant t0 = TestClock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        long id = queue(Notification.toChannel(key, "Retry", "b", "retry-" + s));
        receiver.thenAnswer(500);
        dispatcher.dispatchDue();
        NotificationView after500 = view(id);
        assertThat(after500.status()).isEqualTo("queued");
        assertThat(after500.attempts()).isEqualTo(1);
        assertThat(after500.lastError()).contains("500");
        dispatcher.dispatchDue(); // the back-off holds it
        assertThat(receiver.at("/retry-" + s)).hasSize(1);
        TestClock.set(t0.plus(Duration.ofMinutes(1)));
        dispatcher.dispatchDue();
        assertThat(receiver.at("/retry-" + s)).hasSize(2);
        assertThat(view(id).status()).isEqualTo("sent");
        assertThat(view(id).attempts()).isEqualTo(2);
        assertThat(view(id).lastError()).isNull();
    }

    @Test
    void aRefusalFailsForGoodAndIsAnnounced(ApplicationEvents events) {
        String s = unique();
        String key = channel("teams", "/gone-" + s, null);
        long id = queue(Notification.toChannel(key, "Refused", "b", "gone-" + s));
        receiver.thenAnswer(404);
        dispatcher.dispatchDue();
        assertThat(view(id).status()).isEqualTo("failed");
        assertThat(view(id).lastError()).contains("404");
        assertThat(events.stream(NotificationFailed.class)).containsExactly(new NotificationFailed(id, "teams", "gone-" + s));
        dispatcher.dispatchDue();
        assertThat(receiver.at("/gone-" + s)).as("never tried again").hasSize(1);
    }

    @Test
    void aMessageToADeletedChannelFails(ApplicationEvents events) {
        String s = unique();
        String key = channel("slack", "/deleted-" + s, null);
        long id = queue(Notification.toChannel(key, "x", "b", "deleted-" + s));
        assertThat(ApiClient.adminToken(port).delete("/api/v1/channels/" + key).status()).isEqualTo(204);
        dispatcher.dispatchDue();
        assertThat(view(id).status()).isEqualTo("failed");
        assertThat(events.stream(NotificationFailed.class).map(NotificationFailed::id)).contains(id);
        assertThat(receiver.at("/deleted-" + s)).isEmpty();
    }

    @Test
    void cancelTouchesOnlyQueuedMessagesAndNotBeforeHoldsOne() {
        String s = unique();
        String key = channel("slack", "/cancel-" + s, null);
        Instant t0 = TestClock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        long sent = queue(Notification.toChannel(key, "a", "first", "page:" + s));
        dispatcher.dispatchDue();
        long later = queue(Notification.toChannel(key, "b", "second", "page:" + s).at(t0.plus(Duration.ofMinutes(5))));
        long other = queue(Notification.toChannel(key, "c", "other", "page:other-" + s).at(t0.plus(Duration.ofMinutes(5))));
        dispatcher.dispatchDue();
        assertThat(view(later).status()).as("not before its time").isEqualTo("queued");
        int cancelled = transaction.execute(t -> notifier.cancel("page:" + s));
        assertThat(cancelled).isEqualTo(1);
        assertThat(view(sent).status()).isEqualTo("sent");
        assertThat(view(later).status()).isEqualTo("cancelled");
        assertThat(notifier.withReferencePrefix("page:").stream().map(NotificationView::id)).contains(sent, later, other);
        assertThat(notifier.withReferencePrefix("page:" + s).stream().map(NotificationView::id)).containsExactly(sent, later);
        TestClock.set(t0.plus(Duration.ofMinutes(6)));
        dispatcher.dispatchDue();
        assertThat(view(later).status()).isEqualTo("cancelled");
        assertThat(view(other).status()).isEqualTo("sent");
        assertThat(receiver.at("/cancel-" + s).stream().map(TestReceiver.Request::text).toList())
            .noneMatch(b -> b.contains("second")).anyMatch(b -> b.contains("other"));
    }

    @Test
    void queueingChecksItsInputAndNeedsTheCallersTransaction() {
        assertThatThrownBy(() -> queue(Notification.toChannel("no-such-" + unique(), "s", "b", "r")))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("recipient"));
        assertThatThrownBy(() -> queue(new Notification("pigeon", "x", null, false, "s", "b", "r", null)))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("channel"));
        assertThatThrownBy(() -> queue(Notification.webhook("teams", "bob (teams)", "file:///etc/passwd", "s", "b", "r")))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("url"));
        assertThatThrownBy(() -> notifier.queue(Notification.sms("+447700900123", "b", "r")))
            .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
        String key = channel("slack", "/exists", null);
        assertThat(notifier.channelExists(key)).isTrue();
        assertThat(notifier.channelExists("no-such-" + unique())).isFalse();
    }

    @Test
    void theNotificationsApiFiltersByChannelAndStatusAndRefusesUnknownValues() {
        String s = unique();
        long sms = queue(Notification.sms("+447700900" + (100 + (int) (Math.random() * 800)), "Secret body " + s, "sms-" + s));
        ApiClient admin = ApiClient.adminToken(port);
        Response queuedSms = admin.get("/api/v1/notifications?channel=sms&status=queued&size=500");
        assertThat(queuedSms.status()).isEqualTo(200);
        JsonNode items = queuedSms.json().get("items");
        assertThat(items.size()).isGreaterThanOrEqualTo(1);
        items.forEach(i -> {
            assertThat(i.get("channel").asString()).isEqualTo("sms");
            assertThat(i.get("status").asString()).isEqualTo("queued");
        });
        JsonNode mine = null;
        for (JsonNode i : items) {
            if (i.get("id").asLong() == sms) {
                mine = i;
            }
        }
        assertThat(mine).isNotNull();
        for (String field : new String[] {"id", "channel", "recipient", "status", "attempts", "providerId", "at", "reference", "lastError"}) {
            assertThat(mine.has(field)).as(field).isTrue();
        }
        assertThat(queuedSms.json().get("page").asInt()).isZero();
        assertThat(queuedSms.json().has("total")).isTrue();
        assertThat(queuedSms.body()).doesNotContain("Secret body");
        assertThat(admin.get("/api/v1/notifications?channel=email,sms&status=sent&status=failed").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/notifications?channel=email&size=500").json().get("items").findValuesAsString("channel"))
            .doesNotContain("sms");
        Response badChannel = admin.get("/api/v1/notifications?channel=pigeon");
        assertThat(badChannel.status()).isEqualTo(422);
        assertThat(badChannel.body()).contains("channel");
        Response badStatus = admin.get("/api/v1/notifications?status=pending");
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.body()).contains("status");
        assertThat(admin.get("/api/v1/outbox?status=queued").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/outbox?status=pending").status()).isEqualTo(422);
    }

    @Test
    void withoutACallbackTokenEveryReceiptIsRefused() {
        Response r = ApiClient.anonymous(port).send("POST", "/api/v1/notify/callbacks", "{\"id\":\"x\",\"status\":\"delivered\"}",
            "application/json", java.util.Map.of("Authorization", "Bearer anything"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(ApiClient.anonymous(port).post("/api/v1/notify/callbacks", "{}").status()).isEqualTo(401);
    }

    @Test
    void aMessageLeftSendingByADeadNodeIsClaimedAgainWhenItsLeasePasses() {
        String s = unique();
        String key = channel("webhook", "/lease-" + s, null);
        Instant t0 = TestClock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        long id = queue(Notification.toChannel(key, "Lease", "b", "lease-" + s));
        // Another node claimed it (attempt 1, five minutes' lease) and died before recording anything.
        assertThat(jdbc.sql("UPDATE notify_outbox SET status = 'sending', attempts = 1, next_attempt_at = ? WHERE id = ? AND status = 'queued'")
            .params(java.sql.Timestamp.from(t0.plus(Duration.ofMinutes(5))), id).update()).isEqualTo(1);
        int cancelled = transaction.execute(t -> notifier.cancel("lease-" + s));
        assertThat(cancelled).as("being sent: not cancellable").isZero();
        dispatcher.dispatchDue();
        assertThat(receiver.at("/lease-" + s)).as("the lease still holds").isEmpty();
        TestClock.set(t0.plus(Duration.ofMinutes(5)));
        dispatcher.dispatchDue();
        assertThat(receiver.at("/lease-" + s)).hasSize(1);
        assertThat(view(id).status()).isEqualTo("sent");
        assertThat(view(id).attempts()).isEqualTo(2);
    }
}
