package org.estate.monitoring.internal.probe.net;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.estate.cmdb.Ci;
import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiInput;
import org.estate.cmdb.Cmdb;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.ResultHook;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps a {@code certificate} CI true to what its server presents: after a {@code tls} run that
 * read a certificate, the CI's {@code notAfter} (the date, UTC), {@code issuer} and {@code subject}
 * are set from it — only when one differs, so a check running every minute writes a new CI version
 * (audited, as {@code system}) only when the certificate changes. CIs of other classes are left alone.
 */
@Component
class TlsCertificateHook implements ResultHook {

    static final String CERTIFICATE = "certificate";
    private static final Logger log = LoggerFactory.getLogger(TlsCertificateHook.class);

    private final Cmdb cmdb;

    TlsCertificateHook(Cmdb cmdb) {
        this.cmdb = cmdb;
    }

    @Override
    public String type() {
        return "tls";
    }

    @Override
    public void after(long checkId, Long ciId, Map<String, Object> target, ProbeResult result) {
        if (ciId == null || result == null || result.values() == null) {
            return;
        }
        Map<String, Object> presented = presented(result.values());
        if (presented.isEmpty()) {
            return; // no certificate was read (no connection, no handshake)
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                update(ciId, presented);
                return;
            } catch (PreconditionFailedException raced) {
                // someone edited the CI between our read and write: read it again, once
            } catch (NotFoundException gone) {
                return;
            } catch (ValidationException invalid) {
                log.warn("Check {} could not update certificate CI {}: {}", checkId, ciId, invalid.getMessage());
                return;
            }
        }
    }

    private void update(long ciId, Map<String, Object> presented) {
        Ci ci = cmdb.get(ciId);
        if (!CERTIFICATE.equals(ci.ciClass())) {
            return;
        }
        CiClass cls = cmdb.ciClass(CERTIFICATE).orElse(null);
        if (cls == null) {
            return;
        }
        Map<String, Object> attributes = new LinkedHashMap<>(ci.attributes() == null ? Map.of() : ci.attributes());
        boolean changed = false;
        for (Map.Entry<String, Object> e : presented.entrySet()) {
            if (cls.attribute(e.getKey()).isPresent() && !Objects.equals(String.valueOf(attributes.get(e.getKey())), e.getValue())) {
                attributes.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        cmdb.update(ci.id(), ci.version(), new CiInput(ci.ciClass(), ci.name(), ci.status(), ci.criticality(), ci.owner(),
            ci.description(), ci.endOfLife() == null ? null : ci.endOfLife().toString(),
            ci.endOfSupport() == null ? null : ci.endOfSupport().toString(), ci.tags(), attributes));
    }

    /** The attribute values a result carries: notAfter as a date, issuer and subject as text (at most 2,000 characters). */
    static Map<String, Object> presented(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (values.get("notAfter") instanceof String notAfter) {
            try {
                out.put("notAfter", Instant.parse(notAfter).atZone(ZoneOffset.UTC).toLocalDate().toString());
            } catch (DateTimeParseException ignored) {
                // not a result of ours
            }
        }
        for (String key : new String[] {"issuer", "subject"}) {
            if (values.get(key) instanceof String s && !s.isBlank()) {
                out.put(key, s.length() > 2000 ? s.substring(0, 2000) : s);
            }
        }
        return out;
    }
}
