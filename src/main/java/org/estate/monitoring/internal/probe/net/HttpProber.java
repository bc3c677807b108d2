package org.estate.monitoring.internal.probe.net;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;

/**
 * One {@code http} check, ready to run: the request's fixed parts built once (URI, headers, basic
 * authentication), sent through the shared client with the run's timeout covering the whole
 * exchange, body included.
 */
final class HttpProber implements Prober {

    /** A normalised {@code http} target, read once. */
    record Settings(URI uri, String method, ExpectedStatus expect, BodyMatch body, List<String> headers,
                    Integer maxResponseMs, boolean followRedirects) {

        static Settings of(Map<String, Object> t) {
            List<String> headers = new ArrayList<>();
            if (t.get("headers") instanceof Map<?, ?> h) {
                h.forEach((k, v) -> {
                    headers.add(String.valueOf(k));
                    headers.add(String.valueOf(v));
                });
            }
            if (t.get("username") instanceof String user) {
                String password = t.get("password") instanceof String p ? p : "";
                headers.add("Authorization");
                headers.add("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            String status = t.get("expectStatus") instanceof String s ? s : ExpectedStatus.DEFAULT;
            return new Settings(URI.create((String) t.get("url")), t.get("method") instanceof String m ? m : "GET",
                ExpectedStatus.parse(status), BodyMatch.of((String) t.get("expectBody")), List.copyOf(headers),
                t.get("maxResponseMs") instanceof Number n ? n.intValue() : null,
                !(t.get("followRedirects") instanceof Boolean f) || f);
        }
    }

    private final HttpClient client;
    private final Settings settings;
    private final HttpResponse.BodyHandler<CappedBody.Body> handler;
    private volatile HttpRequest request; // rebuilt only when the timeout changes

    HttpProber(HttpClients clients, Settings settings) {
        this.client = clients.client(settings.followRedirects());
        this.settings = settings;
        this.handler = CappedBody.handler(settings.body() != null);
    }

    private HttpRequest request(Duration timeout) {
        HttpRequest r = request;
        if (r == null || !r.timeout().orElseThrow().equals(timeout)) {
            HttpRequest.Builder b = HttpRequest.newBuilder(settings.uri()).timeout(timeout)
                .method(settings.method(), HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", "Estate-monitoring");
            if (!settings.headers().isEmpty()) {
                b.headers(settings.headers().toArray(String[]::new));
            }
            r = b.build();
            request = r;
        }
        return r;
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        CompletableFuture<HttpResponse<CappedBody.Body>> sent = null;
        try {
            sent = client.sendAsync(request(timeout), handler);
            HttpResponse<CappedBody.Body> response = sent.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            return judge(response, ms, deadline);
        } catch (TimeoutException e) {
            sent.cancel(true);
            return ProbeResult.down(timeout.toMillis(), "No answer from " + settings.uri().getHost() + " within " + timeout.toMillis() + " ms", Map.of());
        } catch (ExecutionException e) {
            return ProbeResult.down((System.nanoTime() - start) / 1_000_000, NetFailures.describe(e.getCause(), settings.uri().getHost(), timeout), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (sent != null) {
                sent.cancel(true);
            }
            return ProbeResult.down((System.nanoTime() - start) / 1_000_000, "The run was interrupted", Map.of());
        } catch (RuntimeException e) {
            return ProbeResult.down((System.nanoTime() - start) / 1_000_000, NetFailures.describe(e, settings.uri().getHost(), timeout), Map.of());
        }
    }

    private ProbeResult judge(HttpResponse<CappedBody.Body> response, long ms, long deadline) {
        int status = response.statusCode();
        CappedBody.Body body = response.body();
        long bytes = response.headers().firstValueAsLong("Content-Length").orElse(body.bytesRead());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("status", status);
        values.put("bytes", bytes);
        if (!settings.expect().accepts(status)) {
            return ProbeResult.down(ms, "HTTP " + status + ", expected " + settings.expect().text(), values);
        }
        if (settings.body() != null) {
            String mismatch = settings.body().mismatch(body.text(), deadline);
            if (mismatch != null) {
                return ProbeResult.down(ms, "HTTP " + status + ": " + mismatch + (body.capped() ? " (in its first 64 KB)" : ""), values);
            }
        }
        if (settings.maxResponseMs() != null && ms > settings.maxResponseMs()) {
            return ProbeResult.degraded(ms, "HTTP " + status + " in " + ms + " ms, slower than " + settings.maxResponseMs() + " ms", values);
        }
        return ProbeResult.up(ms, "HTTP " + status + " in " + ms + " ms", values);
    }
}
