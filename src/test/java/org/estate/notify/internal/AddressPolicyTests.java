package org.estate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which webhook URLs Estate accepts, and which addresses count as inside when private addresses are refused. */
@Tag("unit")
class AddressPolicyTests {

    @Test
    void onlyAbsoluteHttpUrlsWithAHost() {
        assertThat(AddressPolicy.parse("https://hooks.example.org/x")).isNotNull();
        assertThat(AddressPolicy.parse("HTTP://hooks.example.org")).isNotNull();
        assertThat(AddressPolicy.parse("ftp://hooks.example.org/x")).isNull();
        assertThat(AddressPolicy.parse("file:///etc/passwd")).isNull();
        assertThat(AddressPolicy.parse("/relative")).isNull();
        assertThat(AddressPolicy.parse("https:///no-host")).isNull();
        assertThat(AddressPolicy.parse("not a url")).isNull();
        assertThat(AddressPolicy.parse(null)).isNull();
    }

    @Test
    void loopbackPrivateLinkLocalUniqueLocalAndSharedAddressesAreInside() throws Exception {
        for (String inside : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "::1", "fe80::1", "fd00::1", "fc00::1", "::ffff:127.0.0.1"}) {
            assertThat(AddressPolicy.isPrivate(InetAddress.getByName(inside))).as(inside).isTrue();
        }
        for (String outside : new String[] {"93.184.215.14", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2a00:1450:4009::1"}) {
            assertThat(AddressPolicy.isPrivate(InetAddress.getByName(outside))).as(outside).isFalse();
        }
        assertThat(AddressPolicy.refusal(URI.create("http://127.0.0.1/x"), true)).isNull();
        assertThat(AddressPolicy.refusal(URI.create("http://127.0.0.1/x"), false)).contains("private");
        assertThat(AddressPolicy.refusal(URI.create("http://[::1]:8080/x"), false)).contains("private");
        assertThat(AddressPolicy.refusal(URI.create("https://93.184.215.14/x"), false)).isNull();
    }

    @Test
    void theSignatureIsTheHexHmacOfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(WebhookSender.signature("Jefe", "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
