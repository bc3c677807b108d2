package org.estate.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import org.estate.platform.Account;
import org.estate.platform.DirectorySignIn;
import org.estate.platform.DirectorySignIn.DirectoryUnavailableException;
import org.estate.test.SourceClient;
import org.estate.test.directory.DirectoryServers;
import org.estate.test.directory.DirectoryTest;
import org.estate.test.directory.DirectoryTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.NestedExceptionUtils;

/**
 * LDAP over TLS with the council's own CA ({@code ESTATE_LDAP_CA_CERTIFICATE}), against the test
 * directory's StartTLS and {@code ldaps} listeners ({@link DirectoryServers}, certificates of
 * {@link DirectoryTls}). The shared directory context signs in with StartTLS (so every directory test
 * does); {@code ldaps://} and the refusals are sign-ins made here with the same code and other settings,
 * in the same context.
 */
@DirectoryTest
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a refused certificate must fail, not hang
class LdapTlsTests {

    private static final String MO = "directory-password-mo-1";

    @Autowired
    DirectoryUsers users;

    @Autowired
    DirectorySignIn running;

    @LocalServerPort
    int port;

    private static int port(String listener) {
        return DirectoryServers.ldap().getListenPort(listener);
    }

    private LdapSignIn signIn(String url, boolean starttls, Path ca) {
        return new LdapSignIn(new LdapProperties(url, starttls, ca == null ? null : ca.toString(),
            "CN=estate-svc,OU=Service," + DirectoryServers.BASE, "service-account-secret-1", DirectoryServers.STAFF, null, null,
            Map.of("manager", "CN=Estate Managers," + DirectoryServers.GROUPS), Map.of()), users);
    }

    private static void assertRefusedForTls(LdapSignIn directory, CapturedOutput log, String why) {
        assertThatThrownBy(() -> directory.signIn("mmanager", MO))
            .isInstanceOf(DirectoryUnavailableException.class)
            .satisfies(e -> {
                assertThat(causes(e)).anyMatch(SSLException.class::isInstance); // the TLS handshake failed
                assertThat(NestedExceptionUtils.getMostSpecificCause(e)).hasMessageContaining(why);
            });
        assertThat(log.getOut()).contains("The directory did not answer the user search").contains(why);
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    @Test
    void theRunningDirectorySignInUsesStartTlsWithTheCouncilCa() {
        assertThat(running).isInstanceOf(LdapSignIn.class);
        SourceClient script = new SourceClient(port, "127.0.31.1");
        assertThat(script.basicGet("/api/v1/users/mmanager", "mmanager", MO).status()).isEqualTo(200);
        assertThat(script.basicGet("/api/v1/users/mmanager", "mmanager", "not-mos-password").status()).isEqualTo(401);
    }

    @Test
    void ldapsSignsInWithTheCouncilCa() {
        Account mo = signIn("ldaps://localhost:" + port("ldaps"), false, DirectoryTls.councilCa()).signIn("mmanager", MO).orElseThrow();
        assertThat(mo.username()).isEqualTo("mmanager");
        assertThat(signIn("ldaps://127.0.0.1:" + port("ldaps"), false, DirectoryTls.councilCa()).signIn("mmanager", "wrong")).isEmpty();
    }

    @Test
    void startTlsSignsInWithTheCouncilCaByName() {
        Account mo = signIn("ldap://localhost:" + port("starttls"), true, DirectoryTls.councilCa()).signIn("mmanager", MO).orElseThrow();
        assertThat(mo.username()).isEqualTo("mmanager");
    }

    @Test
    void ldapsWithACertificateOfAnotherCaIsRefused(CapturedOutput log) {
        assertRefusedForTls(signIn("ldaps://127.0.0.1:" + port("ldaps"), false, DirectoryTls.otherCa()), log,
            "unable to find valid certification path");
    }

    @Test
    void startTlsWithACertificateOfAnotherCaIsRefused(CapturedOutput log) {
        assertRefusedForTls(signIn("ldap://127.0.0.1:" + port("starttls"), true, DirectoryTls.otherCa()), log,
            "unable to find valid certification path");
    }

    @Test
    void withoutTheSettingTheJvmTrustStoreAloneRefusesTheCouncilCa(CapturedOutput log) {
        assertRefusedForTls(signIn("ldaps://127.0.0.1:" + port("ldaps"), false, null), log,
            "unable to find valid certification path");
    }

    @Test
    void aCertificateThatDoesNotNameTheServerIsRefused(CapturedOutput log) {
        // The listener on 127.0.0.2 shows the council CA's certificate for localhost and 127.0.0.1 only.
        assertRefusedForTls(signIn("ldaps://127.0.0.2:" + port("ldaps-unnamed"), false, DirectoryTls.councilCa()), log,
            "127.0.0.2");
    }

    @Test
    void anUnreadableCaFileStopsTheStart() {
        assertThatThrownBy(() -> signIn("ldaps://127.0.0.1:1", false, Path.of("target", "no-such-ca.pem")))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("ESTATE_LDAP_CA_CERTIFICATE");
        assertThatThrownBy(() -> signIn("ldaps://127.0.0.1:1", false, Path.of("pom.xml")))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("ESTATE_LDAP_CA_CERTIFICATE");
    }
}
