-- Password guessing is no longer counted per account (five strangers' guesses locked anyone out, and
-- the lock also stopped the account's API tokens); it is throttled per source in login_throttle.
ALTER TABLE app_user DROP COLUMN failed_logins;
ALTER TABLE app_user DROP COLUMN locked_until;

-- Bumped in the transaction that changes a user's status, roles or password: a browser session
-- signed in under an older value is ended on its next request, on whichever node serves it.
ALTER TABLE app_user ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;

-- Wrong passwords within a period (ESTATE_SECURITY_LOCKOUT) that starts at the first one. One row per
-- (username, source); username '*' is a source's count over all accounts, source '*' an account's
-- count over all sources. A row past expires_at counts as 0 and is deleted now and then.
CREATE TABLE login_throttle (
    username      VARCHAR(100) NOT NULL,
    source        VARCHAR(64) NOT NULL,
    failures      INT NOT NULL,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT login_throttle_pk PRIMARY KEY (username, source)
);
CREATE INDEX IF NOT EXISTS login_throttle_expires_idx ON login_throttle (expires_at);
