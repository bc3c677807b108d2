package org.estate.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.estate.platform.SealedColumn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Sealing secrets: AES-256-GCM, tampering refused, a key Estate does not hold named, and rotation. */
@Tag("unit")
class SecretsTests {

    private static String key() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void aSealedSecretOpensAndHidesItsText() {
        AesGcmSecrets s = new AesGcmSecrets(SecretKeys.of(key(), null));
        String sealed = s.seal("hunter2-ünïcode");
        assertThat(sealed).startsWith("v1:" + s.currentKeyId() + ":").doesNotContain("hunter2");
        assertThat(s.seal("hunter2-ünïcode")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(s.open(sealed)).isEqualTo("hunter2-ünïcode");
        assertThat(s.current(sealed)).isTrue();
    }

    @Test
    void anAlteredSecretIsRefused() {
        AesGcmSecrets s = new AesGcmSecrets(SecretKeys.of(key(), null));
        String sealed = s.seal("community-string");
        byte[] data = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
        data[data.length - 1] ^= 1;
        String tampered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(data);
        assertThatThrownBy(() -> s.open(tampered)).isInstanceOf(IllegalStateException.class).hasMessageContaining("altered");
        assertThatThrownBy(() -> s.open("v1:" + s.currentKeyId() + ":AAAA")).hasMessageContaining("altered");
        assertThatThrownBy(() -> s.open("standin:abc")).hasMessageContaining("not in Estate's sealed form");
    }

    @Test
    void aSecretSealedWithAKeyEstateDoesNotHoldIsAClearError() {
        AesGcmSecrets before = new AesGcmSecrets(SecretKeys.of(key(), null));
        String sealed = before.seal("password");
        AesGcmSecrets other = new AesGcmSecrets(SecretKeys.of(key(), null));
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("sealed with key " + before.currentKeyId())
            .hasMessageContaining("ESTATE_SECRET_KEY_PREVIOUS");
        // Nor does swapping the key id in the text open it with another key: the id is bound into the tag.
        String relabelled = sealed.replace(before.currentKeyId(), other.currentKeyId());
        assertThatThrownBy(() -> other.open(relabelled)).hasMessageContaining("altered");
    }

    @Test
    void aBadKeySaysHowToMakeOne() {
        assertThatThrownBy(() -> SecretKeys.of("c2hvcnQ=", null)).hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> SecretKeys.of("not base64!", null)).hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void withoutAnEnvironmentKeyAKeyFileIsGeneratedOwnerOnlyAndKept(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        AesGcmSecrets first = new AesGcmSecrets(SecretKeys.load(null, null, data));
        Path file = data.resolve(SecretKeys.FILE);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String sealed = first.seal("x");
        AesGcmSecrets again = new AesGcmSecrets(SecretKeys.load("", null, data));
        assertThat(again.open(sealed)).isEqualTo("x");
        assertThat(again.currentKeyId()).isEqualTo(first.currentKeyId());
    }

    @Test
    void rotationOpensOldValuesAndReSealsThemWithTheNewKey(@TempDir Path dir) {
        String oldKey = key();
        String newKey = key();
        AesGcmSecrets old = new AesGcmSecrets(SecretKeys.of(oldKey, null));
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:reseal-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("CREATE TABLE t (id BIGINT PRIMARY KEY, secrets VARCHAR(2000))").update();
        jdbc.sql("INSERT INTO t VALUES (1, :a), (2, NULL), (3, :b)").param("a", old.seal("one")).param("b", old.seal("three")).update();

        // Without the old key the values cannot be opened, and re-sealing leaves them as they are.
        AesGcmSecrets stranger = new AesGcmSecrets(SecretKeys.of(newKey, null));
        SealedColumn column = new SealedColumn("t", "id", "secrets");
        assertThat(new SecretResealer(stranger, jdbc, List.of(column)).reseal(column)).isZero();

        AesGcmSecrets rotated = new AesGcmSecrets(SecretKeys.of(newKey, oldKey));
        assertThat(new SecretResealer(rotated, jdbc, List.of(column)).reseal(column)).isEqualTo(2);
        List<String> now = jdbc.sql("SELECT secrets FROM t WHERE secrets IS NOT NULL ORDER BY id").query(String.class).list();
        assertThat(now).allSatisfy(v -> assertThat(rotated.current(v)).isTrue());
        // Once re-sealed, the old key is no longer needed.
        AesGcmSecrets newOnly = new AesGcmSecrets(SecretKeys.of(newKey, null));
        assertThat(now.stream().map(newOnly::open)).containsExactly("one", "three");
        assertThat(new SecretResealer(rotated, jdbc, List.of(column)).reseal(column)).isZero();
    }

    @Test
    void anEnvironmentKeyTakingOverFromTheKeyFileStillOpensWhatTheFileSealed(@TempDir Path dir) {
        AesGcmSecrets fromFile = new AesGcmSecrets(SecretKeys.load(null, null, dir));
        String sealed = fromFile.seal("kept");
        AesGcmSecrets fromEnv = new AesGcmSecrets(SecretKeys.load(key(), null, dir));
        assertThat(fromEnv.currentKeyId()).isNotEqualTo(fromFile.currentKeyId());
        assertThat(fromEnv.open(sealed)).isEqualTo("kept");
        assertThat(fromEnv.current(sealed)).isFalse();
    }
}
