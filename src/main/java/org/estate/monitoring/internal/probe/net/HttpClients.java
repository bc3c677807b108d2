package org.estate.monitoring.internal.probe.net;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.stereotype.Component;

/**
 * The HTTP clients every {@code http} check shares, one per configuration (following redirects or
 * not), so that thousands of checks a second reuse connections, threads and TLS contexts instead
 * of building their own. HTTP/1.1 as most monitors speak it; the JVM's trust store; connections
 * kept alive between runs where the server allows it.
 */
@Component
public class HttpClients implements AutoCloseable {

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient following = build(HttpClient.Redirect.NORMAL);
    private final HttpClient notFollowing = build(HttpClient.Redirect.NEVER);

    private HttpClient build(HttpClient.Redirect redirect) {
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(redirect)
            .executor(executor)
            .build();
    }

    HttpClient client(boolean followRedirects) {
        return followRedirects ? following : notFollowing;
    }

    @Override
    public void close() {
        following.shutdownNow();
        notFollowing.shutdownNow();
        executor.shutdownNow();
    }
}
