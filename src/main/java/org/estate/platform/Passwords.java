package org.estate.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for passwords, applied wherever a password enters Estate (user create and edit,
 * a user's own change, {@code ESTATE_ADMIN_PASSWORD} at start). bcrypt reads only the first 72
 * bytes of a password, so a longer one is refused rather than silently cut: two passwords that
 * differ only after byte 72 would otherwise both work. A password on the list of common passwords
 * ({@code platform/common-passwords.txt}, compared ignoring case) is refused too.
 */
public final class Passwords {

    /** The fewest characters a password may have. */
    public static final int MIN_LENGTH = 12;
    /** The most UTF-8 bytes bcrypt reads. */
    public static final int MAX_BYTES = 72;

    private static final String COMMON_LIST = "/platform/common-passwords.txt";

    private Passwords() {
    }

    /** Loaded on first use; about 3,000 entries. */
    private static final class Common {
        static final Set<String> PASSWORDS = load();

        private static Set<String> load() {
            Set<String> words = new HashSet<>();
            try (InputStream in = Passwords.class.getResourceAsStream(COMMON_LIST)) {
                if (in == null) {
                    throw new IllegalStateException(COMMON_LIST + " is missing from the build");
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        words.add(line.trim().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Set.copyOf(words);
        }
    }

    /** True for a password on the list of common ones, whatever its case. */
    public static boolean common(String password) {
        return password != null && Common.PASSWORDS.contains(password.trim().toLowerCase(Locale.ROOT));
    }

    /** Why this password is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("Password must be at least " + MIN_LENGTH + " characters; three random words make a good one");
        }
        if (tooLong(password)) {
            return Optional.of("Password must be " + MAX_BYTES + " bytes or fewer (" + MAX_BYTES
                + " letters without accents; accented letters and symbols count two to four)");
        }
        if (common(password)) {
            return Optional.of("Password is one of the most common passwords: choose one that is harder to guess, such as three random words");
        }
        return Optional.empty();
    }

    /** True when bcrypt could not read the whole password: such a password never signs anyone in. */
    public static boolean tooLong(String password) {
        // Checked without encoding when it cannot be too long: a UTF-16 unit is at most 3 UTF-8 bytes.
        return password != null && password.length() * 3 > MAX_BYTES
            && password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }
}
