package org.estate.identity;

import java.time.Instant;
import java.util.List;

/**
 * Feed tokens: a user's secrets for subscribing to read-only feeds (the change calendar in Outlook).
 * Each is 256 random bits, shown once at creation, stored as a SHA-256 hash, revocable. A feed token
 * reads only the feeds listed by {@link org.estate.platform.FeedPaths}, as its owner; it is not an
 * API token and opens nothing else. A disabled owner's tokens stop working. Every write is audited.
 */
public interface FeedTokens {

    /** Creates a token for this user; the answer's {@code token} is the only time it is shown. */
    Created create(String username, String name);

    /** The user's own tokens, oldest first: names and prefixes, never the tokens. */
    List<View> list(String username);

    /** Revokes one of the user's own tokens; another's, or none, is {@link org.estate.platform.NotFoundException}. */
    void revoke(String username, long id);

    record Created(long id, String name, String token) {
    }

    record View(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {
    }
}
