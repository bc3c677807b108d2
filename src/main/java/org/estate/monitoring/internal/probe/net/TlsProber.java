package org.estate.monitoring.internal.probe.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.security.auth.x500.X500Principal;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;

/**
 * One {@code tls} check, ready to run: connect, handshake (host name sent as SNI and verified by the
 * HTTPS rules), read the presented chain, close without sending anything. The session is
 * invalidated after each run so the next run does a full handshake and sees the certificate again.
 */
final class TlsProber implements Prober {

    private static final long DAY = 86_400;

    private final String host;
    private final int port;
    private final int warnDays;
    private final int criticalDays;
    private final TlsTrust trust;
    private final Clock clock;

    TlsProber(String host, int port, int warnDays, int criticalDays, TlsTrust trust, Clock clock) {
        this.host = host;
        this.port = port;
        this.warnDays = warnDays;
        this.criticalDays = criticalDays;
        this.trust = trust;
        this.clock = clock;
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        long start = System.nanoTime();
        String where = host + ":" + port;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return ProbeResult.down(ms(start), "Cannot find the host " + host + " (no such name in DNS)", Map.of());
        }
        SSLSocket tls = null;
        try (Socket plain = new Socket()) {
            plain.connect(address, (int) Math.max(1, timeout.toMillis()));
            plain.setSoTimeout((int) Math.max(1, timeout.toMillis() - ms(start)));
            tls = (SSLSocket) trust.factory().createSocket(plain, host, port, true);
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
            tls.startHandshake();
            long latency = ms(start);
            tls.getSession().invalidate();
            TlsTrust.Verdict verdict = trust.take(tls);
            if (verdict == null || verdict.chain().length == 0) {
                return ProbeResult.down(latency, "The TLS handshake with " + where + " gave no certificate to check", Map.of());
            }
            return judge(verdict, latency);
        } catch (IOException e) {
            return ProbeResult.down(ms(start), NetFailures.describe(e, where, timeout), Map.of());
        } catch (RuntimeException e) {
            return ProbeResult.down(ms(start), "TLS check of " + where + " failed: " + TargetReader.shown(String.valueOf(e.getMessage()), 300), Map.of());
        } finally {
            if (tls != null) {
                trust.take(tls);
                try {
                    tls.close();
                } catch (IOException ignored) {
                    // closing a socket we are done with
                }
            }
        }
    }

    private ProbeResult judge(TlsTrust.Verdict verdict, long ms) {
        X509Certificate leaf = verdict.chain()[0];
        Instant now = clock.instant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        long secondsLeft = Duration.between(now, notAfter).toSeconds();
        long daysLeft = Math.floorDiv(secondsLeft, DAY);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("notAfter", notAfter.toString());
        values.put("issuer", leaf.getIssuerX500Principal().getName(X500Principal.RFC2253));
        values.put("subject", leaf.getSubjectX500Principal().getName(X500Principal.RFC2253));
        values.put("daysLeft", daysLeft);
        String until = notAfter.atZone(ZoneOffset.UTC).toLocalDate().toString();
        if (secondsLeft <= 0) {
            long ago = -secondsLeft / DAY;
            return ProbeResult.down(ms, "The certificate expired on " + until + " (" + (ago == 0 ? "less than a day" : days(ago)) + " ago)", values);
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            return ProbeResult.down(ms, "The certificate is not valid until " + leaf.getNotBefore().toInstant(), values);
        }
        if (verdict.untrusted() != null) {
            return ProbeResult.down(ms, "The certificate is not trusted: " + untrusted(verdict.untrusted()), values);
        }
        if (verdict.wrongHost() != null) {
            return ProbeResult.down(ms, "The certificate does not match the host name " + host + " (it names " + names(leaf) + ")", values);
        }
        if (secondsLeft < criticalDays * DAY) {
            return ProbeResult.down(ms, "The certificate expires on " + until + ", in " + days(daysLeft) + " (critical within " + days(criticalDays) + ")", values);
        }
        if (secondsLeft < warnDays * DAY) {
            return ProbeResult.degraded(ms, "The certificate expires on " + until + ", in " + days(daysLeft) + " (warning within " + days(warnDays) + ")", values);
        }
        return ProbeResult.up(ms, "The certificate is valid until " + until + " (" + days(daysLeft) + " left)", values);
    }

    private static String untrusted(String reason) {
        return reason.contains("certification path") || reason.contains("PKIX path")
            ? "no path to a trusted certificate authority (self-signed, or signed by a CA Estate does not trust: add it as caCertificate)"
            : reason;
    }

    private static String names(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException ignored) {
            // fall back to the subject below
        }
        return names.isEmpty() ? leaf.getSubjectX500Principal().getName(X500Principal.RFC2253)
            : TargetReader.shown(String.join(", ", names), 300);
    }

    private static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
