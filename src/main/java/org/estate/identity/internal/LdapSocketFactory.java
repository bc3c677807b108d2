package org.estate.identity.internal;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket factory JNDI asks for by class name ({@code java.naming.ldap.factory.socket}) when Estate
 * connects to an {@code ldaps://} directory with its own trusted CA: it hands over the factory that
 * {@link LdapTls.ContextSource} put on the connecting thread. Public only because JNDI calls
 * {@link #getDefault()} reflectively; nothing else should use it.
 */
public final class LdapSocketFactory {

    static final ThreadLocal<SSLSocketFactory> CURRENT = new ThreadLocal<>();

    private LdapSocketFactory() {
    }

    /** Called by JNDI on the thread opening the connection. */
    public static SocketFactory getDefault() {
        SSLSocketFactory factory = CURRENT.get();
        if (factory == null) {
            throw new IllegalStateException("An ldaps:// connection was opened outside LdapTls.ContextSource");
        }
        return factory;
    }
}
