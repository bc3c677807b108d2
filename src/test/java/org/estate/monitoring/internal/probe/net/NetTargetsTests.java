package org.estate.monitoring.internal.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.monitoring.internal.probe.CheckType;
import org.estate.platform.ValidationException.FieldError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every target field of the http, tcp, dns and tls types: defaults, canonical forms, ranges, and unknown keys refused. */
class NetTargetsTests {

    static final HttpClients CLIENTS = new HttpClients();
    final HttpCheckType http = new HttpCheckType(CLIENTS);
    final TcpCheckType tcp = new TcpCheckType();
    final DnsCheckType dns = new DnsCheckType();
    final TlsCheckType tls = new TlsCheckType(Clock.systemUTC());

    @AfterAll
    static void close() {
        CLIENTS.close();
    }

    record Outcome(Map<String, Object> target, Map<String, String> errors) {
    }

    static Outcome normalise(CheckType type, Object... keyValues) {
        Map<String, Object> in = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            in.put((String) keyValues[i], keyValues[i + 1]);
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> out = type.normalise(in, errors);
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(e -> byField.merge(e.field(), e.message(), (a, b) -> a + " / " + b));
        return new Outcome(out, byField);
    }

    @Test
    void httpFillsDefaultsAndCanonicalForms() {
        Outcome o = normalise(http, "url", " https://www.example.gov.uk/health ", "method", "head", "expectStatus", "200, 301 - 302");
        assertThat(o.errors()).isEmpty();
        assertThat(o.target()).containsEntry("url", "https://www.example.gov.uk/health").containsEntry("method", "HEAD")
            .containsEntry("expectStatus", "200,301-302").containsEntry("followRedirects", true)
            .doesNotContainKeys("maxResponseMs", "expectBody", "headers", "username", "password");

        Outcome defaults = normalise(http, "url", "http://intranet.example/");
        assertThat(defaults.target()).containsEntry("method", "GET").containsEntry("expectStatus", "200-299").containsEntry("followRedirects", true);
        assertThat(http.secretFields()).containsExactlyInAnyOrder("password", "headers");
    }

    @Test
    void httpRefusesEveryBadField() {
        Outcome o = normalise(http, "url", "ftp://files.example/", "method", "DELETE", "expectStatus", "99",
            "expectBody", "/(unclosed/", "maxResponseMs", 0, "followRedirects", "perhaps", "username", "a:b",
            "headers", Map.of("Bad Header", "x"), "colour", "blue");
        assertThat(o.errors()).containsOnlyKeys("target.url", "target.method", "target.expectStatus", "target.expectBody",
            "target.maxResponseMs", "target.followRedirects", "target.username", "target.headers", "target.colour");
        assertThat(o.errors().get("target.colour")).contains("no field 'colour'").contains("url, method");
        assertThat(o.errors().get("target.expectBody")).startsWith("Not a valid regular expression");

        assertThat(normalise(http).errors()).containsOnlyKeys("target.url");
        assertThat(normalise(http, "url", "https://user:pw@example.gov.uk/").errors().get("target.url")).contains("username and password");
        assertThat(normalise(http, "url", "https:///nohost").errors()).containsKey("target.url");
        assertThat(normalise(http, "url", "http://x.example/", "maxResponseMs", 60_001).errors().get("target.maxResponseMs")).contains("from 1 to 60000");
        assertThat(normalise(http, "url", "http://x.example/", "maxResponseMs", 1.5).errors()).containsKey("target.maxResponseMs");
        assertThat(normalise(http, "url", "http://x.example/", "maxResponseMs", "2500").target()).containsEntry("maxResponseMs", 2500);
        assertThat(normalise(http, "url", "http://x.example/", "followRedirects", "false").target()).containsEntry("followRedirects", false);
    }

    @Test
    void httpExpectedStatusRanges() {
        for (String bad : new String[] {"600", "200-199", "2xx", "200,", "abc", "1000"}) {
            assertThat(normalise(http, "url", "http://x.example/", "expectStatus", bad).errors()).as(bad).containsKey("target.expectStatus");
        }
        assertThat(ExpectedStatus.parse("100-599").accepts(599)).isTrue();
        ExpectedStatus s = ExpectedStatus.parse("200,301,302");
        assertThat(s.accepts(200)).isTrue();
        assertThat(s.accepts(301)).isTrue();
        assertThat(s.accepts(303)).isFalse();
        assertThat(s.accepts(201)).isFalse();
    }

