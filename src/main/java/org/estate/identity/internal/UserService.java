package org.estate.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.estate.identity.CreatedToken;
import org.estate.identity.NewUser;
import org.estate.identity.TokenView;
import org.estate.identity.UserChanges;
import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.platform.Account;
import org.estate.platform.AccountDirectory;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.Role;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class UserService implements Users, AccountDirectory {

    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final IdentityProperties properties;

    UserService(UserRepository users, JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock,
                IdentityProperties properties) {
        this.users = users;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    // ---- Users -------------------------------------------------------------------------------

    @Override
    @Transactional
    public UserView create(NewUser request) {
        List<FieldError> errors = new ArrayList<>();
        String username = request.username() == null ? "" : request.username().trim();
        if (!USERNAME.matcher(username).matches()) {
            errors.add(new FieldError("username", "Enter a username of 2 to 100 lower-case letters, digits, dots, hyphens or underscores"));
        }
        if (request.displayName() == null || request.displayName().isBlank()) {
            errors.add(new FieldError("displayName", "Enter the person's name"));
        } else if (request.displayName().length() > 200) {
            errors.add(new FieldError("displayName", "Name must be 200 characters or fewer"));
        }
        checkEmail(request.email(), errors);
        Set<Role> roles = parseRoles(request.roles(), errors);
        checkPassword(request.password(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (users.findByUsername(username).isPresent()) {
            throw new ConflictException("A user named '" + username + "' already exists");
        }
        UserEntity user = new UserEntity();
        user.username = username;
        user.displayName = request.displayName().trim();
        user.email = blankToNull(request.email());
        user.passwordHash = passwords.encode(request.password());
        user.roles = UserEntity.rolesText(roles);
        user.createdAt = clock.instant();
        user = users.save(user);
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("username", new Change(null, user.username));
        changes.put("displayName", new Change(null, user.displayName));
        changes.put("email", new Change(null, user.email));
        changes.put("roles", new Change(null, user.roles));
        audit.record("user", user.username, "created", "User " + user.username + " created", changes);
        return user.toView(clock.instant());
    }

    @Override
    @Transactional
    public UserView update(String username, long expectedVersion, UserChanges request) {
        UserEntity user = users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user named " + username));
        if (!Objects.equals(user.version, expectedVersion)) {
            throw new PreconditionFailedException("The user has changed since you read it");
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Change> changes = new LinkedHashMap<>();
        if (request.displayName() != null) {
            if (request.displayName().isBlank()) {
                errors.add(new FieldError("displayName", "Enter the person's name"));
            } else if (!request.displayName().trim().equals(user.displayName)) {
                changes.put("displayName", new Change(user.displayName, request.displayName().trim()));
                user.displayName = request.displayName().trim();
            }
        }
        if (request.email() != null) {
            checkEmail(request.email(), errors);
            String email = blankToNull(request.email());
            if (!Objects.equals(email, user.email)) {
                changes.put("email", new Change(user.email, email));
                user.email = email;
            }
        }
        if (request.roles() != null) {
            String roles = UserEntity.rolesText(parseRoles(request.roles(), errors));
            if (!roles.equals(user.roles)) {
                changes.put("roles", new Change(user.roles, roles));
                user.roles = roles;
            }
        }
        if (request.enabled() != null && request.enabled() != user.enabled) {
            changes.put("enabled", new Change(user.enabled, request.enabled()));
            user.enabled = request.enabled();
        }
        if (request.password() != null) {
            checkPassword(request.password(), errors);
            if (errors.isEmpty()) {
                user.passwordHash = passwords.encode(request.password());
                changes.put("password", new Change("(hidden)", "(changed)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (!changes.isEmpty()) {
            user = users.save(user);
            audit.record("user", user.username, "updated", "User " + user.username + " updated", changes);
        }
        return user.toView(clock.instant());
    }

    @Override
    @Transactional
    public UserView unlock(String username) {
        UserEntity user = users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user named " + username));
        jdbc.sql("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = :id").param("id", user.id).update();
        audit.record("user", username, "unlocked", "User " + username + " unlocked", Map.of());
        return users.findById(user.id).orElseThrow().toView(clock.instant());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UserView> find(String username) {
        return users.findByUsername(username).map(u -> u.toView(clock.instant()));
    }

    @Override
    @Transactional(readOnly = true)
    public PageResult<UserView> list(String q, Paging paging) {
        String where = q == null || q.isBlank() ? "" : " WHERE username ILIKE :q OR display_name ILIKE :q OR email ILIKE :q";
        String like = q == null ? null : "%" + q.trim().replace("%", "\\%").replace("_", "\\_") + "%";
        var count = jdbc.sql("SELECT count(*) FROM app_user" + where);
        var select = jdbc.sql("SELECT id FROM app_user" + where + " ORDER BY username LIMIT :limit OFFSET :offset");
        if (!where.isEmpty()) {
            count = count.param("q", like);
            select = select.param("q", like);
        }
        long total = count.query(Long.class).single();
        List<Long> ids = select.param("limit", paging.size()).param("offset", paging.offset()).query(Long.class).list();
        Instant now = clock.instant();
        Map<Long, UserEntity> byId = new LinkedHashMap<>();
        users.findAllById(ids).forEach(u -> byId.put(u.id, u));
        List<UserView> items = ids.stream().map(byId::get).filter(Objects::nonNull).map(u -> u.toView(now)).toList();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    @Override
    @Transactional(readOnly = true)
    public long count() {
        return users.count();
    }

    // ---- API tokens --------------------------------------------------------------------------

    @Override
    @Transactional
    public CreatedToken createToken(String username, String name, Instant expiresAt) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "Enter a name for the token, such as the script that will use it"));
        } else if (name.length() > 100) {
            errors.add(new FieldError("name", "Name must be 100 characters or fewer"));
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.add(new FieldError("expiresAt", "Expiry must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        UserEntity user = users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user named " + username));
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "est_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var keyHolder = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO api_token (user_id, name, token_hash, token_prefix, created_at, expires_at)
                VALUES (:user, :name, :hash, :prefix, :created, :expires)""")
            .param("user", user.id).param("name", name.trim()).param("hash", sha256(token))
            .param("prefix", token.substring(0, 10)).param("created", Timestamp.from(now))
            .param("expires", expiresAt == null ? null : Timestamp.from(expiresAt))
            .update(keyHolder, "id");
        long id = keyHolder.getKeyAs(Number.class).longValue();
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("name", new Change(null, name.trim()));
        changes.put("owner", new Change(null, username));
        changes.put("expiresAt", new Change(null, expiresAt == null ? null : expiresAt.toString()));
        audit.record("api-token", String.valueOf(id), "created", "API token '" + name.trim() + "' created for " + username, changes);
        return new CreatedToken(id, name.trim(), token, expiresAt);
    }

    @Override
    @Transactional(readOnly = true)
    public List<TokenView> tokens(String username) {
        Instant now = clock.instant();
        return jdbc.sql("""
                SELECT t.id, t.name, t.token_prefix, t.created_at, t.expires_at, t.last_used_at
                FROM api_token t JOIN app_user u ON u.id = t.user_id
                WHERE u.username = :username ORDER BY t.id""")
            .param("username", username)
            .query((rs, n) -> {
                Instant expires = instant(rs.getTimestamp("expires_at"));
                return new TokenView(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                    instant(rs.getTimestamp("created_at")), expires, instant(rs.getTimestamp("last_used_at")),
                    expires != null && !expires.isAfter(now));
            }).list();
    }

    @Override
    @Transactional
    public void revokeToken(String username, long tokenId, boolean asAdmin) {
        var row = jdbc.sql("SELECT t.name, u.username FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.id = :id")
            .param("id", tokenId)
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional()
            .orElseThrow(() -> new NotFoundException("No API token " + tokenId));
        if (!row[1].equals(username) && !asAdmin) {
            // Someone else's token: answer as if it did not exist, so ids cannot be probed.
            throw new NotFoundException("No API token " + tokenId);
        }
        jdbc.sql("DELETE FROM api_token WHERE id = :id").param("id", tokenId).update();
        audit.record("api-token", String.valueOf(tokenId), "deleted", "API token '" + row[0] + "' of " + row[1] + " revoked",
            Map.of("name", new Change(row[0], null)));
    }

    // ---- AccountDirectory --------------------------------------------------------------------

    @Override
    @Transactional(readOnly = true)
    public Optional<Account> findByUsername(String username) {
        return users.findByUsername(username).map(UserEntity::toAccount);
    }

    // No transaction: one read, and now and then a one-row update, each on its own; this runs on
    // every API call made with a token, where BEGIN/COMMIT round trips would add up.
    @Override
    public Optional<Account> findByApiToken(String rawToken) {
        Instant now = clock.instant();
        // One query for the token and its owner: this runs on every API call made with a token.
        record Found(long tokenId, Instant expires, Instant lastUsed, Account account) {
        }
        var found = jdbc.sql("""
                SELECT t.id AS token_id, t.expires_at, t.last_used_at, u.id, u.username, u.display_name, u.password_hash,
                       u.roles, u.enabled, u.locked_until
                FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = :hash""")
            .param("hash", sha256(rawToken))
            .query((rs, n) -> {
                UserEntity u = new UserEntity();
                u.id = rs.getLong("id");
                u.username = rs.getString("username");
                u.displayName = rs.getString("display_name");
                u.passwordHash = rs.getString("password_hash");
                u.roles = rs.getString("roles");
                u.enabled = rs.getBoolean("enabled");
                u.lockedUntil = instant(rs.getTimestamp("locked_until"));
                return new Found(rs.getLong("token_id"), instant(rs.getTimestamp("expires_at")),
                    instant(rs.getTimestamp("last_used_at")), u.toAccount());
            })
            .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Found f = found.get();
        if (f.expires() != null && !f.expires().isAfter(now)) {
            return Optional.empty();
        }
        // Record use at most once a minute: a busy script must not turn every call into a write.
        if (f.lastUsed() == null || f.lastUsed().isBefore(now.minus(Duration.ofMinutes(1)))) {
            jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now)).param("id", f.tokenId()).update();
        }
        return Optional.of(f.account()).filter(a -> !a.lockedAt(now));
    }

    @Override
    @Transactional
    public void recordFailedLogin(String username) {
        if (username == null) {
            return;
        }
        Instant lockUntil = clock.instant().plus(properties.lockout());
        users.countFailure(username, properties.maxFailedLogins(), lockUntil);
    }

    @Override
    @Transactional
    public void recordSuccessfulLogin(String username) {
        Instant now = clock.instant();
        users.clearFailures(username, now, now.minus(Duration.ofMinutes(5)));
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** Creates the first admin; used once, on a database with no users. */
    @Transactional
    UserView createFirstAdmin(String password) {
        UserEntity user = new UserEntity();
        user.username = "admin";
        user.displayName = "Administrator";
        user.passwordHash = passwords.encode(password);
        user.roles = UserEntity.rolesText(EnumSet.of(Role.ADMIN));
        user.createdAt = clock.instant();
        user = users.save(user);
        audit.record("user", "admin", "created", "First administrator created at start-up",
            Map.of("username", new Change(null, "admin"), "roles", new Change(null, user.roles)));
        return user.toView(clock.instant());
    }

    private static Set<Role> parseRoles(List<String> keys, List<FieldError> errors) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (keys == null || keys.isEmpty()) {
            errors.add(new FieldError("roles", "Choose at least one role"));
            return roles;
        }
        for (String key : keys) {
            Optional<Role> role = Role.fromKey(key);
            if (role.isEmpty()) {
                errors.add(new FieldError("roles", "Unknown role '" + key + "': use viewer, requester, engineer, manager or admin"));
            } else {
                roles.add(role.get());
            }
        }
        return roles;
    }

    private static void checkEmail(String email, List<FieldError> errors) {
        if (email != null && !email.isBlank() && !EMAIL.matcher(email.trim()).matches()) {
            errors.add(new FieldError("email", "Enter an email address in the correct format, like name@example.gov.uk"));
        }
    }

    private static void checkPassword(String password, List<FieldError> errors) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "Password must be at least " + MIN_PASSWORD_LENGTH + " characters; three random words make a good one"));
        } else if (password.length() > 128) {
            errors.add(new FieldError("password", "Password must be 128 characters or fewer"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
