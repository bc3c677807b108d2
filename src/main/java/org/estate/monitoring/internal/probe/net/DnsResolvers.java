package org.estate.monitoring.internal.probe.net;

import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/** Resolvers for {@code dns} checks: one named in the target ({@code host}, {@code host:port}, {@code [v6]:port}) or the system's. */
final class DnsResolvers {

    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::(\\d{1,5}))?");
    private static final Pattern HOST_PORT = Pattern.compile("([^:\\[\\]]+)(?::(\\d{1,5}))?");

    private DnsResolvers() {
    }

    /** The host and port a resolver setting names (port 53 unless given), unresolved; null when it is not valid. */
    static InetSocketAddress address(String setting) {
        Matcher m = BRACKETED.matcher(setting);
        String host;
        String port;
        if (m.matches()) {
            host = m.group(1);
            port = m.group(2);
            if (!Hosts.ipv6(host)) {
                return null;
            }
        } else if ((m = HOST_PORT.matcher(setting)).matches()) {
            host = m.group(1);
            port = m.group(2);
            if (!Hosts.valid(host)) {
                return null;
            }
        } else if (Hosts.ipv6(setting)) {
            host = setting;
            port = null;
        } else {
            return null;
        }
        int p = port == null ? 53 : Integer.parseInt(port);
        return p < 1 || p > 65535 ? null : InetSocketAddress.createUnresolved(host, p);
    }

    /** A resolver for the setting, or the system's resolvers when there is none. */
    static Resolver resolver(String setting) throws java.net.UnknownHostException {
        if (setting == null) {
            return new ExtendedResolver();
        }
        InetSocketAddress a = address(setting);
        InetSocketAddress resolved = new InetSocketAddress(a.getHostString(), a.getPort());
        if (resolved.isUnresolved()) {
            throw new java.net.UnknownHostException(a.getHostString());
        }
        return new SimpleResolver(resolved);
    }
}
