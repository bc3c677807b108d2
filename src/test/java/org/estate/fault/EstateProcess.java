package org.estate.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Estate as users run it: {@code java -jar target/estate.jar} in a process of its own, with the
 * java that runs the tests, a 512 MB heap, a free port and the admin password from
 * {@code ESTATE_ADMIN_PASSWORD}. It is started with {@code umask 022}, so that the data folder's
 * permissions are Estate's own doing, not the shell's. Output goes to a
 * log file under {@code target/fault-logs}, named after the test.
 */
final class EstateProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "fault-test-admin-password";

    private final Path workDir;
    private final Map<String, String> environment;
    private final List<String> arguments;
    private final int port;
    private final Path logFile;
    private Process process;
    private int starts;

    /**
     * @param name        names the log file
     * @param workDir     holds the data folder {@code data} (used on H2)
     * @param environment extra environment, e.g. {@code SPRING_DATASOURCE_URL}
     * @param arguments   extra application arguments, e.g. {@code --estate.servicedesk.clock-interval=1s}
     */
    EstateProcess(String name, Path workDir, Map<String, String> environment, List<String> arguments) {
        this.workDir = workDir;
        this.environment = environment;
        this.arguments = arguments;
        this.port = freePort();
        try {
            Path logs = Files.createDirectories(Path.of(System.getProperty("estate.fault-logs", "target/fault-logs")));
            this.logFile = logs.resolve(name + "-" + port + ".log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("estate.jar", "target/estate.jar"));
        assertThat(jar).as("the application jar (built by 'package' before the integration tests)").exists();
        return jar;
    }

    static String java() {
        return ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Path dataDir() {
        return workDir.resolve("data");
    }

    /** Kept after the test (the data folder is not), for a look when a fault test fails. */
    Path log() {
        return logFile;
    }

    /** The running process's id (the shell execs Java, so it is Java's). */
    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Starts Estate (again, on the same data and port) and waits until its health is UP. */
    EstateProcess start() throws IOException {
        assertThat(process == null || !process.isAlive()).as("not running already").isTrue();
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask 022 && exec \"$@\"", "estate",
            java(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar().toAbsolutePath().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("ESTATE_") || k.startsWith("SPRING_") || k.equals("SERVER_PORT"));
        env.put("ESTATE_DATA_DIR", dataDir().toString());
        env.put("ESTATE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("SERVER_PORT", String.valueOf(port));
        env.putAll(environment);
        Files.writeString(log(), "---- start " + (++starts) + "\n", java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
        process = builder.start();
        Http http = new Http(baseUrl(), null);
        Poll.until("Estate answers health UP on port " + port + " (log: " + log() + ")", Duration.ofSeconds(300), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Estate stopped during start (exit " + process.exitValue() + "):\n" + tail());
            }
            return http.get("/actuator/health").status() == 200;
        });
        return this;
    }

    /** {@code kill -9}: Process.destroyForcibly is SIGKILL on Linux, which the exit status 137 (128 + 9) proves. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("killed").isTrue();
        return process.exitValue();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
