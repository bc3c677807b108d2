package org.estate.notify.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs Estate may post to: http or https only, and, when {@code estate.notify.allow-private-addresses}
 * is false, none whose host resolves to a loopback, private, link-local, unique-local, shared (CGNAT),
 * wildcard or multicast address (a channel must not be a way to reach the council's own network).
 */
final class AddressPolicy {

    private AddressPolicy() {
    }

    /** The URL parsed, or null when it is not an absolute http(s) URL with a host. */
    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isBlank()) {
                return null;
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** Why posting to the URI is refused (null: allowed). */
    static String refusal(URI uri, boolean allowPrivate) throws UnknownHostException {
        if (allowPrivate) {
            return null;
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (isPrivate(a)) {
                return "The address resolves to a loopback, private or link-local address, which estate.notify.allow-private-addresses refuses";
            }
        }
        return null;
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10, shared address space
    }
}
