package org.estate.identity.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<UserEntity, Long> {

    Optional<UserEntity> findByUsername(String username);

    // Counter updates bypass the aggregate's version: a failed login must not make an admin's
    // concurrent edit of the same user fail as stale.
    @Modifying
    @Query("""
        UPDATE app_user SET failed_logins = failed_logins + 1,
               locked_until = CASE WHEN failed_logins + 1 >= :max THEN :lockUntil ELSE locked_until END
        WHERE username = :username""")
    int countFailure(String username, int max, Instant lockUntil);

    @Modifying
    @Query("UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = :at WHERE username = :username AND (failed_logins > 0 OR last_login_at IS NULL OR last_login_at < :stale)")
    int clearFailures(String username, Instant at, Instant stale);
}
