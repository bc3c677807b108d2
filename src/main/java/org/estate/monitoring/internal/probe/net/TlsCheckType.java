package org.estate.monitoring.internal.probe.net;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.monitoring.internal.probe.CheckType;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.stereotype.Component;

/**
 * The {@code tls} check: a TLS handshake with the host, reading the certificate chain it presents.
 * {@code down} when the certificate has expired, expires within {@code criticalDays}, is not trusted
 * (by the JVM's trust store or the optional {@code caCertificate}) or does not match the host name;
 * {@code degraded} when it expires within {@code warnDays}. Its values (notAfter, issuer, subject,
 * daysLeft) also update a linked {@code certificate} CI ({@link TlsCertificateHook}).
 */
@Component
public class TlsCheckType implements CheckType {

    static final List<String> FIELDS = List.of("host", "port", "warnDays", "criticalDays", "caCertificate");
    static final int MAX_PEM = 20_000;

    private final Clock clock;

    public TlsCheckType(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String key() {
        return "tls";
    }

    @Override
    public Set<String> secretFields() {
        return Set.of();
    }

    @Override
    public Map<String, Object> normalise(Map<String, Object> target, List<FieldError> errors) {
        TargetReader r = new TargetReader(target, errors, "tls", FIELDS);
        r.put("host", r.host("host"));
        r.put("port", r.integer("port", 1, 65535, 443, "the port"));
        Integer warn = r.integer("warnDays", 1, 365, 21, "the days of warning before expiry");
        Integer critical = r.integer("criticalDays", 0, 364, 7, "the critical days before expiry");
        if (warn != null && critical != null && critical >= warn) {
            r.error("criticalDays", "Critical days (" + critical + ") must be fewer than warning days (" + warn + ")");
            critical = null;
        }
        r.put("warnDays", warn);
        r.put("criticalDays", critical);
        String pem = r.text("caCertificate", false, MAX_PEM, null);
        if (pem != null) {
            try {
                TlsTrust.parse(pem);
            } catch (CertificateException | RuntimeException e) {
                r.error("caCertificate", "Paste the CA certificate in PEM form, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----");
                pem = null;
            }
        }
        r.put("caCertificate", pem);
        return r.result();
    }

    @Override
    public Prober prepare(long checkId, Map<String, Object> target) {
        String host = (String) target.get("host");
        int port = target.get("port") instanceof Number p ? p.intValue() : 443;
        int warn = target.get("warnDays") instanceof Number w ? w.intValue() : 21;
        int critical = target.get("criticalDays") instanceof Number c ? c.intValue() : 7;
        String pem = (String) target.get("caCertificate");
        TlsTrust trust;
        try {
            trust = pem == null ? TlsTrust.jvm() : TlsTrust.withCa(pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            String why = "Cannot use the CA certificate: " + TargetReader.shown(String.valueOf(e.getMessage()), 200);
            return timeout -> ProbeResult.down(0, why, Map.of());
        }
        return new TlsProber(host, port, warn, critical, trust, clock);
    }
}
