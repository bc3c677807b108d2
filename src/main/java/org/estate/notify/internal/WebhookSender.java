package org.estate.notify.internal;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a message to a Teams Workflows webhook (an Adaptive Card), a Slack incoming webhook
 * ({@code {"text": ...}}) or a generic webhook (JSON signed with {@code X-Estate-Signature:
 * sha256=<hex HMAC-SHA256 of the body>} when the channel has a secret). 2xx is sent; 429, 5xx and I/O
 * errors are tried again later; any other answer is a refusal for good. The URL is never logged nor
 * put in an error (a Teams or Slack webhook URL is itself the credential).
 */
@Component
class WebhookSender {

    /** What to post: the row's id, reference, subject (may be null), body and when it was queued. */
    record Post(long id, String reference, String subject, String body, Instant at) {
    }

    private final JsonMapper json;
    private final NotifyProperties settings;
    private final HttpClient http;

    WebhookSender(JsonMapper json, NotifyProperties settings) {
        this.json = json;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Outcome send(String type, String url, String secret, Post post) {
        URI uri = AddressPolicy.parse(url);
        if (uri == null) {
            return Outcome.failed("The webhook URL is not an http or https URL");
        }
        try {
            String refused = AddressPolicy.refusal(uri, settings.allowPrivateAddresses());
            if (refused != null) {
                return Outcome.failed(refused);
            }
        } catch (UnknownHostException e) {
            return Outcome.retry("The webhook's host name does not resolve");
        }
        byte[] body = payload(type, post);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
            .header("Content-Type", "application/json; charset=utf-8").header("User-Agent", "Estate")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if ("webhook".equals(type) && secret != null && !secret.isEmpty()) {
            request.header("X-Estate-Signature", signature(secret, body));
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Outcome.sent(null);
            }
            if (status == 429 || status >= 500) {
                return Outcome.retry("The webhook answered HTTP " + status);
            }
            return Outcome.failed("The webhook refused the message: HTTP " + status);
        } catch (IOException e) {
            return Outcome.retry("Could not post to the webhook: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + OutboxMailer.truncate(e.getMessage().replace(url, "(url)"), 200)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("Interrupted while posting to the webhook");
        }
    }

    /** The exact bytes posted for a channel of this type. */
    byte[] payload(String type, Post post) {
        Map<String, Object> doc = new LinkedHashMap<>();
        switch (type) {
            case "teams" -> {
                List<Map<String, Object>> blocks = new ArrayList<>();
                if (post.subject() != null && !post.subject().isBlank()) {
                    blocks.add(ordered("type", "TextBlock", "text", post.subject(), "weight", "Bolder", "wrap", true));
                }
                blocks.add(ordered("type", "TextBlock", "text", post.body(), "wrap", true));
                Map<String, Object> card = ordered("type", "AdaptiveCard", "version", "1.4", "body", blocks);
                doc.put("type", "message");
                doc.put("attachments", List.of(ordered("contentType", "application/vnd.microsoft.card.adaptive", "content", card)));
            }
            // Slack reads &, < and > as markup (links, mentions): escaped as its documentation asks.
            case "slack" -> doc.put("text", post.subject() == null || post.subject().isBlank() ? slack(post.body())
                : "*" + slack(post.subject()) + "*\n" + slack(post.body()));
            default -> {
                doc.put("id", post.id());
                doc.put("reference", post.reference());
                doc.put("subject", post.subject());
                doc.put("body", post.body());
                doc.put("at", post.at() == null ? null : post.at().toString());
            }
        }
        return json.writeValueAsBytes(doc);
    }

    private static String slack(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of the body, keyed with the secret's UTF-8 bytes. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
