package org.estate.monitoring.internal.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.platform.ValidationException.FieldError;
import org.estate.test.Nginx;
import org.estate.test.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The {@code http} check against a real nginx (status, body text and pattern, the 64 KB cap,
 * redirects, basic authentication, headers, TLS errors), and against a JDK server made slow on
 * purpose (degraded, timeout), and a closed port (refused).
 */
class HttpProbeTests {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static HttpClients clients;
    static HttpCheckType http;
    static Nginx nginx;
    static HttpServer slow;
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @BeforeAll
    static void start() throws IOException {
        clients = new HttpClients();
        http = new HttpCheckType(clients);
        nginx = Nginx.prepare(2);
        nginx.write("www/ok.txt", "hello estate, all is well");
        nginx.write("www/big.txt", "START " + "x".repeat(200_000) + " END");
        nginx.write("www/private/page.txt", "welcome, monitor");
        nginx.write("htpasswd", "monitor:{PLAIN}s3cret\n");
        TestCertificates.Issued ca = TestCertificates.ca("Untrusted test CA");
        TestCertificates.Issued cert = TestCertificates.server(ca, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(30L * 86_400), "127.0.0.1");
        nginx.write("tls.crt", cert.certificatePem());
        nginx.write("tls.key", cert.keyPem());
        nginx.run("""
            server {
                listen 127.0.0.1:%1$d;
                location = /missing { return 404; }
                location = /moved { return 301 /ok.txt; }
                location = /needs-header { if ($http_x_estate != "yes") { return 403; } return 200 "header seen"; }
                location /private/ { auth_basic "Estate"; auth_basic_user_file %2$s/htpasswd; }
            }
            server {
                listen 127.0.0.1:%3$d ssl;
                ssl_certificate %2$s/tls.crt;
                ssl_certificate_key %2$s/tls.key;
            }
            """.formatted(nginx.port(0), nginx.dir(), nginx.port(1)));
        slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        slow.createContext("/slow", ex -> {
            // The server under test answers late on purpose: the check must call this degraded.
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
            byte[] body = "late but fine".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        slow.createContext("/hang", ex -> {
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        slow.start();
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        if (slow != null) {
            slow.stop(0);
        }
        if (nginx != null) {
            nginx.close();
        }
        clients.close();
    }

    static ProbeResult probe(Object... keyValues) {
        return probe(TIMEOUT, keyValues);
    }

    static ProbeResult probe(Duration timeout, Object... keyValues) {
        Map<String, Object> in = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            in.put((String) keyValues[i], keyValues[i + 1]);
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> target = http.normalise(in, errors);
        assertThat(errors).isEmpty();
        return http.prepare(1, target).probe(timeout);
    }

    @Test
    void upWithStatusAndBytes() {
        ProbeResult r = probe("url", nginx.url("/ok.txt"));
        assertThat(r.state()).as(r.message()).isEqualTo("up");
        assertThat(r.ok()).isTrue();
        assertThat(r.values()).containsEntry("status", 200).containsEntry("bytes", 25L);
        assertThat(r.message()).startsWith("HTTP 200 in ");
    }

    @Test
    void downOnAWrongStatusUnlessExpected() {
        ProbeResult r = probe("url", nginx.url("/missing"));
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).isEqualTo("HTTP 404, expected 200-299");
        assertThat(r.values()).containsEntry("status", 404);
        assertThat(probe("url", nginx.url("/missing"), "expectStatus", "200,404").state()).isEqualTo("up");
    }

    @Test
    void bodyTextAndPattern() {
        assertThat(probe("url", nginx.url("/ok.txt"), "expectBody", "all is well").state()).isEqualTo("up");
        ProbeResult missing = probe("url", nginx.url("/ok.txt"), "expectBody", "All Is Well");
        assertThat(missing.state()).isEqualTo("down");
        assertThat(missing.message()).isEqualTo("HTTP 200: The response does not contain \"All Is Well\"");
        assertThat(probe("url", nginx.url("/ok.txt"), "expectBody", "/hello \\w+, all/").state()).isEqualTo("up");
        assertThat(probe("url", nginx.url("/ok.txt"), "expectBody", "/^goodbye/").message()).contains("does not match /^goodbye/");
    }

    @Test
    void onlyTheFirst64KbOfTheBodyIsRead() {
        ProbeResult start = probe("url", nginx.url("/big.txt"), "expectBody", "START");
        assertThat(start.state()).isEqualTo("up");
        assertThat(start.values()).containsEntry("bytes", 200_010L); // from Content-Length: the body itself was not all read
        ProbeResult end = probe("url", nginx.url("/big.txt"), "expectBody", "END");
        assertThat(end.state()).isEqualTo("down");
        assertThat(end.message()).endsWith("(in its first 64 KB)");
    }

    @Test
    void redirectsFollowedUnlessTurnedOff() {
        ProbeResult followed = probe("url", nginx.url("/moved"), "expectBody", "all is well");
        assertThat(followed.state()).as(followed.message()).isEqualTo("up");
        assertThat(followed.values()).containsEntry("status", 200);
        ProbeResult notFollowed = probe("url", nginx.url("/moved"), "followRedirects", false);
        assertThat(notFollowed.state()).isEqualTo("down");
        assertThat(notFollowed.values()).containsEntry("status", 301);
        assertThat(probe("url", nginx.url("/moved"), "followRedirects", false, "expectStatus", "301").state()).isEqualTo("up");
    }

    @Test
    void basicAuthentication() {
        assertThat(probe("url", nginx.url("/private/page.txt")).values()).containsEntry("status", 401);
        ProbeResult wrong = probe("url", nginx.url("/private/page.txt"), "username", "monitor", "password", "wrong");
        assertThat(wrong.state()).isEqualTo("down");
        assertThat(wrong.message()).doesNotContain("wrong");
        ProbeResult right = probe("url", nginx.url("/private/page.txt"), "username", "monitor", "password", "s3cret", "expectBody", "welcome");
        assertThat(right.state()).as(right.message()).isEqualTo("up");
    }

    @Test
    void headersAreSent() {
        assertThat(probe("url", nginx.url("/needs-header")).values()).containsEntry("status", 403);
        assertThat(probe("url", nginx.url("/needs-header"), "headers", Map.of("X-Estate", "yes")).state()).isEqualTo("up");
    }

    @Test
    void headAndPostMethods() {
        ProbeResult head = probe("url", nginx.url("/ok.txt"), "method", "HEAD");
        assertThat(head.state()).isEqualTo("up");
        assertThat(head.values()).containsEntry("status", 200);
        assertThat(probe("url", nginx.url("/ok.txt"), "method", "POST").values()).containsEntry("status", 405);
    }

    @Test
    void aTlsErrorIsDown() {
        ProbeResult r = probe("url", "https://127.0.0.1:" + nginx.port(1) + "/");
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).startsWith("TLS error with 127.0.0.1");
    }

    @Test
    void refusedConnectionIsDown() {
        int closed = Nginx.closedPort();
        ProbeResult r = probe("url", "http://127.0.0.1:" + closed + "/");
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).startsWith("Connection to 127.0.0.1 refused");
    }

    @Test
    void slowerThanTheMaximumIsDegraded() {
        String url = "http://127.0.0.1:" + slow.getAddress().getPort() + "/slow";
        ProbeResult r = probe("url", url, "maxResponseMs", 100);
        assertThat(r.state()).as(r.message()).isEqualTo("degraded");
        assertThat(r.ok()).isTrue();
        assertThat(r.latencyMs()).isGreaterThanOrEqualTo(300);
        assertThat(r.message()).contains("slower than 100 ms");
        assertThat(probe("url", url, "maxResponseMs", 5000).state()).isEqualTo("up");
    }

    @Test
    void noAnswerInTimeIsDown() {
        long start = System.nanoTime();
        ProbeResult r = probe(Duration.ofMillis(400), "url", "http://127.0.0.1:" + slow.getAddress().getPort() + "/hang");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).isEqualTo("No answer from 127.0.0.1 within 400 ms");
        assertThat(tookMs).isLessThan(3000);
    }

    @Test
    void aProberIsReusedAcrossRuns() {
        var prober = http.prepare(1, http.normalise(Map.of("url", nginx.url("/ok.txt")), new ArrayList<>()));
        for (int i = 0; i < 20; i++) {
            assertThat(prober.probe(TIMEOUT).state()).isEqualTo("up");
        }
        assertThat(prober.probe(Duration.ofSeconds(2)).state()).isEqualTo("up");
    }
}
