package org.estate.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.estate.platform.PageResult;
import org.estate.platform.Paging;

/** Users and their API tokens. Every write is audited. */
public interface Users {

    UserView create(NewUser user);

    UserView update(String username, long expectedVersion, UserChanges changes);

    /**
     * A user changes their own password, giving the current one. Their browser sessions end (the
     * caller may keep the current one, see {@link org.estate.platform.SignedInSession}); 422 with
     * {@code currentPassword} when it is wrong, {@code newPassword} when the new one is not acceptable.
     */
    void changeOwnPassword(String username, String currentPassword, String newPassword);

    /** Lifts the refusals of password sign-in after too many wrong passwords. */
    UserView unlock(String username);

    Optional<UserView> find(String username);

    PageResult<UserView> list(String q, Paging paging);

    long count();

    /** Creates a token for the signed-in user; {@code token} in the answer is shown once. */
    CreatedToken createToken(String username, String name, Instant expiresAt);

    List<TokenView> tokens(String username);

    /** Revokes a token of the user's own (or, for an admin, anyone's); it stops working at once. */
    void revokeToken(String username, long tokenId, boolean asAdmin);
}