    @Test
    void httpHeadersAndCredentials() {
        Outcome ok = normalise(http, "url", "http://x.example/", "headers", Map.of("Accept", "text/html"), "username", "monitor", "password", " s3cret ");
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.target()).containsEntry("headers", Map.of("Accept", "text/html")).containsEntry("username", "monitor")
            .containsEntry("password", " s3cret ");
        assertThat(normalise(http, "url", "http://x.example/", "headers", Map.of("Host", "other")).errors().get("target.headers"))
            .contains("cannot set the Host header");
        assertThat(normalise(http, "url", "http://x.example/", "headers", Map.of("X-A", "line\nbreak")).errors()).containsKey("target.headers");
        assertThat(normalise(http, "url", "http://x.example/", "headers", "Accept: text/html").errors()).containsKey("target.headers");
        assertThat(normalise(http, "url", "http://x.example/", "password", "pw").errors().get("target.password")).contains("user name");
        assertThat(normalise(http, "url", "http://x.example/", "password", "x".repeat(501), "username", "u").errors()).containsKey("target.password");
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("X-H" + i, "v");
        }
        assertThat(normalise(http, "url", "http://x.example/", "headers", many).errors().get("target.headers")).contains("At most 20");
    }

    @Test
    void tcpNeedsAHostAndAPortInRange() {
        assertThat(normalise(tcp, "host", "db1.example.gov.uk", "port", 5432).target()).isEqualTo(Map.of("host", "db1.example.gov.uk", "port", 5432));
        assertThat(normalise(tcp, "host", "::1", "port", "22").target()).containsEntry("host", "::1").containsEntry("port", 22);
        assertThat(normalise(tcp).errors()).containsOnlyKeys("target.host", "target.port");
        for (Object port : new Object[] {0, 65536, -1, "http", 80.5}) {
            assertThat(normalise(tcp, "host", "h.example", "port", port).errors()).as(String.valueOf(port)).containsOnlyKeys("target.port");
        }
        for (String host : new String[] {"bad host", "-lead.example", "999.1.1.1", "a..b", "x".repeat(64) + ".example", "1::2::3"}) {
            assertThat(normalise(tcp, "host", host, "port", 80).errors()).as(host).containsOnlyKeys("target.host");
        }
        assertThat(normalise(tcp, "host", "h.example", "port", 80, "count", 3).errors()).containsOnlyKeys("target.count");
    }

    @Test
    void dnsTypesResolversAndReverseNames() {
        Outcome o = normalise(dns, "name", "www.example.gov.uk.", "recordType", "mx", "resolver", "10.0.0.53:5353", "expect", "10 mail.example.gov.uk");
        assertThat(o.errors()).isEmpty();
        assertThat(o.target()).containsEntry("name", "www.example.gov.uk").containsEntry("recordType", "MX")
            .containsEntry("resolver", "10.0.0.53:5353").containsEntry("expect", "10 mail.example.gov.uk");
        assertThat(normalise(dns, "name", "example.gov.uk").target()).containsEntry("recordType", "A").doesNotContainKey("resolver");
        assertThat(normalise(dns, "name", "127.0.0.1", "recordType", "PTR").target()).containsEntry("name", "1.0.0.127.in-addr.arpa");
        for (String type : DnsCheckType.TYPES) {
            assertThat(normalise(dns, "name", "example.gov.uk", "recordType", type).errors()).as(type).isEmpty();
        }
        assertThat(normalise(dns, "name", "example.gov.uk", "recordType", "AXFR").errors()).containsOnlyKeys("target.recordType");
        for (String resolver : new String[] {"[2001:db8::53]:53", "2001:db8::53", "dns.example", "dns.example:53"}) {
            assertThat(normalise(dns, "name", "example.gov.uk", "resolver", resolver).errors()).as(resolver).isEmpty();
        }
        for (String resolver : new String[] {"10.0.0.1:0", "10.0.0.1:70000", "bad resolver", "[nothex]:53", "a:b:c"}) {
            assertThat(normalise(dns, "name", "example.gov.uk", "resolver", resolver).errors()).as(resolver).containsOnlyKeys("target.resolver");
        }
        assertThat(normalise(dns).errors()).containsOnlyKeys("target.name");
        assertThat(normalise(dns, "name", "a..b").errors()).containsOnlyKeys("target.name");
        assertThat(normalise(dns, "name", "x".repeat(64) + ".example").errors()).containsOnlyKeys("target.name");
    }

    @Test
    void tlsDefaultsAndDayRules() {
        Outcome o = normalise(tls, "host", "www.example.gov.uk");
        assertThat(o.errors()).isEmpty();
        assertThat(o.target()).isEqualTo(Map.of("host", "www.example.gov.uk", "port", 443, "warnDays", 21, "criticalDays", 7));
        assertThat(normalise(tls, "host", "h.example", "warnDays", 7, "criticalDays", 7).errors().get("target.criticalDays"))
            .contains("fewer than warning days");
        assertThat(normalise(tls, "host", "h.example", "warnDays", 5).errors()).containsOnlyKeys("target.criticalDays");
        assertThat(normalise(tls, "host", "h.example", "warnDays", 366).errors()).containsOnlyKeys("target.warnDays");
        assertThat(normalise(tls, "host", "h.example", "criticalDays", -1).errors()).containsOnlyKeys("target.criticalDays");
        assertThat(normalise(tls, "host", "h.example", "warnDays", 30, "criticalDays", 0).target()).containsEntry("criticalDays", 0);
        assertThat(normalise(tls, "host", "h.example", "caCertificate", "-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----").errors())
            .containsOnlyKeys("target.caCertificate");
        String pem = org.estate.test.TestCertificates.ca("Council CA").certificatePem();
        assertThat(normalise(tls, "host", "h.example", "caCertificate", pem).errors()).isEmpty();
        assertThat(normalise(tls, "host", "h.example", "port", 0, "extra", 1).errors()).containsOnlyKeys("target.port", "target.extra");
    }
}
