package org.estate.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Parsed rotas are cached per version: an edit made through this node, or written to the database by
 * another node (here: straight into the table), is answered at once.
 */
@EstateTest
class RotaCacheTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anEditIsSeenAtOnceWhereverItWasMade() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String asha = "asha-" + s;
        String ben = "ben-" + s;
        ApiClient.as(port, asha, "engineer");
        ApiClient.as(port, ben, "engineer");
        ApiClient manager = ApiClient.as(port, "cache.manager", "manager");
        String key = "cache-" + s;
        String rota = """
            {"key":"%s","name":"Cached","zone":"Europe/London","layers":[
              {"name":"l","members":["%s"],"rotation":"daily","handoff":"2027-01-04T09:00"}]}""";
        Response created = manager.post("/api/v1/rotas", rota.formatted(key, asha));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String at = "/api/v1/rotas/" + key + "/on-call?at=2027-01-05T10:00:00Z";
        assertThat(manager.get(at).json().get("users").get(0).asString()).isEqualTo(asha);
        assertThat(manager.get(at).json().get("users").get(0).asString()).as("answered again, from the cache").isEqualTo(asha);

        assertThat(manager.put("/api/v1/rotas/" + key, rota.formatted(key, ben)).status()).isEqualTo(200);
        assertThat(manager.get(at).json().get("users").get(0).asString()).as("edited through the API").isEqualTo(ben);

        // Another node's edit: the row changed in the database, version moved on.
        String layers = jdbc.sql("SELECT layers FROM oncall_rota WHERE rota_key = ?").param(key).query(String.class).single();
        jdbc.sql("UPDATE oncall_rota SET layers = ?, version = version + 1 WHERE rota_key = ?").params(layers.replace(ben, asha), key).update();
        assertThat(manager.get(at).json().get("users").get(0).asString()).as("edited on another node").isEqualTo(asha);
    }
}
