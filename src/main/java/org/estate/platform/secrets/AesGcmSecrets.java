package org.estate.platform.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.estate.platform.Secrets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Secrets sealed with AES-256-GCM (the JDK's own crypto): a fresh 96-bit nonce per value and a
 * 128-bit tag, so an altered value is refused rather than opened to garbage. Sealed text is
 * {@code v1:<key id>:<base64 of nonce and ciphertext>}; the key id (bound into the tag) names the
 * key that sealed it, so values sealed with an older key still open while it is held
 * ({@link SecretKeys}) and are re-sealed with the current one at start ({@link SecretResealer}).
 */
@Component
class AesGcmSecrets implements Secrets {

    static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeys keys;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    AesGcmSecrets(Environment env) {
        this(SecretKeys.load(env.getProperty("estate.secret-key"), env.getProperty("estate.secret-key-previous"),
            Path.of(env.getProperty("estate.data-dir", "./data")).toAbsolutePath().normalize()));
    }

    AesGcmSecrets(SecretKeys keys) {
        this.keys = keys;
    }

    @Override
    public String seal(String plaintext) {
        if (plaintext == null) {
            throw new IllegalArgumentException("Nothing to seal");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(keys.currentId()));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ":" + keys.currentId() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    @Override
    public String open(String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalStateException("A stored secret is not in Estate's sealed form: it cannot be opened");
        }
        SecretKey key = keys.find(parts[1]);
        if (key == null) {
            throw new IllegalStateException("A stored secret was sealed with key " + parts[1] + ", which Estate does not hold "
                + "(current key " + keys.currentId() + "): start Estate with that key in ESTATE_SECRET_KEY_PREVIOUS "
                + "(or the data folder's " + SecretKeys.PREVIOUS_FILE + ") to open it, or enter the secret again");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("A stored secret has been altered or is corrupt: it cannot be opened");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("A stored secret has been altered or is corrupt: it cannot be opened");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(aad(parts[1]));
            byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("A stored secret has been altered or is corrupt: it cannot be opened");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret cannot be opened: " + e.getClass().getSimpleName());
        }
    }

    /** Whether a sealed value was sealed with the current key (else it is due for re-sealing). */
    boolean current(String sealed) {
        return sealed != null && sealed.startsWith(VERSION + ":" + keys.currentId() + ":");
    }

    String currentKeyId() {
        return keys.currentId();
    }

    private static byte[] aad(String keyId) {
        return (VERSION + ":" + keyId).getBytes(StandardCharsets.US_ASCII);
    }
}
