package org.estate.platform;

import java.util.Optional;

/**
 * Feed tokens as security sees them: a per-user secret in the address of a read-only feed (an
 * iCalendar subscription cannot send a password or an API token). Declared here, implemented by
 * the {@code identity} module. A feed token authenticates only the paths some module declares in
 * {@link FeedPaths}, only for reading, as the user who made it; never as an API bearer token.
 */
public interface FeedTokenDirectory {

    /** The account owning this raw feed token, when the token exists (not revoked); the caller checks {@code enabled}. */
    Optional<Account> findByFeedToken(String rawToken);
}
