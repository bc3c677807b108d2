package org.estate.identity.internal;

import java.security.SecureRandom;

import org.estate.platform.Passwords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * On the first start (no users at all) creates {@code admin}, with the password from
 * {@code ESTATE_ADMIN_PASSWORD} or, when that is unset, a generated one printed once in the log.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserService users;
    private final IdentityProperties properties;

    FirstAdmin(UserService users, IdentityProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String configured = properties.adminPassword();
        boolean generated = configured == null || configured.isBlank();
        if (!generated) {
            // Refuse to start rather than create an admin whose password bcrypt would cut short or that is too weak.
            Passwords.problem(configured).ifPresent(reason -> {
                throw new IllegalStateException("ESTATE_ADMIN_PASSWORD cannot be used: " + reason
                    + ". Set a password of " + Passwords.MIN_LENGTH + " characters to " + Passwords.MAX_BYTES
                    + " bytes, or unset it to have one generated.");
            });
        }
        String password = generated ? generate() : configured;
        try {
            users.createFirstAdmin(password);
        } catch (DuplicateKeyException e) {
            // Another node created it first.
            return;
        }
        if (generated) {
            log.warn("""

                ================================================================
                 First start: created user 'admin' with the generated password
                     {}
                 It is shown only this once. Sign in and change it, or set
                 ESTATE_ADMIN_PASSWORD before the first start next time.
                ================================================================""", password);
        } else {
            log.info("First start: created user 'admin' with the password from ESTATE_ADMIN_PASSWORD");
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
