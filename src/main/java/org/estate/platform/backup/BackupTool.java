package org.estate.platform.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * Backup and restore with Estate stopped, run by {@code ./estate backup FILE} and
 * {@code ./estate restore FILE} without starting Spring:
 * <pre>
 *   backup  DATA_DIR FILE   H2's backup of DATA_DIR/estate.mv.db into FILE (refused while the database is in use)
 *   restore FILE DATA_DIR   FILE, checked to be an Estate backup, into DATA_DIR, which must be empty
 * </pre>
 * Exit status 0 when done, 1 when refused or failed (the reason on standard error), 2 for a wrong command.
 * The database user is {@code SPRING_DATASOURCE_USERNAME} / {@code SPRING_DATASOURCE_PASSWORD} (default sa, no password).
 */
public final class BackupTool {

    /** H2's "Database may be already in use". */
    private static final int DATABASE_IN_USE = 90020;

    private BackupTool() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (Failure e) {
            System.err.println("estate: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    static int run(String... args) throws Failure {
        if (args.length == 3 && args[0].equals("backup")) {
            backup(Path.of(args[1]), Path.of(args[2]));
            return 0;
        }
        if (args.length == 3 && args[0].equals("restore")) {
            restore(Path.of(args[1]), Path.of(args[2]));
            return 0;
        }
        System.err.println("usage: BackupTool backup DATA_DIR FILE | restore FILE DATA_DIR");
        return 2;
    }

    static void backup(Path dataDir, Path file) throws Failure {
        Path database = dataDir.resolve(H2Backups.DATABASE_FILE);
        if (!Files.isRegularFile(database)) {
            throw new Failure("there is no Estate database in " + dataDir.toAbsolutePath() + " (no " + H2Backups.DATABASE_FILE
                + "); set ESTATE_DATA_DIR to Estate's data folder");
        }
        if (Files.exists(file)) {
            throw new Failure(file + " already exists: choose another name");
        }
        if (inUse(database)) {
            throw new Failure(inUseMessage(dataDir));
        }
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.deleteIfExists(part);
            H2Backups.createOwnerOnly(part);
            try (Connection c = open(dataDir)) {
                H2Backups.backupTo(c, part);
            }
            H2Backups.verify(part);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("Backed up " + dataDir.toAbsolutePath() + " to " + file + " (" + Files.size(file) + " bytes)");
        } catch (SQLException e) {
            deleteQuietly(part);
            if (e.getErrorCode() == DATABASE_IN_USE) {
                throw new Failure(inUseMessage(dataDir));
            }
            throw new Failure("cannot back up " + dataDir.toAbsolutePath() + ": " + firstLine(e));
        } catch (IOException e) {
            deleteQuietly(part);
            throw new Failure("cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * Whether a process holds the database open: H2 locks the file while it has it. Asked before
     * H2 opens it, because a refused open leaves a trace file in the folder.
     */
    private static boolean inUse(Path database) {
        try (FileChannel channel = FileChannel.open(database, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false; // H2 will say what is wrong when it opens the file
        }
    }

    private static String inUseMessage(Path dataDir) {
        return "the database in " + dataDir.toAbsolutePath() + " is in use (is Estate running?). Stop Estate first, "
            + "or back up the running Estate through its API: set ESTATE_URL and ESTATE_TOKEN (an admin's API token)";
    }

    static void restore(Path file, Path dataDir) throws Failure {
        if (!Files.isRegularFile(file)) {
            throw new Failure(file + " is not a file");
        }
        String entry;
        try {
            entry = H2Backups.verify(file);
        } catch (IOException e) {
            throw new Failure(e.getMessage());
        }
        try {
            if (Files.isDirectory(dataDir)) {
                try (var listing = Files.list(dataDir)) {
                    List<String> present = listing.map(p -> p.getFileName().toString()).sorted().limit(5).toList();
                    if (!present.isEmpty()) {
                        throw new Failure(dataDir.toAbsolutePath() + " is not empty (it holds " + String.join(", ", present)
                            + "): restore into an empty folder, then point ESTATE_DATA_DIR at it");
                    }
                }
            } else if (Files.exists(dataDir)) {
                throw new Failure(dataDir + " is not a folder");
            } else {
                H2Backups.createOwnerOnlyDirectory(dataDir);
            }
        } catch (IOException e) {
            throw new Failure("cannot use " + dataDir + ": " + e.getMessage());
        }
        Path database = dataDir.resolve(H2Backups.DATABASE_FILE);
        Path part = dataDir.resolve(H2Backups.DATABASE_FILE + ".part");
        try {
            H2Backups.createOwnerOnly(part);
            // Written into the owner-only file made above (Files.copy would make a new one with the default mode).
            try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entry));
                 OutputStream out = Files.newOutputStream(part, StandardOpenOption.TRUNCATE_EXISTING)) {
                in.transferTo(out);
            }
            Files.move(part, database, StandardCopyOption.ATOMIC_MOVE);
            String version = schemaVersion(dataDir);
            System.out.println("Restored " + file + " (Estate schema version " + version + ") into " + dataDir.toAbsolutePath()
                + ". Start Estate on it with ESTATE_DATA_DIR=" + dataDir + " ./estate run");
        } catch (IOException | SQLException | RuntimeException e) {
            // Leave the folder as empty as it was found.
            try (var listing = Files.list(dataDir)) {
                listing.forEach(BackupTool::deleteQuietly);
            } catch (IOException ignored) {
                // best effort: the message below says what failed
            }
            String why = e instanceof SQLException s ? firstLine(s) : e.getMessage();
            throw new Failure("cannot restore " + file + " (the folder is left empty): " + why);
        }
    }

    /** Opens the restored database and reads Flyway's history: an Estate database has one. */
    private static String schemaVersion(Path dataDir) throws SQLException {
        try (Connection c = open(dataDir); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : "none";
        } catch (SQLException e) {
            throw new SQLException("it is not an Estate database (" + firstLine(e) + ")", e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private static Connection open(Path dataDir) throws SQLException {
        // IFEXISTS: never create an empty database; TRACE_LEVEL_FILE=0: a refusal leaves no trace file in the folder.
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(H2Backups.DATABASE) + H2Backups.SETTINGS
            + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0";
        String user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "sa");
        String password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
        return DriverManager.getConnection(url, user, password);
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more to do: the caller reports the original failure
        }
    }

    /** A refusal or failure, said to the user in one sentence. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }
}
