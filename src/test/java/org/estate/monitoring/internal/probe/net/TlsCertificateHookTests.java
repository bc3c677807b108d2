package org.estate.monitoring.internal.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.Ci;
import org.estate.cmdb.CiInput;
import org.estate.cmdb.Cmdb;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.ResultHook;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The {@code tls} result hook in the running application: a {@code certificate} CI takes the
 * presented certificate's expiry date, issuer and subject, once — a run that finds the same
 * certificate writes no new version — and CIs of other classes are never touched.
 */
@EstateTest
class TlsCertificateHookTests {

    @Autowired
    Cmdb cmdb;

    @Autowired
    List<ResultHook> hooks;

    final String s = Long.toString(System.nanoTime(), 36);

    ResultHook tlsHook() {
        List<ResultHook> tls = hooks.stream().filter(h -> h.type().equals("tls")).toList();
        assertThat(tls).hasSize(1);
        return tls.getFirst();
    }

    static ProbeResult presented(String state, String notAfter, String issuer, String subject) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("notAfter", notAfter);
        values.put("issuer", issuer);
        values.put("subject", subject);
        values.put("daysLeft", 90L);
        return new ProbeResult(!state.equals("down"), state, 12, "The certificate ...", values);
    }

    Ci ci(String ciClass, String name) {
        return cmdb.create(new CiInput(ciClass, name, "live", "high", "Infrastructure team", null, null, null, List.of("tls"),
            ciClass.equals("certificate") ? Map.of("hosts", "www.eastmoor.example") : Map.of()));
    }

    @Test
    void aCertificateCiFollowsWhatTheServerPresentsWritingOnlyChanges() {
        Ci cert = ci("certificate", "www.eastmoor.example " + s);
        ResultHook hook = tlsHook();
        Map<String, Object> target = Map.of("host", "www.eastmoor.example", "port", 443);

        hook.after(1, cert.id(), target, presented("up", "2027-03-01T12:00:00Z", "CN=Council CA,O=Eastmoor", "CN=www.eastmoor.example"));
        Ci first = cmdb.get(cert.id());
        assertThat(first.version()).isEqualTo(cert.version() + 1);
        assertThat(first.attributes()).containsEntry("notAfter", "2027-03-01").containsEntry("issuer", "CN=Council CA,O=Eastmoor")
            .containsEntry("subject", "CN=www.eastmoor.example").containsEntry("hosts", "www.eastmoor.example");
        assertThat(first.tags()).containsExactly("tls");
        assertThat(first.owner()).isEqualTo("Infrastructure team");

        // The same certificate a minute later, and a run that read no certificate: nothing written.
        hook.after(1, cert.id(), target, presented("up", "2027-03-01T12:00:00Z", "CN=Council CA,O=Eastmoor", "CN=www.eastmoor.example"));
        hook.after(1, cert.id(), target, ProbeResult.down(3, "Connection refused", Map.of()));
        assertThat(cmdb.get(cert.id()).version()).isEqualTo(first.version());

        // Renewed: a new expiry (even while degraded or down, the presented certificate is what the CI records).
        hook.after(1, cert.id(), target, presented("degraded", "2028-03-01T12:00:00Z", "CN=Council CA,O=Eastmoor", "CN=www.eastmoor.example"));
        Ci renewed = cmdb.get(cert.id());
        assertThat(renewed.version()).isEqualTo(first.version() + 1);
        assertThat(renewed.attributes()).containsEntry("notAfter", "2028-03-01");
        assertThat(cmdb.history(cert.id())).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void otherClassesAndChecksWithoutACiAreLeftAlone() {
        Ci app = ci("application", "permits-app " + s);
        ResultHook hook = tlsHook();
        hook.after(2, app.id(), Map.of(), presented("up", "2027-03-01T12:00:00Z", "CN=CA", "CN=permits"));
        Ci after = cmdb.get(app.id());
        assertThat(after.version()).isEqualTo(app.version());
        assertThat(after.attributes()).doesNotContainKeys("notAfter", "issuer", "subject");
        hook.after(3, null, Map.of(), presented("up", "2027-03-01T12:00:00Z", "CN=CA", "CN=x")); // no CI: nothing to do, no failure
        hook.after(4, Long.MAX_VALUE, Map.of(), presented("up", "2027-03-01T12:00:00Z", "CN=CA", "CN=x")); // CI gone: ignored
    }
}
