package org.estate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.estate.notify.internal.MailDispatcher;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * SMS and email through GOV.UK Notify's official client to a local stub that verifies the JWT (HS256
 * with the key's secret, iss the service id, iat within 30 s) and the request bodies; 429 throttling,
 * a 400 refusal, delivery receipts on the callback; and the private-address setting turned off.
 * Its own application context and database: Notify is set up here (with email through it) and nowhere else.
 */
@EstateTest
@TestPropertySource(properties = {"estate.test.own-database=true", "estate.notify.allow-private-addresses=false",
    "estate.notify.sms-template-id=" + GovUkNotifyTests.SMS_TEMPLATE, "estate.notify.email-template-id=" + GovUkNotifyTests.EMAIL_TEMPLATE,
    "estate.notify.callback-token=" + GovUkNotifyTests.CALLBACK_TOKEN})
class GovUkNotifyTests {

    static final String SMS_TEMPLATE = "6a5b0e3c-1d2e-4f50-8a9b-0c1d2e3f4a5b";
    static final String EMAIL_TEMPLATE = "7b6c1f4d-2e3f-4061-9bac-1d2e3f4a5b6c";
    static final String CALLBACK_TOKEN = "notify-callback-token-for-tests-0123456789";
    static final String SERVICE_ID = UUID.randomUUID().toString();
    static final String SECRET = UUID.randomUUID().toString();
    static final String API_KEY = "estate_test-" + SERVICE_ID + "-" + SECRET;
    static final TestReceiver NOTIFY = stub();
    static final List<String> JWT_PROBLEMS = new CopyOnWriteArrayList<>();
    static final List<NotificationFailed> FAILED = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;
    @Autowired
    Notifier notifier;
    @Autowired
    Mailer mailer;
    @Autowired
    MailDispatcher dispatcher;
    @Autowired
    TransactionTemplate transaction;

    @DynamicPropertySource
    static void notify(DynamicPropertyRegistry registry) {
        registry.add("estate.notify.api-key", () -> API_KEY);
        registry.add("estate.notify.base-url", () -> NOTIFY.url(""));
    }

    @TestConfiguration
    static class Failures {
        @EventListener
        void on(NotificationFailed event) {
            FAILED.add(event);
        }
    }

    @AfterEach
    void reset() {
        TestClock.reset();
    }

    @AfterAll
    static void stop() {
        NOTIFY.close();
    }

    /** Notify's API as far as Estate uses it: 403 for a JWT that does not verify, 400 for a bad number, else 201. */
    private static TestReceiver stub() {
        try {
            TestReceiver r = new TestReceiver();
            r.handler = request -> {
                String problem = jwtProblem(request.header("Authorization"));
                if (problem != null) {
                    JWT_PROBLEMS.add(problem);
                    return new TestReceiver.Answer(403, "{\"status_code\":403,\"errors\":[{\"error\":\"AuthError\",\"message\":\"" + problem + "\"}]}");
                }
                JsonNode body = ApiClient.JSON.readTree(request.body());
                String id = UUID.randomUUID().toString();
                if (request.path().equals("/v2/notifications/sms")) {
                    if (body.get("phone_number").asString().startsWith("+440")) {
                        return new TestReceiver.Answer(400, "{\"status_code\":400,\"errors\":[{\"error\":\"ValidationError\",\"message\":\"phone_number Not a UK mobile number\"}]}");
                    }
                    return new TestReceiver.Answer(201, "{\"id\":\"" + id + "\",\"reference\":\"" + body.get("reference").asString()
                        + "\",\"content\":{\"body\":\"x\",\"from_number\":\"Estate\"},\"template\":{\"id\":\"" + SMS_TEMPLATE
                        + "\",\"version\":1,\"uri\":\"http://x/t\"}}");
                }
                if (request.path().equals("/v2/notifications/email")) {
                    return new TestReceiver.Answer(201, "{\"id\":\"" + id + "\",\"reference\":\"" + body.get("reference").asString()
                        + "\",\"content\":{\"body\":\"x\",\"subject\":\"s\",\"from_email\":\"estate@example.gov.uk\"},\"template\":{\"id\":\""
                        + EMAIL_TEMPLATE + "\",\"version\":1,\"uri\":\"http://x/t\"}}");
                }
                return new TestReceiver.Answer(404, "{}");
            };
            return r;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why the Authorization header is not a JWT Notify would accept (null: it is). */
    static String jwtProblem(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "no bearer token";
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return "not a JWS";
        }
        try {
            JsonNode header = ApiClient.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = ApiClient.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!"HS256".equals(header.get("alg").asString())) {
                return "alg is not HS256";
            }
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return "signature does not verify";
            }
            if (!SERVICE_ID.equals(claims.get("iss").asString())) {
                return "iss is not the service id";
            }
            if (Math.abs(claims.get("iat").asLong() - Instant.now().getEpochSecond()) > 30) {
                return "iat is not within 30 s";
            }
            return null;
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }

