package org.estate.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
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
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Passwords;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.Role;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class UserService implements Users {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** The throttle's source for wrong current passwords given when changing one's own. */
    private static final String PASSWORD_CHANGE = "password-change";
    private static final Set<Role> STAFF = EnumSet.of(Role.VIEWER, Role.ENGINEER, Role.MANAGER, Role.ADMIN);

    private final UserRepository users;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final ApiTokenService tokens;
    private final LoginThrottle throttle;

    private final UserList userList;

    UserService(UserRepository users, JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock,
                ApiTokenService tokens, LoginThrottle throttle, UserList userList) {
        this.userList = userList;
        this.users = users;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.tokens = tokens;
        this.throttle = throttle;
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
        } else if (request.displayName().trim().length() > 200) {
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
        return view(user);
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
            } else if (request.displayName().trim().length() > 200) {
                errors.add(new FieldError("displayName", "Name must be 200 characters or fewer"));
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
        boolean wasActiveAdmin = user.enabled && user.roleSet().contains(Role.ADMIN);
        boolean signInChanged = false;
        if (request.roles() != null) {
            String roles = UserEntity.rolesText(parseRoles(request.roles(), errors));
            if (!roles.equals(user.roles)) {
                changes.put("roles", new Change(user.roles, roles));
                user.roles = roles;
                signInChanged = true;
            }
        }
        if (request.enabled() != null && request.enabled() != user.enabled) {
            changes.put("enabled", new Change(user.enabled, request.enabled()));
            user.enabled = request.enabled();
            signInChanged = true;
        }
        if (request.password() != null) {
            if (!Account.LOCAL.equals(user.source)) {
                throw new ConflictException("User " + user.username + " signs in with the council's directory ("
                    + user.source + "): reset their password there, not in Estate");
            }
            checkPassword(request.password(), errors);
            if (errors.isEmpty()) {
                user.passwordHash = passwords.encode(request.password());
                changes.put("password", new Change("(hidden)", "(changed)"));
                signInChanged = true;
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (wasActiveAdmin && !(user.enabled && user.roleSet().contains(Role.ADMIN))) {
            requireAnotherActiveAdmin(user);
        }
        if (signInChanged) {
            // Ends the user's browser sessions on every node: each request compares this with the
            // value recorded at sign-in (SessionEpochFilter).
            user.sessionEpoch++;
        }
        if (!changes.isEmpty()) {
            user = users.save(user);
            audit.record("user", user.username, "updated", "User " + user.username + " updated", changes);
        }
        return view(user);
    }

    @Override
    @Transactional
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        UserEntity user = users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user named " + username));
        if (!Account.LOCAL.equals(user.source)) {
            throw new ConflictException("You sign in with the council's directory: change your password there, not in Estate");
        }
        // Wrong current passwords are throttled like sign-in, so a session left open is no way to guess it.
        if (throttle.check(username, PASSWORD_CHANGE).refused()) {
            throw new ValidationException("currentPassword", "Too many wrong passwords: try again later");
        }
        if (currentPassword == null || Passwords.tooLong(currentPassword) || !passwords.matches(currentPassword, user.passwordHash)) {
            throttle.recordFailureOfAccountOnly(username, PASSWORD_CHANGE);
            throw new ValidationException("currentPassword", "Your current password is wrong");
        }
        List<FieldError> errors = new ArrayList<>();
        Passwords.problem(newPassword).ifPresent(reason -> errors.add(new FieldError("newPassword", reason)));
        if (errors.isEmpty() && newPassword.equals(currentPassword)) {
            errors.add(new FieldError("newPassword", "Choose a password different from the current one"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        user.passwordHash = passwords.encode(newPassword);
        user.sessionEpoch++;
        users.save(user);
        audit.record("user", username, "updated", "User " + username + " changed their password",
            Map.of("password", new Change("(hidden)", "(changed)")));
    }

    @Override
    @Transactional
    public UserView unlock(String username) {
        UserEntity user = users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user named " + username));
        throttle.forget(username);
        audit.record("user", username, "unlocked", "User " + username + " unlocked", Map.of());
        return view(user);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UserView> find(String username) {
        return users.findByUsername(username).map(this::view);
    }

    @Override
    @Transactional(readOnly = true)
    public PageResult<UserView> list(String q, Paging paging) {
        return userList.list(q, null, paging); // one user list: the API's and pages' (by username)
    }

    @Override
    @Transactional(readOnly = true)
    public long count() {
        return users.count();
    }

    // ---- API tokens --------------------------------------------------------------------------

    @Override
    public CreatedToken createToken(String username, String name, Instant expiresAt) {
        return tokens.create(username, name, expiresAt);
    }

    @Override
    public List<TokenView> tokens(String username) {
        return tokens.list(username);
    }

    @Override
    public void revokeToken(String username, long tokenId, boolean asAdmin) {
        tokens.revoke(username, tokenId, asAdmin);
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
        return view(user);
    }

    private UserView view(UserEntity user) {
        return user.toView(!throttle.throttled(List.of(user.username)).isEmpty());
    }

    /**
     * Refuses (409) to take away the last enabled admin. The admins' rows are locked first, so two
     * admins demoting or disabling each other at once are serialised and the second sees the first's
     * change: there is always one left.
     */
    private void requireAnotherActiveAdmin(UserEntity user) {
        jdbc.sql("SELECT id FROM app_user WHERE roles LIKE '%admin%' ORDER BY id FOR UPDATE").query(Long.class).list();
        long others = jdbc.sql("SELECT count(*) FROM app_user WHERE enabled = TRUE AND roles LIKE '%admin%' AND id <> :id")
            .param("id", user.id).query(Long.class).single();
        if (others == 0) {
            throw new ConflictException("User " + user.username + " is the last enabled admin: make someone else an admin first");
        }
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
        if (roles.contains(Role.REQUESTER) && roles.stream().anyMatch(STAFF::contains)) {
            // A requester sees only their own tickets; any staff role would show them every ticket and work note.
            errors.add(new FieldError("roles", "A requester cannot also be viewer, engineer, manager or admin: "
                + "choose requester alone for council staff who raise tickets, or the staff roles alone"));
        }
        return roles;
    }

    private static void checkEmail(String email, List<FieldError> errors) {
        if (email != null && email.trim().length() > 320) {
            errors.add(new FieldError("email", "Email address must be 320 characters or fewer"));
        } else if (email != null && !email.isBlank() && !EMAIL.matcher(email.trim()).matches()) {
            errors.add(new FieldError("email", "Enter an email address in the correct format, like name@example.gov.uk"));
        }
    }

    private static void checkPassword(String password, List<FieldError> errors) {
        Passwords.problem(password).ifPresent(reason -> errors.add(new FieldError("password", reason)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
