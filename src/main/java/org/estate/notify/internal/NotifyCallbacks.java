package org.estate.notify.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GOV.UK Notify's delivery receipts: the bearer token is compared in constant time with
 * {@code ESTATE_NOTIFY_CALLBACK_TOKEN} (none set: every call is refused); {@code delivered} marks the
 * message delivered, a failure status marks it failed and publishes {@code NotificationFailed}; other
 * statuses and unknown ids are logged and ignored.
 */
@Service
public class NotifyCallbacks {

    private static final Logger log = LoggerFactory.getLogger(NotifyCallbacks.class);
    private static final Set<String> FAILURES = Set.of("permanent-failure", "temporary-failure", "technical-failure");

    private final NotifyProperties settings;
    private final OutboxLedger ledger;
    private final JsonMapper json;

    NotifyCallbacks(NotifyProperties settings, OutboxLedger ledger, JsonMapper json) {
        this.settings = settings;
        this.ledger = ledger;
        this.json = json;
    }

    /** Whether the Authorization header carries the callback token. */
    public boolean authorised(String authorization) {
        if (!settings.callbacksConfigured() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // Compared as digests, so that neither the content nor the length leaks through timing.
        return MessageDigest.isEqual(sha256(authorization.substring(7).trim()), sha256(settings.callbackToken().trim()));
    }

    /** Records a receipt (JSON text); anything unreadable is logged and ignored. */
    public void receive(String body) {
        JsonNode receipt;
        try {
            receipt = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            receipt = null;
        }
        if (receipt == null || !receipt.isObject()) {
            log.info("GOV.UK Notify callback without a receipt: ignored");
            return;
        }
        String id = text(receipt, "id");
        String reference = text(receipt, "reference");
        String status = text(receipt, "status");
        boolean delivered = "delivered".equals(status);
        if (!delivered && !FAILURES.contains(status)) {
            log.info("GOV.UK Notify receipt for {} with status {}: nothing to record", id, status);
            return;
        }
        if (!ledger.receipt(id, reference, delivered, "GOV.UK Notify: " + status)) {
            log.info("GOV.UK Notify receipt for unknown notification {} (reference {}): ignored", id, reference);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : OutboxMailer.truncate(v.asString().replaceAll("\\p{Cntrl}", "?"), 100);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
