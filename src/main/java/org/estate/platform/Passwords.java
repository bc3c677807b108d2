package org.estate.platform;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one rule for passwords, applied wherever a password enters Estate (user create and edit,
 * a user's own change, {@code ESTATE_ADMIN_PASSWORD} at start). bcrypt reads only the first 72
 * bytes of a password, so a longer one is refused rather than silently cut: two passwords that
 * differ only after byte 72 would otherwise both work.
 */
public final class Passwords {

    /** The fewest characters a password may have. */
    public static final int MIN_LENGTH = 12;
    /** The most UTF-8 bytes bcrypt reads. */
    public static final int MAX_BYTES = 72;

    private Passwords() {
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
        return Optional.empty();
    }

    /** True when bcrypt could not read the whole password: such a password never signs anyone in. */
    public static boolean tooLong(String password) {
        // Checked without encoding when it cannot be too long: a UTF-16 unit is at most 3 UTF-8 bytes.
        return password != null && password.length() * 3 > MAX_BYTES
            && password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }
}
