package org.estate.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Uploads kept on the server between "Check this file" and "Import", so that the person imports the
 * file they checked without choosing it again. Each is a temporary file under a random id, bound to
 * the browser session that checked it (another session's id finds nothing), kept for
 * {@link #KEPT_FOR} at most, and taken once: the import removes it. A session keeps at most
 * {@link #PER_SESSION} (the oldest goes first) and the whole application {@link #IN_ALL}, so checks
 * cannot fill the disk. The file's SHA-256 is taken when kept and checked when taken back.
 */
@Component
public class CheckedUploads {

    public static final Duration KEPT_FOR = Duration.ofHours(1);
    static final int PER_SESSION = 3;
    static final int IN_ALL = 50;
    private static final Logger log = LoggerFactory.getLogger(CheckedUploads.class);

    /** A kept upload: what it was checked as ({@code kind}), its name as uploaded, and its content. */
    public record Kept(String id, String session, String kind, String fileName, Path path, String sha256, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Kept> kept = new LinkedHashMap<>(); // oldest first

    public CheckedUploads(Clock clock) {
        this.clock = clock;
    }

    /**
     * Copies the upload to a temporary file kept for the session; at most {@code maxBytes} (413 beyond).
     *
     * @return the kept upload, whose {@link Kept#id()} the check page posts back
     */
    public Kept keep(String session, String kind, String fileName, InputStream in, long maxBytes) throws IOException {
        Path path = Files.createTempFile("estate-checked-", ".csv");
        String sha256;
        try (DigestInputStream digest = new DigestInputStream(new LimitedInputStream(in, maxBytes), sha256());
             OutputStream out = Files.newOutputStream(path)) {
            digest.transferTo(out);
            sha256 = HexFormat.of().formatHex(digest.getMessageDigest().digest());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        Kept k = new Kept(UUID.randomUUID().toString(), session, kind, fileName, path, sha256, clock.instant());
        synchronized (this) {
            expire();
            java.util.List<Kept> mine = kept.values().stream().filter(o -> o.session().equals(session)).toList();
            for (int i = 0; i <= mine.size() - PER_SESSION; i++) {
                forget(mine.get(i));
            }
            while (kept.size() >= IN_ALL) {
                forget(kept.values().iterator().next());
            }
            kept.put(k.id(), k);
        }
        return k;
    }

    /**
     * Takes the session's kept upload back (it is no longer kept afterwards): the caller reads
     * {@link Kept#path()} and then calls {@link #discard(Kept)}. Empty when the id is unknown, another
     * session's, expired, or the file changed on disk since it was checked.
     */
    public Optional<Kept> take(String session, String id) {
        Kept k;
        synchronized (this) {
            expire();
            k = id == null ? null : kept.get(id);
            if (k == null || !k.session().equals(session)) {
                return Optional.empty();
            }
            kept.remove(id);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(k.path()), sha256())) {
            MessageDigest d = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(OutputStream.nullOutputStream());
            if (!HexFormat.of().formatHex(d.digest()).equals(k.sha256())) {
                log.warn("A checked upload changed on disk before its import; it was not imported: {}", k.path());
                delete(k);
                return Optional.empty();
            }
        } catch (IOException e) {
            delete(k);
            return Optional.empty();
        }
        return Optional.of(k);
    }

    /** Forgets a kept upload and removes its file (after its import, or when its check found problems). */
    public synchronized void discard(Kept k) {
        forget(k);
    }

    private void forget(Kept k) {
        kept.remove(k.id());
        delete(k);
    }

    private void expire() {
        Instant oldest = clock.instant().minus(KEPT_FOR);
        for (Iterator<Kept> i = kept.values().iterator(); i.hasNext(); ) {
            Kept k = i.next();
            if (k.at().isBefore(oldest)) {
                i.remove();
                delete(k);
            }
        }
    }

    @PreDestroy
    synchronized void deleteAll() {
        kept.values().forEach(CheckedUploads::delete);
        kept.clear();
    }

    private static void delete(Kept k) {
        try {
            Files.deleteIfExists(k.path());
        } catch (IOException e) {
            log.warn("Could not delete the checked upload {}: {}", k.path(), e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
