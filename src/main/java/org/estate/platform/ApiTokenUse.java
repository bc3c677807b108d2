package org.estate.platform;

/**
 * An API call made with a token: the token's owner, and which of their tokens it was. The token's
 * id and name go with the request's authentication (as its details) so that the audit log records
 * both the owner and the token.
 */
public record ApiTokenUse(Account account, Token token) {

    /** Which token: its id and the name its owner gave it. */
    public record Token(long id, String name) {
        @Override
        public String toString() {
            return "API token \"" + name + "\" (#" + id + ")";
        }
    }
}
