package org.estate.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test context at the database chosen by the system property {@code estate.test.db}:
 * {@code h2} (default, in memory) or {@code postgresql} (a fresh database on the local server;
 * those of finished runs are dropped at the next run). The build runs the suite once with each.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String DB = System.getProperty("estate.test.db", "h2");
    private static Map<String, Object> properties;
    private static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // Test classes share one database (and one application context) unless they ask for their
        // own with estate.test.own-database=true (e.g. to see a first start on an empty database),
        // or =file for their own database that is, on H2, a file (e.g. to take a backup of it).
        String own = context.getEnvironment().getProperty("estate.test.own-database", "false");
        Map<String, Object> p = switch (own) {
            case "true" -> "postgresql".equals(DB) ? postgres() : h2();
            case "file" -> "postgresql".equals(DB) ? postgres() : h2File();
            default -> properties();
        };
        Map<String, Object> all = new HashMap<>(p);
        all.put("estate.smtp.host", "127.0.0.1");
        all.put("estate.smtp.port", TestMail.port());
        all.put("estate.bounces.address", TestMail.BOUNCES);
        all.put("estate.bounces.host", "127.0.0.1");
        all.put("estate.bounces.port", TestMail.imapPort());
        all.put("estate.bounces.tls", "false");
        all.put("estate.bounces.username", TestMail.BOUNCES);
        all.put("estate.bounces.password", TestMail.BOUNCES_PASSWORD);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("estate-test-db", all));
    }

    public static synchronized Map<String, Object> properties() {
        if (properties == null) {
            properties = "postgresql".equals(DB) ? postgres() : h2();
        }
        return properties;
    }

    private static Map<String, Object> h2() {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", "jdbc:h2:mem:estate-" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        p.put("spring.datasource.username", "sa");
        p.put("spring.datasource.password", "");
        return p;
    }

    private static Map<String, Object> h2File() {
        Map<String, Object> p = h2();
        String folder = java.nio.file.Path.of("target", "test-data", "h2-" + UUID.randomUUID()).toAbsolutePath().toString();
        p.put("spring.datasource.url", "jdbc:h2:file:" + folder + "/estate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        return p;
    }

    /**
     * Drops the databases of earlier runs whose JVM has gone. Not done at exit: a shutdown hook
     * racing the application context's own shutdown can hang the forked JVM.
     */
    private static void dropLeftOvers(Statement s) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'estate\\_test\\_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        for (String old : names) {
            String[] parts = old.split("_");
            long pid = Long.parseLong(parts[2]);
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            s.execute("DROP DATABASE IF EXISTS " + old + " WITH (FORCE)");
        }
    }

    /**
     * A new empty database on the test PostgreSQL server (dropped at a later run once this JVM has
     * gone): {@code spring.datasource.url}, {@code .username} and {@code .password}.
     */
    public static Map<String, Object> newPostgresDatabase() {
        return postgres(false);
    }

    private static Map<String, Object> postgres() {
        return postgres(true);
    }

    /** @param asyncCommit for the in-process test contexts; the crash tests' own Estate runs with PostgreSQL's defaults */
    private static Map<String, Object> postgres(boolean asyncCommit) {
        String host = System.getenv().getOrDefault("ESTATE_TEST_PG_HOST", "127.0.0.1:5432");
        String user = System.getenv().getOrDefault("ESTATE_TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("ESTATE_TEST_PG_PASSWORD", "");
        String name = "estate_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() + "_" + COUNTER.incrementAndGet();
        String admin = "jdbc:postgresql://" + host + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
            dropLeftOvers(s);
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on PostgreSQL at " + host
                + " (is it running? .ci/run starts it): " + e.getMessage(), e);
        }
        Map<String, Object> p = new HashMap<>();
        // The tests' commits need not wait for the disk: synchronous_commit=off risks only the last
        // moments of commits if PostgreSQL itself (not Estate) crashes, which no test does. A killed
        // Estate loses nothing either way. It saves a few ms of fsync per commit, minutes a run.
        p.put("spring.datasource.url", "jdbc:postgresql://" + host + "/" + name + (asyncCommit ? "?options=-c%20synchronous_commit%3Doff" : ""));
        p.put("spring.datasource.username", user);
        p.put("spring.datasource.password", password);
        return p;
    }
}
