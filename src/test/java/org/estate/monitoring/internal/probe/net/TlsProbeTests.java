package org.estate.monitoring.internal.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.platform.ValidationException.FieldError;
import org.estate.test.Nginx;
import org.estate.test.TestCertificates;
import org.estate.test.TestCertificates.Issued;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code tls} check against a real nginx serving certificates made in the test by a CA of the
 * test's own: valid (trusted through {@code caCertificate}), untrusted without it, expired, for the
 * wrong host, near expiry (warning and critical), self-signed; and a port that speaks no TLS.
 */
class TlsProbeTests {

    static final Duration DAY = Duration.ofDays(1);
    static Nginx nginx;
    static Issued ca;
    static final TlsCheckType tls = new TlsCheckType(Clock.systemUTC());
    static Instant validUntil;

    enum Server { VALID, EXPIRED, WRONG_HOST, WARN, CRITICAL, SELF_SIGNED, PLAIN }

    @BeforeAll
    static void start() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // certificates keep whole seconds
        ca = TestCertificates.ca("Eastmoor Council Internal CA");
        validUntil = now.plus(Duration.ofDays(90)).plusSeconds(3600);
        Map<Server, Issued> certs = Map.of(
            Server.VALID, TestCertificates.server(ca, now.minus(DAY), validUntil, "127.0.0.1", "localhost"),
            Server.EXPIRED, TestCertificates.server(ca, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(3)), "127.0.0.1"),
            Server.WRONG_HOST, TestCertificates.server(ca, now.minus(DAY), now.plus(Duration.ofDays(90)), "intranet.other.example"),
            Server.WARN, TestCertificates.server(ca, now.minus(DAY), now.plus(Duration.ofDays(10)).plusSeconds(3600), "127.0.0.1"),
            Server.CRITICAL, TestCertificates.server(ca, now.minus(DAY), now.plus(Duration.ofDays(3)).plusSeconds(3600), "127.0.0.1"),
            Server.SELF_SIGNED, TestCertificates.server(null, now.minus(DAY), now.plus(Duration.ofDays(90)), "127.0.0.1"));
        nginx = Nginx.prepare(Server.values().length);
        StringBuilder servers = new StringBuilder();
        for (Server s : Server.values()) {
            if (s == Server.PLAIN) {
                servers.append("server { listen 127.0.0.1:%d; }\n".formatted(nginx.port(s.ordinal())));
                continue;
            }
            nginx.write(s + ".crt", certs.get(s).certificatePem());
            nginx.write(s + ".key", certs.get(s).keyPem());
            servers.append("""
                server { listen 127.0.0.1:%1$d ssl; ssl_certificate %2$s/%3$s.crt; ssl_certificate_key %2$s/%3$s.key; }
                """.formatted(nginx.port(s.ordinal()), nginx.dir(), s));
        }
        nginx.run(servers.toString());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    static ProbeResult probe(Server server, String host, Object... more) {
        Map<String, Object> in = new HashMap<>();
        in.put("host", host);
        in.put("port", nginx.port(server.ordinal()));
        in.put("caCertificate", ca.certificatePem());
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                in.remove((String) more[i]);
            } else {
                in.put((String) more[i], more[i + 1]);
            }
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> target = tls.normalise(in, errors);
        assertThat(errors).isEmpty();
        return tls.prepare(1, target).probe(Duration.ofSeconds(5));
    }

    @Test
    void aValidCertificateTrustedThroughTheCouncilsCa() {
        ProbeResult r = probe(Server.VALID, "127.0.0.1");
        assertThat(r.state()).as(r.message()).isEqualTo("up");
        assertThat(r.values()).containsEntry("daysLeft", 90L).containsEntry("notAfter", validUntil.toString())
            .containsEntry("issuer", "O=Estate tests,CN=Eastmoor Council Internal CA").containsEntry("subject", "O=Estate tests,CN=127.0.0.1");
        assertThat(r.message()).isEqualTo("The certificate is valid until " + validUntil.atZone(ZoneOffset.UTC).toLocalDate() + " (90 days left)");
        assertThat(probe(Server.VALID, "localhost").state()).isEqualTo("up");
    }

    @Test
    void withoutTheCaTheSameCertificateIsNotTrusted() {
        ProbeResult r = probe(Server.VALID, "127.0.0.1", "caCertificate", null);
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).startsWith("The certificate is not trusted: no path to a trusted certificate authority");
        assertThat(r.values()).containsKeys("notAfter", "issuer", "subject", "daysLeft"); // read even though untrusted
    }

    @Test
    void selfSignedIsNotTrusted() {
        ProbeResult r = probe(Server.SELF_SIGNED, "127.0.0.1");
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).startsWith("The certificate is not trusted");
    }

    @Test
    void expiredIsDown() {
        ProbeResult r = probe(Server.EXPIRED, "127.0.0.1");
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).startsWith("The certificate expired on ").endsWith("(3 days ago)");
        assertThat((Long) r.values().get("daysLeft")).isNegative();
    }

    @Test
    void theWrongHostNameIsDown() {
        ProbeResult r = probe(Server.WRONG_HOST, "127.0.0.1");
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).isEqualTo("The certificate does not match the host name 127.0.0.1 (it names intranet.other.example)");
    }

    @Test
    void nearExpiryIsDegradedThenDown() {
        ProbeResult warn = probe(Server.WARN, "127.0.0.1");
        assertThat(warn.state()).as(warn.message()).isEqualTo("degraded");
        assertThat(warn.ok()).isTrue();
        assertThat(warn.message()).contains("in 10 days (warning within 21 days)");
        assertThat(probe(Server.WARN, "127.0.0.1", "warnDays", 10, "criticalDays", 2).state()).isEqualTo("up");
        ProbeResult critical = probe(Server.CRITICAL, "127.0.0.1");
        assertThat(critical.state()).isEqualTo("down");
        assertThat(critical.message()).contains("in 3 days (critical within 7 days)");
        assertThat(probe(Server.CRITICAL, "127.0.0.1", "criticalDays", 3).state()).isEqualTo("degraded");
    }

    @Test
    void aPortWithoutTlsOrListenerIsDown() {
        ProbeResult plain = probe(Server.PLAIN, "127.0.0.1");
        assertThat(plain.state()).isEqualTo("down");
        assertThat(plain.message()).startsWith("TLS error with 127.0.0.1:");
        ProbeResult closed = probe(Server.VALID, "127.0.0.1", "port", Nginx.closedPort());
        assertThat(closed.state()).isEqualTo("down");
        assertThat(closed.message()).contains("refused");
    }

    @Test
    void everyRunHandshakesAfresh() {
        var prober = tls.prepare(1, tls.normalise(Map.of("host", "127.0.0.1", "port", nginx.port(Server.SELF_SIGNED.ordinal())), new ArrayList<>()));
        for (int i = 0; i < 3; i++) {
            ProbeResult r = prober.probe(Duration.ofSeconds(5));
            assertThat(r.state()).as("run " + i).isEqualTo("down");
            assertThat(r.message()).as("run " + i).startsWith("The certificate is not trusted");
        }
    }
}
