package org.estate.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline backup and restore behind {@code ./estate backup} and {@code ./estate restore}, run as
 * the script runs them: a separate JVM, so that H2 sees a database held open by another process.
 */
@Tag("unit")
class BackupToolTests {

    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void anEstateDatabaseWithOneCi() throws Exception {
        data = tmp.resolve("data");
        Flyway.configure().dataSource(url(data), "sa", "").locations("classpath:db/migration", "classpath:db/vendor/h2")
            .load().migrate();
        try (Connection c = connect(data)) {
            c.createStatement().execute("""
                INSERT INTO ci (class_key, name, status, criticality, created_at, updated_at)
                VALUES ('server', 'offline-proof', 'live', 'low', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""");
        }
    }

    @Test
    void backsUpAStoppedDataFolderAndRestoresItIntoAnEmptyOne() throws Exception {
        Path file = tmp.resolve("backup.zip");
        Result backup = tool("backup", data.toString(), file.toString());
        assertThat(backup.status()).as(backup.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(tmp.resolve("backup.zip.part")).doesNotExist();

        Path restored = tmp.resolve("new-data");
        Result restore = tool("restore", file.toString(), restored.toString());
        assertThat(restore.status()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("schema version");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(restored))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(restored.resolve("estate.mv.db")))).isEqualTo("rw-------");
        try (Connection c = connect(restored); ResultSet rs = c.createStatement().executeQuery("SELECT name FROM ci")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("offline-proof");
        }
    }

    @Test
    void refusesADatabaseInUseAndLeavesNoFile() throws Exception {
        Path file = tmp.resolve("backup.zip");
        try (Connection held = connect(data)) {
            Result r = tool("backup", data.toString(), file.toString());
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).contains("is in use").contains("ESTATE_URL");
        }
        assertThat(file).doesNotExist();
        assertThat(tmp.resolve("backup.zip.part")).doesNotExist();
    }

    @Test
    void refusesAFolderWithoutADatabaseAndAnExistingFile() throws Exception {
        Result none = tool("backup", tmp.resolve("nowhere").toString(), tmp.resolve("a.zip").toString());
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).contains("no Estate database");
        Path existing = Files.writeString(tmp.resolve("existing.zip"), "keep me");
        Result clash = tool("backup", data.toString(), existing.toString());
        assertThat(clash.status()).isEqualTo(1);
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }

    @Test
    void restoresOnlyIntoAnEmptyFolder() throws Exception {
        Path file = tmp.resolve("backup.zip");
        assertThat(tool("backup", data.toString(), file.toString()).status()).isZero();
        Result r = tool("restore", file.toString(), data.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("is not empty");
        try (Connection c = connect(data); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM ci")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void refusesWhatIsNotAnEstateBackupAndLeavesTheFolderEmpty() throws Exception {
        Path notZip = Files.writeString(tmp.resolve("notes.zip"), "not a zip at all");
        Path otherFiles = zip("other.zip", "../../etc/passwd", "H:2,block:2");
        Path notH2 = zip("not-h2.zip", "estate.mv.db", "hello");
        for (Path bad : new Path[] {notZip, otherFiles, notH2}) {
            Path target = tmp.resolve("empty-" + bad.getFileName());
            Result r = tool("restore", bad.toString(), target.toString());
            assertThat(r.status()).as(bad.toString()).isEqualTo(1);
            assertThat(r.err()).as(bad.toString()).contains("is not an Estate backup");
            assertThat(target).doesNotExist();
        }

        // An H2 database that is not Estate's: unpacked, found wanting, removed again.
        Path other = tmp.resolve("other-db");
        try (Connection c = connect(other)) {
            c.createStatement().execute("CREATE TABLE t (x INT)");
        }
        Path otherBackup = tmp.resolve("other-db.zip");
        assertThat(tool("backup", other.toString(), otherBackup.toString()).status()).isZero();
        Path target = tmp.resolve("empty");
        Files.createDirectory(target);
        Result r = tool("restore", otherBackup.toString(), target.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("not an Estate database");
        try (var left = Files.list(target)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    private Path zip(String name, String entry, String content) throws Exception {
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes());
            zip.closeEntry();
        }
        return file;
    }

    private static String url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath() + "/estate" + H2Backups.SETTINGS;
    }

    private static Connection connect(Path dir) throws Exception {
        return DriverManager.getConnection(url(dir), "sa", "");
    }

    record Result(int status, String out, String err) {
    }

    private static Result tool(String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BackupTool.class.getName());
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).start();
        // Small outputs: read them after the exit.
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes()), new String(p.getErrorStream().readAllBytes()));
    }
}
