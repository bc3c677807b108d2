package org.estate.identity;

import java.time.Instant;

/** An API token as listed: its prefix only, never the token. */
public record TokenView(long id, String name, String prefix, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                        boolean expired) {
}
