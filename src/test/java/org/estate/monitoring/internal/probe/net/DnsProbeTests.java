package org.estate.monitoring.internal.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;
import org.estate.platform.ValidationException.FieldError;
import org.estate.test.TestDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;

/** The {@code dns} check against a DNS server started in the test on 127.0.0.1: every record type, expected values, failures. */
class DnsProbeTests {

    static TestDnsServer server;
    final DnsCheckType dns = new DnsCheckType();

    static Name n(String s) {
        return Name.fromConstantString(s);
    }

    @BeforeAll
    static void start() throws Exception {
        server = new TestDnsServer()
            .add(new ARecord(n("www.council.test."), DClass.IN, 60, InetAddress.getByName("192.0.2.10")))
            .add(new ARecord(n("www.council.test."), DClass.IN, 60, InetAddress.getByName("192.0.2.11")))
            .add(new AAAARecord(n("www.council.test."), DClass.IN, 60, InetAddress.getByName("2001:db8::1")))
            .add(new MXRecord(n("council.test."), DClass.IN, 60, 10, n("mail.council.test.")))
            .add(new TXTRecord(n("council.test."), DClass.IN, 60, "v=spf1 -all"))
            .add(new NSRecord(n("council.test."), DClass.IN, 60, n("ns1.council.test.")))
            .add(new CAARecord(n("council.test."), DClass.IN, 60, 0, "issue", "letsencrypt.org"))
            .add(new SOARecord(n("council.test."), DClass.IN, 60, n("ns1.council.test."), n("hostmaster.council.test."), 2026120201, 3600, 600, 86400, 300))
            .add(new CNAMERecord(n("intranet.council.test."), DClass.IN, 60, n("www.council.test.")))
            .add(new SRVRecord(n("_ldap._tcp.council.test."), DClass.IN, 60, 0, 5, 389, n("dc1.council.test.")))
            .add(new PTRRecord(n("1.0.0.127.in-addr.arpa."), DClass.IN, 60, n("localhost.council.test.")))
            .failing("broken.council.test.")
            .silent("slow.council.test.");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    Prober prober(Object... keyValues) {
        Map<String, Object> in = new HashMap<>();
        in.put("resolver", server.address());
        for (int i = 0; i < keyValues.length; i += 2) {
            in.put((String) keyValues[i], keyValues[i + 1]);
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> target = dns.normalise(in, errors);
        assertThat(errors).isEmpty();
        return dns.prepare(1, target);
    }

    ProbeResult probe(Object... keyValues) {
        return prober(keyValues).probe(Duration.ofSeconds(3));
    }

    @SuppressWarnings("unchecked")
    static List<String> answers(ProbeResult r) {
        return (List<String>) r.values().get("answers");
    }

    @Test
    void addressesWithAndWithoutAnExpectedValue() {
        ProbeResult r = probe("name", "www.council.test");
        assertThat(r.state()).as(r.message()).isEqualTo("up");
        assertThat(answers(r)).containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11");
        assertThat(r.message()).startsWith("A www.council.test: ");
        assertThat(probe("name", "www.council.test", "expect", "192.0.2.11").state()).isEqualTo("up");
        ProbeResult wrong = probe("name", "www.council.test", "expect", "192.0.2.99");
        assertThat(wrong.state()).isEqualTo("down");
        assertThat(wrong.message()).startsWith("No A answer for www.council.test equals 192.0.2.99 (answers: ");
        ProbeResult v6 = probe("name", "www.council.test", "recordType", "AAAA", "expect", "2001:0db8:0:0::1");
        assertThat(v6.state()).as(v6.message()).isEqualTo("up");
        assertThat(answers(v6)).containsExactly("2001:db8::1");
    }

    @Test
    void everyOtherRecordTypeAsPeopleWriteIt() {
        assertThat(answers(probe("name", "council.test", "recordType", "MX", "expect", "10 MAIL.council.test."))).containsExactly("10 mail.council.test");
        assertThat(answers(probe("name", "council.test", "recordType", "TXT", "expect", "v=spf1 -all"))).containsExactly("v=spf1 -all");
        assertThat(probe("name", "council.test", "recordType", "TXT", "expect", "V=SPF1 -ALL").state()).isEqualTo("down");
        assertThat(answers(probe("name", "council.test", "recordType", "NS", "expect", "ns1.council.test"))).containsExactly("ns1.council.test");
        assertThat(answers(probe("name", "council.test", "recordType", "CAA", "expect", "0 issue letsencrypt.org"))).containsExactly("0 issue letsencrypt.org");
        ProbeResult soa = probe("name", "council.test", "recordType", "SOA");
        assertThat(soa.state()).isEqualTo("up");
        assertThat(answers(soa).getFirst()).startsWith("ns1.council.test hostmaster.council.test 2026120201");
        assertThat(answers(probe("name", "intranet.council.test", "recordType", "CNAME", "expect", "www.council.test"))).containsExactly("www.council.test");
        assertThat(answers(probe("name", "_ldap._tcp.council.test", "recordType", "SRV", "expect", "0 5 389 dc1.council.test"))).containsExactly("0 5 389 dc1.council.test");
        ProbeResult ptr = probe("name", "127.0.0.1", "recordType", "PTR", "expect", "localhost.council.test");
        assertThat(ptr.state()).as(ptr.message()).isEqualTo("up");
    }

    @Test
    void failuresAreDown() {
        ProbeResult missing = probe("name", "nowhere.council.test");
        assertThat(missing.state()).isEqualTo("down");
        assertThat(missing.message()).isEqualTo("nowhere.council.test does not exist (NXDOMAIN from " + server.address() + ")");
        ProbeResult noData = probe("name", "council.test", "recordType", "A");
        assertThat(noData.state()).isEqualTo("down");
        assertThat(noData.message()).isEqualTo("No A record for council.test");
        ProbeResult servfail = probe("name", "broken.council.test");
        assertThat(servfail.state()).isEqualTo("down");
        assertThat(servfail.message()).isEqualTo(server.address() + " answered SERVFAIL for broken.council.test");
    }

    @Test
    void noAnswerInTimeIsDown() {
        long start = System.nanoTime();
        ProbeResult r = prober("name", "slow.council.test").probe(Duration.ofMillis(500));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).isEqualTo("No answer from " + server.address() + " within 500 ms");
        assertThat(tookMs).isLessThan(3000);
    }

    @Test
    void eachRunAsksAgain() {
        Prober p = prober("name", "www.council.test");
        int before = server.queries();
        for (int i = 0; i < 5; i++) {
            assertThat(p.probe(Duration.ofSeconds(3)).state()).isEqualTo("up");
        }
        assertThat(server.queries() - before).isEqualTo(5);
    }

    @Test
    void ipv6AnswersAreWrittenTheShortWay() throws Exception {
        String[][] cases = {{"::", "::"}, {"::1", "::1"}, {"1::", "1::"}, {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},
            {"1:0:0:1:0:0:0:1", "1:0:0:1::1"}, {"FE80:0:0:0:0:0:0:AB", "fe80::ab"}};
        for (String[] c : cases) {
            assertThat(DnsProber.ipv6(InetAddress.getByName(c[0]).getAddress())).as(c[0]).isEqualTo(c[1]);
        }
    }
}
