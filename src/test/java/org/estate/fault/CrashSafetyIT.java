package org.estate.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.estate.test.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of writes from several client threads, then a restart on the same
 * data: every write that was acknowledged is there with its audit history, and nothing is
 * half-written. Estate runs as a separate process from the built jar, as users run it.
 */
class CrashSafetyIT {

    @TempDir
    Path work;

    @Test
    void h2KeepsEveryAcknowledgedWriteThroughKill9AndKeepsItsFilesOwnerOnly() throws Exception {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path data = work.resolve("data");
        if (posix) {
            // A folder left readable by an older Estate or a loose umask: start must close it.
            Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.writeString(data.resolve("notes.txt"), "left here", java.nio.file.StandardOpenOption.CREATE);
            Files.setPosixFilePermissions(data.resolve("notes.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (EstateProcess estate = new EstateProcess("kill-h2", work, Map.of(), List.of())) {
            estate.start();
            if (posix) {
                assertOwnerOnly(data);
            }
            killDuringWrites(estate);
            if (posix) {
                assertOwnerOnly(data); // files H2 made while writing, too
            }
        }
    }

    @Test
    void postgresqlKeepsEveryAcknowledgedWriteThroughKill9() throws Exception {
        assumeFalse(Boolean.getBoolean("skipPostgresTests"), "PostgreSQL tests skipped (-DskipPostgresTests)");
        Map<String, Object> db = TestDatabaseInitializer.newPostgresDatabase();
        Map<String, String> env = Map.of(
            "SPRING_DATASOURCE_URL", db.get("spring.datasource.url").toString(),
            "SPRING_DATASOURCE_USERNAME", db.get("spring.datasource.username").toString(),
            "SPRING_DATASOURCE_PASSWORD", db.get("spring.datasource.password").toString());
        try (EstateProcess estate = new EstateProcess("kill-postgresql", work, env, List.of())) {
            estate.start();
            killDuringWrites(estate);
        }
    }

    /** Writes from four threads, kill -9 while they run, restart, check. */
    private static void killDuringWrites(EstateProcess estate) throws Exception {
        Http http = Http.adminToken(estate.baseUrl());
        Writers writers = new Writers(http, "crash", 4);
        try (writers) {
            Poll.until("200 acknowledged writes", Duration.ofSeconds(120), () -> writers.acknowledgedWrites.get() >= 200);
            assertThat(estate.kill()).as("exit status of SIGKILL (128 + 9)").isEqualTo(137);
        }
        assertThat(writers.unexpected).as("answers other than 2xx, 503 or no answer").isEmpty();
        estate.start();
        // The token itself was an acknowledged write: using it after the restart is part of the check.
        Writers.verify(http, writers);
    }

    /** The folder and every file in it owner-only (files H2 has just made get a moment to be fixed). */
    static void assertOwnerOnly(Path data) throws IOException {
        try {
            Poll.until("the data folder is owner-only", Duration.ofSeconds(10), () -> loosePermissions(data).isEmpty());
        } catch (AssertionError e) {
            assertThat(loosePermissions(data)).as("files and folders not owner-only").isEmpty();
        }
        try (Stream<Path> all = Files.list(data)) {
            assertThat(all.map(p -> p.getFileName().toString())).as("files in the data folder").contains("estate.mv.db");
        }
    }

    private static List<String> loosePermissions(Path data) throws IOException {
        try (Stream<Path> all = Files.walk(data)) {
            return all.map(p -> {
                try {
                    String expected = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
                    String actual = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                    return actual.equals(expected) ? null : p.getFileName() + " " + actual;
                } catch (IOException e) {
                    return null; // gone meanwhile
                }
            }).filter(java.util.Objects::nonNull).toList();
        }
    }
}
