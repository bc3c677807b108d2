package org.estate.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real nginx (Debian's {@code /usr/sbin/nginx}) started for a test or a benchmark in a temporary
 * folder, on free 127.0.0.1 ports, as one foreground process ({@code daemon off; master_process off}),
 * stopped by {@link #close()}. Give it the directives that go inside {@code http { }}: the server
 * blocks, using {@link #port(int)} for their ports, and files written under {@link #dir()} first.
 *
 * <pre>{@code
 * try (Nginx nginx = Nginx.start(1, n -> """
 *         server { listen 127.0.0.1:%d; location = /ok { return 200 "fine"; } }
 *         """.formatted(n.port(0)))) {
 *     ... nginx.url("/ok") ...
 * }
 * }</pre>
 */
public final class Nginx implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/nginx";

    private final Path dir;
    private final int[] ports;
    private Process process;

    private Nginx(Path dir, int[] ports) {
        this.dir = dir;
        this.ports = ports;
    }

    /** Prepares a folder and {@code portCount} free ports; call {@link #run(String)} once files are in place. */
    public static Nginx prepare(int portCount) {
        try {
            Path dir = Files.createTempDirectory("estate-nginx");
            Files.createDirectories(dir.resolve("www"));
            return new Nginx(dir, freePorts(portCount));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prepares and runs nginx with the {@code http} block's directives that {@code config} gives for it. */
    public static Nginx start(int portCount, java.util.function.Function<Nginx, String> config) {
        Nginx n = prepare(portCount);
        n.run(config.apply(n));
        return n;
    }

    /** The folder nginx runs in; {@code www/} under it is the default document root. */
    public Path dir() {
        return dir;
    }

    public int port(int index) {
        return ports[index];
    }

    public int port() {
        return ports[0];
    }

    /** {@code http://127.0.0.1:<first port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + ports[0] + path;
    }

    /** Writes a file under the folder (for the document root, a password file, certificates). */
    public Path write(String relative, String content) {
        try {
            Path p = dir.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts nginx with these directives inside {@code http { }} and waits (up to 10 s) until every port accepts connections. */
    public Nginx run(String httpDirectives) {
        String conf = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid %1$s/nginx.pid;
            error_log stderr;
            events { worker_connections 4096; }
            http {
                access_log off;
                default_type text/plain;
                client_body_temp_path %1$s/tmp-body;
                proxy_temp_path %1$s/tmp-proxy;
                fastcgi_temp_path %1$s/tmp-fastcgi;
                uwsgi_temp_path %1$s/tmp-uwsgi;
                scgi_temp_path %1$s/tmp-scgi;
                root %1$s/www;
            %2$s
            }
            """.formatted(dir, httpDirectives);
        write("nginx.conf", conf);
        try {
            process = new ProcessBuilder(BINARY, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-e", "stderr")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.log").toFile())
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + BINARY, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int port : ports) {
            while (!accepts(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = log();
                    close();
                    throw new IllegalStateException("nginx did not start on port " + port + ": " + log);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling a real process's start
            }
        }
        return this;
    }

    /** What nginx wrote to its error log so far. */
    public String log() {
        try {
            Path p = dir.resolve("nginx.log");
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code count} ports free on 127.0.0.1 right now. */
    public static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                out[i] = s.getLocalPort();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // freed for nginx
                }
            }
        }
    }

    /** A port with nothing listening on it (for "connection refused"). */
    public static int closedPort() {
        return freePorts(1)[0];
    }

    /** {@code count} blocks joined, e.g. one {@code server} per port for a benchmark's many targets. */
    public static String repeat(int count, IntFunction<String> server) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(server.apply(i)).append('\n');
        }
        return b.toString();
    }
}
