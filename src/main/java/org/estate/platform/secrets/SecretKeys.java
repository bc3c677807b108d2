package org.estate.platform.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys secrets are sealed with: the current one (from {@code ESTATE_SECRET_KEY}, else the key
 * file {@value #FILE} in the data folder, generated owner-only on first start) and older ones that
 * still open what they sealed ({@code ESTATE_SECRET_KEY_PREVIOUS}, the file {@value #PREVIOUS_FILE},
 * and the key file itself when an environment key has taken over from it). Each key is known by an
 * id derived from it (a hash prefix), which sealed text carries, so the right key is found.
 */
final class SecretKeys {

    static final String FILE = "secret.key";
    static final String PREVIOUS_FILE = "secret.key.previous";
    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);

    private final String currentId;
    private final Map<String, SecretKey> byId;

    private SecretKeys(String currentId, Map<String, SecretKey> byId) {
        this.currentId = currentId;
        this.byId = byId;
    }

    /** Keys from explicit values (base64 of 32 bytes): {@code previous} may be null. */
    static SecretKeys of(String current, String previous) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        SecretKey c = parse(current, "ESTATE_SECRET_KEY");
        keys.put(id(c), c);
        if (previous != null && !previous.isBlank()) {
            SecretKey p = parse(previous, "ESTATE_SECRET_KEY_PREVIOUS");
            keys.putIfAbsent(id(p), p);
        }
        return new SecretKeys(id(c), keys);
    }

    /**
     * The keys of a running Estate: {@code envKey} when given, else the key file in {@code dataDir}
     * (generated when absent); older keys from {@code envPrevious} and the key files.
     */
    static SecretKeys load(String envKey, String envPrevious, Path dataDir) {
        Path file = dataDir.resolve(FILE);
        Path previousFile = dataDir.resolve(PREVIOUS_FILE);
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        SecretKey current;
        if (envKey != null && !envKey.isBlank()) {
            current = parse(envKey, "ESTATE_SECRET_KEY");
            keys.put(id(current), current);
            if (Files.isRegularFile(file)) {
                SecretKey f = parse(read(file), file.toString());
                keys.putIfAbsent(id(f), f);
            }
        } else {
            current = Files.isRegularFile(file) ? parse(read(file), file.toString()) : generate(file);
            keys.put(id(current), current);
        }
        if (envPrevious != null && !envPrevious.isBlank()) {
            SecretKey p = parse(envPrevious, "ESTATE_SECRET_KEY_PREVIOUS");
            keys.putIfAbsent(id(p), p);
        }
        if (Files.isRegularFile(previousFile)) {
            SecretKey p = parse(read(previousFile), previousFile.toString());
            keys.putIfAbsent(id(p), p);
        }
        return new SecretKeys(id(current), keys);
    }

    String currentId() {
        return currentId;
    }

    SecretKey current() {
        return byId.get(currentId);
    }

    /** The key with this id, or null when Estate does not hold it. */
    SecretKey find(String id) {
        return byId.get(id);
    }

    /** A key's id: the first 8 bytes of the SHA-256 of a label and the key, in hex; says nothing useful about the key. */
    static String id(SecretKey key) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update("estate-secret-key-id:".getBytes(StandardCharsets.UTF_8));
            d.update(key.getEncoded());
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecretKey parse(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64: make a key with `openssl rand -base64 32`");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(source + " must be 32 bytes in base64 (it is " + bytes.length
                + " bytes): make a key with `openssl rand -base64 32`");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secret key file " + file, e);
        }
    }

    /** A new random key written to {@code file}, readable by its owner only. */
    private static SecretKey generate(Path file) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String text = Base64.getEncoder().encodeToString(bytes) + "\n";
        try {
            Files.createDirectories(file.getParent());
            boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView(PosixFileAttributeView.class);
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            log.info("Generated the key that seals stored secrets: {} (keep it with your backups; or set ESTATE_SECRET_KEY)", file);
        } catch (FileAlreadyExistsException e) {
            return parse(read(file), file.toString()); // another process made it first
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the secret key file " + file
                + ": set ESTATE_SECRET_KEY (`openssl rand -base64 32`) or make the data folder writable", e);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
