package org.estate.monitoring.internal.probe.net;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import javax.net.ssl.SSLException;

/** Network failures in plain words, for a {@code down} result's message. */
final class NetFailures {

    private NetFailures() {
    }

    static String describe(Throwable e, String host, Duration timeout) {
        Throwable t = e;
        for (int i = 0; i < 8 && t != null; i++) {
            if (t instanceof HttpConnectTimeoutException || t instanceof SocketTimeoutException) {
                return "No connection to " + host + " within " + timeout.toMillis() + " ms";
            }
            if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException) {
                return "No answer from " + host + " within " + timeout.toMillis() + " ms";
            }
            if (t instanceof UnknownHostException) {
                return "Cannot find the host " + host + " (no such name in DNS)";
            }
            if (t instanceof ConnectException) {
                return "Connection to " + host + " refused or failed" + detail(t);
            }
            if (t instanceof NoRouteToHostException) {
                return "No route to " + host;
            }
            if (t instanceof SSLException) {
                return "TLS error with " + host + detail(t);
            }
            t = t.getCause();
        }
        return "Failed" + detail(e);
    }

    private static String detail(Throwable t) {
        Throwable deepest = t;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String m = deepest.getMessage() == null ? t.getMessage() : deepest.getMessage();
        if (m == null || m.isBlank()) {
            m = deepest.getClass().getSimpleName();
        }
        return ": " + TargetReader.shown(m, 300);
    }
}
