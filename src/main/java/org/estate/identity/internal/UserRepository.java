package org.estate.identity.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<UserEntity, Long> {

    Optional<UserEntity> findByUsername(String username);

    // Bypasses the aggregate's version: a sign-in must not make an admin's concurrent edit of the
    // same user fail as stale.
    @Modifying
    @Query("UPDATE app_user SET last_login_at = :at WHERE username = :username AND (last_login_at IS NULL OR last_login_at < :stale)")
    int recordLogin(String username, Instant at, Instant stale);
}
