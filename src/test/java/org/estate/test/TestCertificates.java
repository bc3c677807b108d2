package org.estate.test;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real X.509 certificates made in a test (BouncyCastle, EC P-256): a CA of our own, and server
 * certificates it signs for chosen names and dates — valid, expired, for the wrong host, nearly
 * expired — written as PEM for a real TLS server such as {@link Nginx}.
 */
public final class TestCertificates {

    /** A certificate and its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key, KeyPair pair) {

        public String certificatePem() {
            return pem(certificate);
        }

        /** The private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), which OpenSSL and nginx read. */
        public String keyPem() {
            return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** A self-signed CA certificate valid from a day ago for ten years. */
    public static Issued ca(String commonName) {
        KeyPair pair = keyPair();
        Instant now = Instant.now();
        return sign(new X500Name("CN=" + commonName + ",O=Estate tests"), pair, null, now.minusSeconds(86_400),
            now.plusSeconds(3650L * 86_400), true, new String[0]);
    }

    /**
     * A server certificate signed by {@code issuer} (self-signed when null) for {@code names} (DNS
     * names or IP addresses, as subject alternative names; the first is also the common name).
     */
    public static Issued server(Issued issuer, Instant notBefore, Instant notAfter, String... names) {
        KeyPair pair = keyPair();
        return sign(new X500Name("CN=" + names[0] + ",O=Estate tests"), pair, issuer, notBefore, notAfter, false, names);
    }

    private static Issued sign(X500Name subject, KeyPair pair, Issued issuer, Instant notBefore, Instant notAfter, boolean ca,
                               String[] names) {
        try {
            X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                GeneralName[] sans = new GeneralName[names.length];
                for (int i = 0; i < names.length; i++) {
                    boolean ip = names[i].matches("[0-9.]+") || names[i].contains(":");
                    sans[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            }
            PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.key();
            X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
            return new Issued(cert, pair.getPrivate(), pair);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make a test certificate", e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of a certificate or key. */
    public static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
