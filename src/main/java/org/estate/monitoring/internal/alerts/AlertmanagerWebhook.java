package org.estate.monitoring.internal.alerts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;

import tools.jackson.databind.JsonNode;

/**
 * Reads an Alertmanager webhook body (version 4): {@code version}, {@code status},
 * {@code groupKey}, {@code receiver} and {@code alerts[]}, each with {@code status},
 * {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt} and {@code fingerprint}.
 * Anything else is refused with every problem named, never half-read.
 */
public final class AlertmanagerWebhook {

    public static final int MAX_ALERTS = 1000;
    static final int MAX_FINGERPRINT = 200;

    /** One alert as read; times null when absent or Alertmanager's zero time. */
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations,
                        Instant startsAt, Instant endsAt, String fingerprint) {

        public boolean firing() {
            return "firing".equals(status);
        }
    }

    /** The body as read. */
    public record Body(String status, String groupKey, String receiver, List<Alert> alerts) {
    }

    private AlertmanagerWebhook() {
    }

    /** @throws ValidationException naming each field that is not as version 4 has it */
    public static Body read(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new ValidationException("body", "Send an Alertmanager webhook body (version 4): a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isString() || !"4".equals(version.asString())) {
            errors.add(new FieldError("version", "Only Alertmanager's webhook version \"4\" is understood"));
        }
        String status = status(root.get("status"), "status", errors);
        String groupKey = text(root.get("groupKey"), "groupKey", 10_000, errors);
        String receiver = text(root.get("receiver"), "receiver", 1_000, errors);
        JsonNode alertsNode = root.get("alerts");
        List<Alert> alerts = new ArrayList<>();
        if (alertsNode == null || !alertsNode.isArray()) {
            errors.add(new FieldError("alerts", "Give the alerts as an array"));
        } else if (alertsNode.size() > MAX_ALERTS) {
            errors.add(new FieldError("alerts", "At most " + MAX_ALERTS + " alerts in one body"));
        } else {
            for (int i = 0; i < alertsNode.size(); i++) {
                Alert a = alert(alertsNode.get(i), "alerts[" + i + "]", errors);
                if (a != null) {
                    alerts.add(a);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Body(status, groupKey, receiver, alerts);
    }

    private static Alert alert(JsonNode node, String at, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(at, "Each alert must be an object"));
            return null;
        }
        int before = errors.size();
        String status = status(node.get("status"), at + ".status", errors);
        Map<String, String> labels = map(node.get("labels"), at + ".labels", true, errors);
        Map<String, String> annotations = map(node.get("annotations"), at + ".annotations", false, errors);
        Instant startsAt = time(node.get("startsAt"), at + ".startsAt", errors);
        Instant endsAt = time(node.get("endsAt"), at + ".endsAt", errors);
        String fingerprint = text(node.get("fingerprint"), at + ".fingerprint", MAX_FINGERPRINT, errors);
        if (fingerprint == null || fingerprint.isBlank()) {
            if (errors.stream().noneMatch(e -> e.field().equals(at + ".fingerprint"))) {
                errors.add(new FieldError(at + ".fingerprint", "Each alert needs its fingerprint"));
            }
        }
        return errors.size() == before ? new Alert(status, labels, annotations, startsAt, endsAt, fingerprint.strip()) : null;
    }

    private static String status(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || !node.isString() || !("firing".equals(node.asString()) || "resolved".equals(node.asString()))) {
            errors.add(new FieldError(field, field + " must be \"firing\" or \"resolved\""));
            return null;
        }
        return node.asString();
    }

    private static String text(JsonNode node, String field, int max, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString() || node.asString().length() > max) {
            errors.add(new FieldError(field, field + " must be text of at most " + max + " characters"));
            return null;
        }
        return node.asString();
    }

    private static Map<String, String> map(JsonNode node, String field, boolean required, List<FieldError> errors) {
        Map<String, String> out = new TreeMap<>();
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(field, field + " must be an object of names and text values"));
            }
            return out;
        }
        if (!node.isObject() || node.size() > ExternalCheckType.MAX_LABELS) {
            errors.add(new FieldError(field, field + " must be an object of at most " + ExternalCheckType.MAX_LABELS
                + " names and text values"));
            return out;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (e.getKey().isEmpty() || e.getKey().length() > ExternalCheckType.MAX_LABEL_NAME || !v.isString()) {
                errors.add(new FieldError(field, field + " must map names of 1 to " + ExternalCheckType.MAX_LABEL_NAME
                    + " characters to text values"));
                return out;
            }
            String s = v.asString();
            out.put(e.getKey(), s.length() > ExternalCheckType.MAX_LABEL_VALUE ? s.substring(0, ExternalCheckType.MAX_LABEL_VALUE) : s);
        }
        return out;
    }

    /** An RFC 3339 time; absent, empty or Alertmanager's zero time ({@code 0001-01-01T00:00:00Z}) is null. */
    private static Instant time(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull() || (node.isString() && node.asString().isEmpty())) {
            return null;
        }
        if (node.isString()) {
            try {
                Instant t = java.time.OffsetDateTime.parse(node.asString()).toInstant();
                return t.isBefore(Instant.parse("1970-01-01T00:00:00Z")) ? null : t;
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        errors.add(new FieldError(field, field + " must be a time like 2026-03-01T10:00:00Z"));
        return null;
    }
}
