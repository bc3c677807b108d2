package org.estate.identity;

import java.time.Instant;

/** A token just created: the only time {@code token} is ever shown. */
public record CreatedToken(long id, String name, String token, Instant expiresAt) {
}
