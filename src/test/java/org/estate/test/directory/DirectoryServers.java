package org.estate.test.directory;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;

/**
 * The council's directory and its OpenID provider, real servers started once for every test context of
 * {@link DirectoryTest}: UnboundID's in-memory LDAP server loaded from {@code directory/council.ldif}
 * (Active Directory-like entries), listening for plain LDAP, StartTLS ({@code starttls}, what Estate is pointed
 * at), {@code ldaps} and {@code ldaps-unnamed} (on 127.0.0.2, which the certificate does not name), with a
 * certificate of {@link DirectoryTls}'s council CA; and Spring Authorization Server ({@link TestOidcProvider}), both on
 * random ports of 127.0.0.1. Estate is pointed at both.
 */
public final class DirectoryServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String BASE = "DC=council,DC=local";
    public static final String GROUPS = "OU=Groups," + BASE;
    public static final String STAFF = "OU=Staff," + BASE;
    public static final String OIDC_NAME = "Council Test ID";

    private static InMemoryDirectoryServer ldap;
    private static String issuer;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> p = new HashMap<>();
        // StartTLS with the council's own CA: every directory test signs in over TLS (ldaps:// and the
        // refusals are in LdapTlsTests).
        p.put("estate.ldap.url", "ldap://127.0.0.1:" + ldap().getListenPort("starttls"));
        p.put("estate.ldap.starttls", "true");
        p.put("estate.ldap.ca-certificate", DirectoryTls.councilCa().toString());
        p.put("estate.ldap.bind-dn", "CN=estate-svc,OU=Service," + BASE);
        p.put("estate.ldap.bind-password", "service-account-secret-1");
        p.put("estate.ldap.user-base", STAFF);
        p.put("estate.ldap.rolegroups.engineer", "CN=Estate Engineers," + GROUPS);
        p.put("estate.ldap.rolegroups.manager", "CN=Estate Managers," + GROUPS);
        p.put("estate.ldap.rolegroups.viewer", "CN=Estate Viewers," + GROUPS + ";CN=Nobody," + GROUPS);
        p.put("estate.ldap.teamgroups.networks", "CN=Network Team," + GROUPS);
        p.put("estate.oidc.issuer", issuer());
        p.put("estate.oidc.client-id", TestOidcProvider.CLIENT_ID);
        p.put("estate.oidc.client-secret", TestOidcProvider.CLIENT_SECRET);
        p.put("estate.oidc.name", OIDC_NAME);
        p.put("estate.oidc.rolegroups.engineer", "estate-engineers");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("estate-test-directory", p));
    }

    /** The running LDAP server (started on first use). */
    public static synchronized InMemoryDirectoryServer ldap() {
        if (ldap == null) {
            try {
                InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
                config.setSchema(null); // Active Directory attributes without AD's schema
                InetAddress loopback = InetAddress.getByName("127.0.0.1");
                SSLUtil tls = new SSLUtil(new KeyStoreKeyManager(DirectoryTls.serverKeystore().toFile(),
                    DirectoryTls.PASSWORD.toCharArray(), "PKCS12", "server"), new TrustAllTrustManager());
                config.setListenerConfigs(
                    InMemoryListenerConfig.createLDAPConfig("ldap", loopback, 0, null),
                    InMemoryListenerConfig.createLDAPConfig("starttls", loopback, 0, tls.createSSLSocketFactory()),
                    InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0, tls.createSSLServerSocketFactory(), null),
                    // The same certificate on an address it does not name: hostname verification must refuse it.
                    InMemoryListenerConfig.createLDAPSConfig("ldaps-unnamed", InetAddress.getByName("127.0.0.2"), 0,
                        tls.createSSLServerSocketFactory(), null));
                InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
                try (var in = DirectoryServers.class.getResourceAsStream("/directory/council.ldif")) {
                    server.importFromLDIF(true, new com.unboundid.ldif.LDIFReader(in));
                }
                server.startListening();
                ldap = server;
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the test directory", e);
            }
        }
        return ldap;
    }

    /** Replaces a directory entry's groups (its memberOf values). */
    public static void setGroups(String dn, String... groupDns) {
        try {
            ldap().modify(dn, new Modification(ModificationType.REPLACE, "memberOf", groupDns));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized String issuer() {
        if (issuer == null) {
            issuer = TestOidcProvider.issuer(TestOidcProvider.start());
        }
        return issuer;
    }
}
