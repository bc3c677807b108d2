package org.estate.platform.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What an Estate backup on H2 is, shared by the running application and the offline tool: a zip
 * made by H2's {@code BACKUP TO} holding one entry, the database file {@code estate.mv.db}. H2's
 * own {@code org.h2.tools.Restore} can unpack it too.
 */
final class H2Backups {

    /** The database's name in the data folder (application.yml: {@code jdbc:h2:file:${estate.data-dir}/estate}). */
    static final String DATABASE = "estate";
    static final String DATABASE_FILE = DATABASE + ".mv.db";
    /**
     * The settings application.yml opens the database with. DATABASE_TO_LOWER must be the one the
     * database was created with, or H2 cannot read its own schema back.
     */
    static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    /** Backups hold password and token hashes: readable by their owner only. */
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9_-]+\\.mv\\.db");
    /** The start of every MVStore file header ("H:2,block:..."). */
    private static final byte[] MVSTORE_HEADER = "H:2,".getBytes(StandardCharsets.US_ASCII);

    private H2Backups() {
    }

    /**
     * H2's online backup: it flushes the store, stops reusing free space while it copies the file
     * (the store only appends then), so the copy holds every transaction committed before it began,
     * consistent, while other connections keep writing.
     */
    static void backupTo(Connection connection, Path target) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("BACKUP TO ?")) {
            s.setString(1, target.toAbsolutePath().toString());
            s.execute();
        }
    }

    /** Creates an empty file readable by its owner only (where the file system has POSIX permissions). */
    static Path createOwnerOnly(Path file) throws IOException {
        if (posix()) {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        return Files.createFile(file);
    }

    static Path createOwnerOnlyDirectory(Path dir) throws IOException {
        if (posix()) {
            return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        }
        return Files.createDirectories(dir);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Checks that {@code zip} looks like an Estate backup before anything is written from it: a zip
     * with exactly one entry, an H2 database file (no folders, no other files), in H2's format.
     *
     * @return the name of the database entry
     * @throws NotABackupException saying what is wrong
     */
    static String verify(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            var entries = Collections.list(z.entries());
            if (entries.size() != 1 || !ENTRY.matcher(entries.getFirst().getName()).matches()) {
                throw new NotABackupException(zip + " is not an Estate backup: it should hold exactly one file, "
                    + DATABASE_FILE + ", but holds " + entries.stream().map(ZipEntry::getName).toList());
            }
            ZipEntry entry = entries.getFirst();
            try (InputStream in = z.getInputStream(entry)) {
                byte[] head = in.readNBytes(MVSTORE_HEADER.length);
                if (!java.util.Arrays.equals(head, MVSTORE_HEADER)) {
                    throw new NotABackupException(zip + " is not an Estate backup: " + entry.getName() + " is not an H2 database file");
                }
            }
            return entry.getName();
        } catch (java.util.zip.ZipException e) {
            throw new NotABackupException(zip + " is not an Estate backup: it is not a zip file (" + e.getMessage() + ")");
        }
    }

    /** The file is not an Estate backup. */
    static final class NotABackupException extends IOException {
        NotABackupException(String message) {
            super(message);
        }
    }
}
