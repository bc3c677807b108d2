package org.estate.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/admin/backup through real HTTP: admins only, a zip H2 restores, one at a time, PostgreSQL's answer. */
@EstateTest
@TestPropertySource(properties = "estate.test.own-database=file")
class BackupApiTests {

    @LocalServerPort
    int port;
    @Autowired
    DatabaseBackups backups;
    @Autowired
    DataSource dataSource;
    @TempDir
    Path tmp;

    static boolean h2() {
        return "h2".equals(TestDatabaseInitializer.DB);
    }

    String adminToken() {
        return ApiClient.admin(port).post("/api/v1/tokens", "{\"name\":\"backup test\"}").json().get("token").asString();
    }

    @Test
    void everyRoleButAdminIsRefusedAndAnonymousMustSignIn() {
        for (String role : new String[] {"viewer", "requester", "engineer", "manager"}) {
            Response r = ApiClient.as(port, "backup." + role, role).post("/api/v1/admin/backup", (String) null, null);
            assertThat(r.status()).as(role).isEqualTo(403);
            assertThat(r.header("Content-Type")).as(role).startsWith("application/problem+json");
        }
        Response anonymous = ApiClient.anonymous(port).post("/api/v1/admin/backup", (String) null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void adminDownloadsAZipThatRestoresToTheDatabaseAsItWas() throws Exception {
        assumeTrue(h2());
        String name = "backup-proof-" + UUID.randomUUID();
        ApiClient engineer = ApiClient.as(port, "backup.engineer", "engineer");
        assertThat(engineer.post("/api/v1/cis", "{\"class\":\"server\",\"name\":\"" + name + "\"}").status()).isEqualTo(201);

        HttpResponse<byte[]> r = BackupDownloads.post(port, adminToken());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
            .matches("attachment; filename=\"estate-backup-\\d{8}T\\d{6}Z\\.zip\"");
        assertThat(r.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(r.body().length);

        Path zip = Files.write(tmp.resolve("backup.zip"), r.body());
        Path restored = tmp.resolve("restored");
        BackupTool.restore(zip, restored);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(restored.resolve("estate.mv.db")))).isEqualTo("rw-------");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + restored.toAbsolutePath() + "/estate" + H2Backups.SETTINGS + ";IFEXISTS=TRUE", "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM ci WHERE name = '" + name + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }

        // Audited: who, when and how big; and the temporary file is gone.
        String file = r.headers().firstValue("Content-Disposition").orElseThrow().replaceAll(".*filename=\"(.*)\"", "$1");
        JsonNode entry = ApiClient.admin(port).get("/api/v1/audit?entity=backup&entityId=" + file).json().get("items").get(0);
        assertThat(entry.get("actor").asString()).isEqualTo("admin");
        assertThat(entry.get("changes").get("size").get("to").asLong()).isEqualTo(r.body().length);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void oneBackupAtATime() throws Exception {
        assumeTrue(h2());
        String token = adminToken();
        try (DatabaseBackups.Backup first = backups.take()) {
            HttpResponse<byte[]> second = BackupDownloads.post(port, token);
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(new String(second.body())).contains("already being taken");
            assertThat(temporaryFiles()).hasSize(1);
        }
        assertThat(temporaryFiles()).isEmpty();
        assertThat(BackupDownloads.post(port, token).statusCode()).isEqualTo(200);
    }

    @Test
    void aDownloadCutOffMidwayLeavesNoFileBehindAndTheNextBackupRuns() throws Exception {
        assumeTrue(h2());
        // The client goes away after 1,000 bytes, as Tomcat reports it: an IOException from the response's stream.
        MockHttpServletResponse cutOff = new MockHttpServletResponse() {
            @Override
            public ServletOutputStream getOutputStream() {
                return new ServletOutputStream() {
                    private long written;

                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        written += len;
                        if (written > 1000) {
                            throw new IOException("Broken pipe");
                        }
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                    }
                };
            }
        };
        BackupDownload.send(backups, cutOff);
        assertThat(cutOff.getStatus()).isEqualTo(200);
        assertThat(temporaryFiles()).isEmpty();
        assertThat(BackupDownloads.post(port, adminToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void theCommandLineBacksUpThroughTheApiAndNeverLeavesAPartialFile() throws Exception {
        assumeTrue(h2());
        Path file = tmp.resolve("via-api.zip");
        Process ok = script(adminToken(), file);
        assertThat(ok.exitValue()).as(new String(ok.getErrorStream().readAllBytes())).isZero();
        assertThat(H2Backups.verify(file)).isEqualTo("estate.mv.db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        // A refused backup (an engineer's token) fails clearly and writes nothing.
        ApiClient.as(port, "backup.engineer", "engineer");
        String engineerToken = ApiClient.basic(port, "backup.engineer", ApiClient.PASSWORD)
            .post("/api/v1/tokens", "{\"name\":\"backup test\"}").json().get("token").asString();
        Path refusedFile = tmp.resolve("refused.zip");
        Process refused = script(engineerToken, refusedFile);
        assertThat(refused.exitValue()).isEqualTo(1);
        assertThat(new String(refused.getErrorStream().readAllBytes())).contains("answered 403");
        assertThat(refusedFile).doesNotExist();
        assertThat(tmp.resolve("refused.zip.part")).doesNotExist();
    }

    @Test
    void onPostgresqlTheAnswerSaysToUsePgDump() {
        assumeTrue(!h2());
        Response r = ApiClient.adminToken(port).post("/api/v1/admin/backup", (String) null, null);
        assertThat(r.status()).isEqualTo(501);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("pg_dump -Fc").contains("pg_restore");
    }

    private Process script(String token, Path file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "estate", "backup", file.toString());
        pb.environment().put("ESTATE_URL", "http://localhost:" + port);
        pb.environment().put("ESTATE_TOKEN", token);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p;
    }

    private java.util.List<Path> temporaryFiles() throws Exception {
        Path folder;
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT DATABASE_PATH()")) {
            rs.next();
            folder = Path.of(rs.getString(1)).getParent();
        }
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".estate-backup-")).toList();
        }
    }
}