    private long queue(Notification n) {
        return transaction.execute(t -> notifier.queue(n));
    }

    private NotificationView view(long id) {
        return notifier.find(id).orElseThrow();
    }

    private static JsonNode body(TestReceiver.Request r) {
        return ApiClient.JSON.readTree(r.body());
    }

    private Response callback(String token, String json) {
        return ApiClient.anonymous(port).send("POST", "/api/v1/notify/callbacks", json, "application/json",
            token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private static String receipt(String providerId, long reference, String status) {
        return """
            {"id":"%s","reference":"%d","to":"+447700900123","status":"%s","created_at":"2026-11-30T10:00:00.000000Z",
             "completed_at":"2026-11-30T10:00:05.000000Z","sent_at":"2026-11-30T10:00:01.000000Z","notification_type":"sms"}"""
            .formatted(providerId, reference, status);
    }

    @Test
    void smsAndEmailGoThroughNotifyWithAVerifiedJwtAndTheRightBodies() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        long sms = queue(Notification.sms("+447700900123", "Disk full on web-01 " + s, "INC-" + s));
        transaction.executeWithoutResult(t -> mailer.send(new Email(List.of("pat@eastmoor.example", "sam@eastmoor.example"),
            "Subject " + s, "Email body " + s, "MAIL-" + s)));
        assertThat(dispatcher.dispatchDue()).isEqualTo(3);
        assertThat(JWT_PROBLEMS).isEmpty();

        TestReceiver.Request smsRequest = NOTIFY.at("/v2/notifications/sms").stream()
            .filter(r -> body(r).get("reference").asString().equals(String.valueOf(sms))).findFirst().orElseThrow();
        assertThat(jwtProblem(smsRequest.header("Authorization"))).isNull();
        JsonNode b = body(smsRequest);
        assertThat(b.get("phone_number").asString()).isEqualTo("+447700900123");
        assertThat(b.get("template_id").asString()).isEqualTo(SMS_TEMPLATE);
        assertThat(b.get("personalisation").get("body").asString()).isEqualTo("Disk full on web-01 " + s);
        NotificationView sent = view(sms);
        assertThat(sent.status()).isEqualTo("sent");
        assertThat(sent.providerId()).matches("[0-9a-f-]{36}");

        List<NotificationView> emails = notifier.withReferencePrefix("MAIL-" + s);
        assertThat(emails).as("one message an address through Notify").hasSize(2)
            .allSatisfy(e -> assertThat(e.status()).isEqualTo("sent"));
        assertThat(emails.stream().map(NotificationView::recipient)).containsExactly("pat@eastmoor.example", "sam@eastmoor.example");
        List<JsonNode> emailBodies = NOTIFY.at("/v2/notifications/email").stream().map(GovUkNotifyTests::body)
            .filter(e -> e.get("personalisation").get("subject").asString().equals("Subject " + s)).toList();
        assertThat(emailBodies).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("template_id").asString()).isEqualTo(EMAIL_TEMPLATE);
            assertThat(e.get("personalisation").get("body").asString()).isEqualTo("Email body " + s);
        });
        assertThat(emailBodies.stream().map(e -> e.get("email_address").asString())).containsExactlyInAnyOrder("pat@eastmoor.example", "sam@eastmoor.example");
        assertThat(emailBodies.stream().map(e -> e.get("reference").asString()))
            .containsExactlyInAnyOrderElementsOf(emails.stream().map(e -> String.valueOf(e.id())).toList());
    }

    @Test
    void notifysRateLimitIsWaitedOutNotCountedAsAFailure() {
        Instant t0 = TestClock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        long a = queue(Notification.sms("+447700900124", "First", "rate-a"));
        NOTIFY.thenAnswer(429);
        int before = NOTIFY.at("/v2/notifications/sms").size();
        dispatcher.dispatchDue();
        assertThat(NOTIFY.at("/v2/notifications/sms").size() - before).isEqualTo(1);
        assertThat(view(a).status()).isEqualTo("queued");
        assertThat(view(a).lastError()).containsAnyOf("429", "rate limit");
        // After a 429 the pass stops claiming: a message queued now waits for the next pass.
        long b = queue(Notification.sms("+447700900125", "Second", "rate-b"));
        // Notify's limit is per minute, rolling: a throttled message is tried again within seconds, not minutes.
        TestClock.set(t0.plus(Duration.ofSeconds(1)));
        dispatcher.dispatchDue();
        assertThat(view(a).status()).as("not due yet").isEqualTo("queued");
        assertThat(view(b).status()).as("a new message goes").isEqualTo("sent");
        TestClock.set(t0.plus(Duration.ofSeconds(2)));
        dispatcher.dispatchDue();
        assertThat(view(a).status()).isEqualTo("sent");
        assertThat(view(a).attempts()).as("a throttled attempt is not counted").isEqualTo(1);
    }

    @Test
    void aBadNumberFailsAtOnceAndIsAnnounced() {
        long id = queue(Notification.sms("+440000", "x", "bad-number"));
        dispatcher.dispatchDue();
        NotificationView v = view(id);
        assertThat(v.status()).isEqualTo("failed");
        assertThat(v.attempts()).isEqualTo(1);
        assertThat(v.lastError()).contains("Not a UK mobile number").doesNotContain(SECRET);
        assertThat(FAILED).contains(new NotificationFailed(id, "sms", "bad-number"));
    }

    @Test
    void receiptsNeedTheCallbackTokenAndRecordDeliveryOrFailure() {
        long delivered = queue(Notification.sms("+447700900126", "Delivered", "receipt-ok"));
        long lost = queue(Notification.sms("+447700900127", "Lost", "receipt-lost"));
        dispatcher.dispatchDue();
        String deliveredId = view(delivered).providerId();
        String lostId = view(lost).providerId();

        Response missing = callback(null, receipt(deliveredId, delivered, "delivered"));
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("Content-Type")).contains("application/problem+json");
        assertThat(callback("wrong-token", "{not json").status()).as("the token before the body").isEqualTo(401);
        assertThat(callback(CALLBACK_TOKEN, "{not json").status()).as("an unreadable receipt is ignored").isEqualTo(200);
        assertThat(callback("wrong-token", receipt(deliveredId, delivered, "delivered")).status()).isEqualTo(401);
        String apiToken = ApiClient.adminToken(port).post("/api/v1/tokens", "{\"name\":\"not for callbacks\"}").json().get("token").asString();
        assertThat(callback(apiToken, receipt(deliveredId, delivered, "delivered")).status()).as("an API token is not the callback token").isEqualTo(401);
        assertThat(view(delivered).status()).isEqualTo("sent");

        assertThat(callback(CALLBACK_TOKEN, receipt(deliveredId, delivered, "delivered")).status()).isEqualTo(200);
        assertThat(view(delivered).status()).isEqualTo("delivered");
        assertThat(callback(CALLBACK_TOKEN, receipt(lostId, lost, "permanent-failure")).status()).isEqualTo(200);
        assertThat(view(lost).status()).isEqualTo("failed");
        assertThat(view(lost).lastError()).contains("permanent-failure");
        assertThat(FAILED).contains(new NotificationFailed(lost, "sms", "receipt-lost"));
        assertThat(callback(CALLBACK_TOKEN, receipt(lostId, lost, "permanent-failure")).status()).isEqualTo(200);
        assertThat(FAILED.stream().filter(f -> f.id() == lost)).as("announced once").hasSize(1);
        assertThat(callback(CALLBACK_TOKEN, receipt(UUID.randomUUID().toString(), 999_999_999L, "delivered")).status())
            .as("an unknown id is ignored").isEqualTo(200);
    }

    @Test
    void withPrivateAddressesRefusedNoChannelOrWebhookMayPointInside() throws Exception {
        ApiClient admin = ApiClient.adminToken(port);
        Response loopback = admin.post("/api/v1/channels", "{\"key\":\"inside\",\"type\":\"slack\",\"url\":\"http://127.0.0.1:9/x\"}");
        assertThat(loopback.status()).isEqualTo(422);
        assertThat(loopback.body()).contains("\"url\"", "private");
        assertThat(admin.post("/api/v1/channels", "{\"key\":\"inside2\",\"type\":\"slack\",\"url\":\"http://10.1.2.3/x\"}").status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/channels", "{\"key\":\"inside3\",\"type\":\"slack\",\"url\":\"http://[::1]/x\"}").status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/channels", "{\"key\":\"outside\",\"type\":\"slack\",\"url\":\"https://93.184.215.14/hook\"}").status())
            .isEqualTo(201);

        try (TestReceiver inside = new TestReceiver()) {
            long id = queue(Notification.webhook("teams", "alice (teams)", inside.url("/own"), "s", "b", "private-own"));
            dispatcher.dispatchDue();
            assertThat(view(id).status()).isEqualTo("failed");
            assertThat(view(id).lastError()).contains("private");
            assertThat(inside.requests).isEmpty();
            assertThat(FAILED).contains(new NotificationFailed(id, "teams", "private-own"));
        }
    }
}
