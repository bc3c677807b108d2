package org.estate.test.directory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.cert.ManageCertificates;

/**
 * Test-only key material for the directory's TLS listeners, made afresh in
 * {@code target/test-ldap-tls/<process id>/} at the first use in a test JVM (nothing private is committed;
 * a folder per JVM, because test JVMs run side by side and one remaking another's CA broke its TLS): a "council" CA, a server certificate it
 * issued for {@code localhost} and {@code 127.0.0.1} (the key in a PKCS#12 keystore), and a second,
 * unrelated CA whose trust must not be enough. Made in-process with UnboundID's {@link ManageCertificates}.
 */
public final class DirectoryTls {

    public static final String PASSWORD = "test-only-keystore-password";
    private static final Path DIR = Path.of("target", "test-ldap-tls", Long.toString(ProcessHandle.current().pid()));

    private static boolean made;

    private DirectoryTls() {
    }

    /** The council CA's certificate, PEM: what {@code ESTATE_LDAP_CA_CERTIFICATE} names. */
    public static Path councilCa() {
        return made().resolve("council-ca.pem");
    }

    /** Another CA's certificate, PEM: it did not issue the server's certificate. */
    public static Path otherCa() {
        return made().resolve("other-ca.pem");
    }

    /** The server's key and certificate chain, PKCS#12, alias {@code server}. */
    public static Path serverKeystore() {
        return made().resolve("server.p12");
    }

    private static synchronized Path made() {
        if (!made) {
            try {
                if (Files.exists(DIR)) {
                    try (Stream<Path> old = Files.walk(DIR)) {
                        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
                Files.createDirectories(DIR);
                ca("council-ca", "CN=Estate Test Council CA");
                ca("other-ca", "CN=Estate Test Other CA");
                run("generate-certificate-signing-request", "--keystore", file("server.p12"), "--keystore-type", "PKCS12",
                    "--keystore-password", PASSWORD, "--alias", "server", "--subject-dn", "CN=localhost",
                    "--key-algorithm", "RSA", "--key-size-bits", "2048", "--subject-alternative-name-dns", "localhost",
                    "--subject-alternative-name-ip-address", "127.0.0.1", "--extended-key-usage", "server-auth",
                    "--output-file", file("server.csr"), "--output-format", "PEM");
                run("sign-certificate-signing-request", "--request-input-file", file("server.csr"),
                    "--keystore", file("council-ca.p12"), "--keystore-password", PASSWORD, "--signing-certificate-alias", "ca",
                    "--certificate-output-file", file("server.pem"), "--output-format", "PEM", "--days-valid", "2",
                    "--include-requested-extensions", "--no-prompt");
                run("import-certificate", "--keystore", file("server.p12"), "--keystore-password", PASSWORD, "--alias", "server",
                    "--certificate-file", file("server.pem"), "--certificate-file", file("council-ca.pem"), "--no-prompt");
                made = true;
            } catch (IOException e) {
                throw new IllegalStateException("Could not make the test directory's TLS key material", e);
            }
        }
        return DIR;
    }

    private static void ca(String name, String subject) {
        run("generate-self-signed-certificate", "--keystore", file(name + ".p12"), "--keystore-type", "PKCS12",
            "--keystore-password", PASSWORD, "--alias", "ca", "--subject-dn", subject, "--key-algorithm", "RSA",
            "--key-size-bits", "2048", "--days-valid", "2", "--basic-constraints-is-ca", "true",
            "--key-usage", "key-cert-sign", "--key-usage", "crl-sign");
        run("export-certificate", "--keystore", file(name + ".p12"), "--keystore-password", PASSWORD, "--alias", "ca",
            "--output-format", "PEM", "--output-file", file(name + ".pem"));
    }

    private static String file(String name) {
        return DIR.resolve(name).toString();
    }

    private static void run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultCode result = ManageCertificates.main(InputStream.nullInputStream(), out, out, args);
        if (result != ResultCode.SUCCESS) {
            throw new IllegalStateException("manage-certificates " + args[0] + ": " + result + "\n" + out.toString(StandardCharsets.UTF_8));
        }
    }
}
