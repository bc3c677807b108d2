package org.estate.monitoring.internal.probe.sys;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.estate.monitoring.internal.probe.CheckType;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.stereotype.Component;

/**
 * The {@code database} check: connects to PostgreSQL, MariaDB, MySQL or SQL Server with a timeout,
 * runs {@code query} (default {@code SELECT 1}) in a read-only session with a query timeout, and is
 * {@code degraded} above {@code maxMs}, {@code down} when it cannot connect or the query fails (with
 * the driver's message, never the password). Drivers are used directly, not through the JVM-wide
 * {@code DriverManager}.
 */
@Component
public class DatabaseCheckType implements CheckType {

    static final List<String> ENGINES = List.of("postgresql", "mariadb", "mysql", "sql-server");

    @Override
    public String key() {
        return "database";
    }

    @Override
    public Set<String> secretFields() {
        return Set.of("password");
    }

    @Override
    public Map<String, Object> normalise(Map<String, Object> target, List<FieldError> errors) {
        TargetReader r = new TargetReader(target, errors);
        String engine = r.oneOf("engine", ENGINES, null, "the database engine");
        r.host("host");
        r.integer("port", 1, 65535, engine == null ? null : defaultPort(engine), "the port");
        r.text("database", false, 128, "the database name");
        r.text("username", true, 128, "the user name");
        r.secret("password", false, 256, "the password");
        String query = r.text("query", false, 2000, "the query");
        if (query == null) {
            r.out().put("query", "SELECT 1");
        }
        r.optionalInteger("maxMs", 1, 600_000, "the slowest acceptable time in milliseconds");
        r.refuseUnknown();
        return r.out();
    }

    static int defaultPort(String engine) {
        return switch (engine) {
            case "postgresql" -> 5432;
            case "sql-server" -> 1433;
            default -> 3306;
        };
    }

    @Override
    public Prober prepare(long checkId, Map<String, Object> target) {
        return new DatabaseProber(target);
    }

    /** One database check's connection details, reused for every run; each run opens and closes its own connection. */
    static final class DatabaseProber implements Prober {

        private final String engine;
        private final String host;
        private final int port;
        private final String database;
        private final String username;
        private final String password;
        private final String query;
        private final Integer maxMs;

        DatabaseProber(Map<String, Object> t) {
            engine = (String) t.get("engine");
            host = (String) t.get("host");
            port = ((Number) t.get("port")).intValue();
            database = (String) t.get("database");
            username = (String) t.get("username");
            password = (String) t.get("password");
            query = (String) t.getOrDefault("query", "SELECT 1");
            maxMs = t.get("maxMs") instanceof Number n ? n.intValue() : null;
        }

        @Override
        public ProbeResult probe(Duration timeout) {
            long start = System.nanoTime();
            long timeoutMs = Math.max(1, timeout.toMillis());
            Map<String, Object> values = new LinkedHashMap<>();
            Connection c;
            try {
                c = connect(timeoutMs);
            } catch (Exception e) {
                return ProbeResult.down(elapsed(start), "Cannot connect to " + engine + " at " + host + ":" + port + ": " + clean(e), values);
            }
            long connectMs = elapsed(start);
            values.put("connectMs", connectMs);
            try (c) {
                try {
                    c.setReadOnly(true);
                } catch (SQLException ignored) {
                    // a driver that cannot mark the session read-only still runs the query
                }
                long queryStart = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    long left = timeoutMs - connectMs;
                    s.setQueryTimeout((int) Math.max(1, (left + 999) / 1000));
                    s.setMaxRows(1);
                    int rows = 0;
                    if (s.execute(query)) {
                        try (ResultSet rs = s.getResultSet()) {
                            while (rs.next()) rows++;
                        }
                    }
                    values.put("queryMs", elapsed(queryStart));
                    values.put("rows", rows);
                }
            } catch (Exception e) {
                return ProbeResult.down(elapsed(start), "The query failed: " + clean(e), values);
            }
            long ms = elapsed(start);
            if (maxMs != null && ms > maxMs) {
                return ProbeResult.degraded(ms, "Answered in " + ms + " ms, slower than " + maxMs + " ms", values);
            }
            return ProbeResult.up(ms, "Answered in " + ms + " ms", values);
        }

        private Connection connect(long timeoutMs) throws SQLException {
            int seconds = (int) Math.max(1, (timeoutMs + 999) / 1000);
            Properties p = new Properties();
            p.setProperty("user", username);
            if (password != null) p.setProperty("password", password);
            String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            String db = database == null ? "" : database;
            Driver driver;
            String url;
            switch (engine) {
                case "postgresql" -> {
                    driver = new org.postgresql.Driver();
                    url = "jdbc:postgresql://" + h + ":" + port + "/" + db;
                    p.setProperty("connectTimeout", String.valueOf(seconds));
                    p.setProperty("loginTimeout", String.valueOf(seconds));
                    p.setProperty("socketTimeout", String.valueOf(seconds + 1));
                    p.setProperty("ApplicationName", "Estate monitoring");
                    p.setProperty("readOnlyMode", "always"); // read-only even in auto-commit
                }
                case "sql-server" -> {
                    driver = new com.microsoft.sqlserver.jdbc.SQLServerDriver();
                    url = "jdbc:sqlserver://" + h + ":" + port;
                    if (!db.isEmpty()) p.setProperty("databaseName", db);
                    p.setProperty("loginTimeout", String.valueOf(seconds));
                    p.setProperty("socketTimeout", String.valueOf(timeoutMs + 1000));
                    p.setProperty("encrypt", "true");
                    p.setProperty("applicationName", "Estate monitoring");
                }
                default -> { // mariadb and mysql: MariaDB's driver speaks both
                    driver = new org.mariadb.jdbc.Driver();
                    url = "jdbc:mariadb://" + h + ":" + port + "/" + db;
                    p.setProperty("connectTimeout", String.valueOf(timeoutMs));
                    p.setProperty("socketTimeout", String.valueOf(timeoutMs + 1000));
                }
            }
            Connection c = driver.connect(url, p);
            if (c == null) throw new SQLException("the driver did not accept the address");
            return c;
        }

        /** The driver's message (first line, at most 500 characters) with the password blanked should a driver ever echo it. */
        private String clean(Exception e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (password != null && !password.isEmpty()) m = m.replace(password, "********");
            m = m.strip();
            int nl = m.indexOf('\n');
            if (nl > 0) m = m.substring(0, nl);
            return m.length() > 500 ? m.substring(0, 500) + "…" : m;
        }

        private static long elapsed(long start) {
            return (System.nanoTime() - start) / 1_000_000;
        }
    }
}
