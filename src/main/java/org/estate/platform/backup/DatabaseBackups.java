package org.estate.platform.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.estate.platform.AuditLog;
import org.estate.platform.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Estate's own backup, taken from the running application without stopping it. On the embedded H2
 * database it is H2's online backup ({@code BACKUP TO}) into a temporary file next to the database,
 * which the caller streams and then closes (deleting it). One backup at a time, so two can never
 * fill the disk together. On PostgreSQL Estate cannot copy the database consistently by itself:
 * {@link BackupUnavailableException} says to use pg_dump.
 */
@Service
public class DatabaseBackups {

    static final String POSTGRESQL_ADVICE = "Estate cannot copy a PostgreSQL database consistently by itself: back it up "
        + "with PostgreSQL's own tools, e.g. pg_dump -Fc -f estate.dump <database>, and restore into an empty database "
        + "with pg_restore -d <database> estate.dump before starting Estate (see the README, \"Backup and restore\")";
    static final String IN_MEMORY = "The database is in memory: there is no file to back up";
    /** Temporary files start with a dot, so H2 never takes them for one of the database's own files. */
    private static final String TEMP_PREFIX = ".estate-backup-";
    private static final String TEMP_SUFFIX = ".zip.part";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(DatabaseBackups.class);

    private final DataSource dataSource;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Semaphore oneAtATime = new Semaphore(1);

    DatabaseBackups(DataSource dataSource, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Why a backup cannot be taken here (and what to do instead), or {@code null} when it can. */
    public String unavailableReason() {
        try (Connection c = dataSource.getConnection()) {
            return databaseFolder(c) == null ? reason(c) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database", e);
        }
    }

    /**
     * Takes a backup now. The caller streams it with {@link Backup#writeTo} and must close it, which
     * deletes the file and lets the next backup start.
     *
     * @throws ConflictException           when another backup is being taken
     * @throws BackupUnavailableException on PostgreSQL or an in-memory database
     */
    public Backup take() {
        if (!oneAtATime.tryAcquire()) {
            throw new ConflictException("A backup is already being taken: try again when it has finished");
        }
        Path file = null;
        try {
            String name = "estate-backup-" + STAMP.format(clock.instant()) + ".zip";
            try (Connection c = dataSource.getConnection()) {
                Path folder = databaseFolder(c);
                if (folder == null) {
                    throw new BackupUnavailableException(reason(c));
                }
                deleteLeftOvers(folder);
                file = H2Backups.createOwnerOnly(folder.resolve(TEMP_PREFIX + java.util.UUID.randomUUID() + TEMP_SUFFIX));
                H2Backups.backupTo(c, file);
            }
            H2Backups.verify(file);
            long size = Files.size(file);
            transactions.executeWithoutResult(s -> audit.record("backup", name, "created",
                "Backup " + name + " taken (" + size + " bytes)", Map.of("size", new AuditLog.Change(null, size))));
            log.info("Backup {} taken by {} ({} bytes)", name, audit.currentActor(), size);
            return new Backup(file, name, size);
        } catch (RuntimeException | SQLException | IOException e) {
            delete(file);
            oneAtATime.release();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("The backup failed: " + e.getMessage(), e);
        }
    }

    /** The folder of the embedded database's files, or null when it is not a file database of H2. */
    private static Path databaseFolder(Connection c) throws SQLException {
        if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
            return null;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE_PATH()")) {
            rs.next();
            String path = rs.getString(1);
            return path == null ? null : Path.of(path).toAbsolutePath().getParent();
        }
    }

    private static String reason(Connection c) throws SQLException {
        return "H2".equals(c.getMetaData().getDatabaseProductName()) ? IN_MEMORY : POSTGRESQL_ADVICE;
    }

    /** Temporary files of a backup cut short by a crash; backups are one at a time, so none is in use. */
    private static void deleteLeftOvers(Path folder) {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            old.forEach(DatabaseBackups::delete);
        } catch (IOException e) {
            log.warn("Cannot look for left-over backup files in {}: {}", folder, e.getMessage());
        }
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the temporary backup " + file, e);
        }
    }

    /** A backup taken, waiting to be streamed; closing it deletes the file and ends the backup. */
    public final class Backup implements AutoCloseable {
        private final Path file;
        private final String fileName;
        private final long size;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Backup(Path file, String fileName, long size) {
            this.file = file;
            this.fileName = fileName;
            this.size = size;
        }

        /** {@code estate-backup-<UTC time>.zip} */
        public String fileName() {
            return fileName;
        }

        public long size() {
            return size;
        }

        public void writeTo(OutputStream out) throws IOException {
            Files.copy(file, out);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    delete(file);
                } finally {
                    oneAtATime.release();
                }
            }
        }
    }
}
