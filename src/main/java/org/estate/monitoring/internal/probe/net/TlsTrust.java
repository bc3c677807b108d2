package org.estate.monitoring.internal.probe.net;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What a {@code tls} check trusts: the JVM's trust store, plus an optional CA certificate (a
 * council's internal CA). The handshake never fails on trust: the chain the server presented and
 * the verdict (path to a trusted CA, then host name, both by the JDK's own PKIX trust manager) are
 * recorded per socket, so that an untrusted or mismatched certificate is still read and reported.
 */
final class TlsTrust {

    /** The chain a server presented and what was wrong with it: null problems when trusted. */
    record Verdict(X509Certificate[] chain, String untrusted, String wrongHost) {
    }

    private static volatile TlsTrust jvmDefault;

    private final SSLSocketFactory factory;
    private final Map<Socket, Verdict> verdicts = new ConcurrentHashMap<>();

    private TlsTrust(X509ExtendedTrustManager delegate) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new Recording(delegate)}, null);
        this.factory = context.getSocketFactory();
    }

    /** Trust in the JVM's trust store alone (shared by every check without a CA certificate). */
    static TlsTrust jvm() throws GeneralSecurityException {
        TlsTrust t = jvmDefault;
        if (t == null) {
            synchronized (TlsTrust.class) {
                if (jvmDefault == null) {
                    jvmDefault = new TlsTrust(manager(null));
                }
                t = jvmDefault;
            }
        }
        return t;
    }

    /** Trust in the JVM's trust store and the CA certificates in {@code pem}. */
    static TlsTrust withCa(String pem) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (X509Certificate c : manager(null).getAcceptedIssuers()) {
            store.setCertificateEntry("jvm-" + i++, c);
        }
        for (X509Certificate c : parse(pem)) {
            store.setCertificateEntry("ca-" + i++, c);
        }
        return new TlsTrust(manager(store));
    }

    /** The certificates in a PEM text; throws when there are none or one is not readable. */
    static List<X509Certificate> parse(String pem) throws CertificateException {
        Collection<? extends java.security.cert.Certificate> certs = CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        List<X509Certificate> out = new ArrayList<>();
        for (java.security.cert.Certificate c : certs) {
            out.add((X509Certificate) c);
        }
        if (out.isEmpty()) {
            throw new CertificateException("No certificate found");
        }
        return out;
    }

    private static X509ExtendedTrustManager manager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("No X.509 trust manager");
    }

    SSLSocketFactory factory() {
        return factory;
    }

    /** The verdict recorded during the socket's handshake (removed, so each is read once), or null. */
    Verdict take(Socket socket) {
        return verdicts.remove(socket);
    }

    /** Records instead of refusing; judges the path first, then (only if the path is trusted) the host name. */
    private final class Recording extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager delegate;

        Recording(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            String untrusted = null;
            String wrongHost = null;
            try {
                delegate.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                untrusted = reason(e);
            }
            if (untrusted == null) {
                try {
                    delegate.checkServerTrusted(chain, authType, socket); // the same path, and the host name (HTTPS rules)
                } catch (CertificateException e) {
                    wrongHost = reason(e);
                }
            }
            verdicts.put(socket, new Verdict(chain.clone(), untrusted, wrongHost));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("TLS checks use sockets");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("TLS checks use sockets");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("Not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("Not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("Not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    private static String reason(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String m = deepest.getMessage() == null ? String.valueOf(e.getMessage()) : deepest.getMessage();
        return TargetReader.shown(m, 300);
    }
}
