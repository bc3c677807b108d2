package org.estate.identity.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Hashtable;

import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.springframework.ldap.core.support.LdapContextSource;

/**
 * TLS for directory sign-in: the certificates trusted are the JVM's default trust store plus, when
 * {@code ESTATE_LDAP_CA_CERTIFICATE} is set, the CA certificate(s) of that PEM file (a council's
 * internal CA). Hostname verification stays on: JNDI checks the name of an {@code ldaps://} server
 * (endpoint identification "LDAPS") and of a StartTLS one (the JDK's StartTLS response) against the
 * certificate.
 */
final class LdapTls {

    private LdapTls() {
    }

    /**
     * The socket factory for LDAP over TLS, or null when the JVM's defaults serve (no CA file).
     *
     * @throws IllegalStateException when the CA file cannot be read or holds no certificate: a
     *         misconfiguration found at start rather than at the first sign-in
     */
    static SSLSocketFactory socketFactory(String caCertificateFile) {
        if (caCertificateFile == null || caCertificateFile.isBlank()) {
            return null;
        }
        Path file = Path.of(caCertificateFile.trim());
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate jvm : defaultTrustManager().getAcceptedIssuers()) {
                trusted.setCertificateEntry("jvm-" + n++, jvm);
            }
            Collection<? extends Certificate> own;
            try (InputStream in = Files.newInputStream(file)) {
                own = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (own.isEmpty()) {
                throw new IllegalStateException("ESTATE_LDAP_CA_CERTIFICATE " + file + " holds no PEM certificate");
            }
            int i = 0;
            for (Certificate c : own) {
                trusted.setCertificateEntry("estate-ldap-ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("ESTATE_LDAP_CA_CERTIFICATE " + file + " could not be read as PEM certificate(s): " + e, e);
        }
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("The JVM has no X.509 trust manager");
    }

    /**
     * A context source whose {@code ldaps://} connections use the given socket factory. JNDI takes a
     * socket factory only as a class name whose static {@code getDefault()} it calls on the thread that
     * opens the connection, so the factory is handed over on that thread ({@link LdapSocketFactory}).
     */
    static final class ContextSource extends LdapContextSource {

        private final SSLSocketFactory factory;

        ContextSource(SSLSocketFactory factory) {
            this.factory = factory;
        }

        @Override
        protected DirContext getDirContextInstance(Hashtable<String, Object> environment) throws NamingException {
            String url = String.valueOf(environment.get(javax.naming.Context.PROVIDER_URL));
            if (factory == null || !url.regionMatches(true, 0, "ldaps:", 0, 6)) {
                return super.getDirContextInstance(environment);
            }
            environment.put("java.naming.ldap.factory.socket", LdapSocketFactory.class.getName());
            LdapSocketFactory.CURRENT.set(factory);
            try {
                return super.getDirContextInstance(environment);
            } finally {
                LdapSocketFactory.CURRENT.remove();
            }
        }
    }
}
