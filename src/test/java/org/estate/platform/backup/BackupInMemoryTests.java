package org.estate.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** On the shared in-memory test database there is no file to copy: 501 problem details saying so, never a 500. */
@EstateTest
class BackupInMemoryTests {

    @LocalServerPort
    int port;

    @Test
    void anInMemoryDatabaseIsAnsweredWithProblemDetails() {
        assumeTrue("h2".equals(TestDatabaseInitializer.DB));
        Response r = ApiClient.adminToken(port).post("/api/v1/admin/backup", (String) null, null);
        assertThat(r.status()).isEqualTo(501);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("in memory");
    }
}
