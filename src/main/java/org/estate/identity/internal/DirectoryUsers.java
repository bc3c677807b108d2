package org.estate.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.estate.identity.DirectoryTeams;
import org.estate.platform.Account;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates or updates the Estate user of a person the directory (LDAP or OpenID Connect) has just signed
 * in: name and email from the directory, roles from its groups at every sign-in. A change of roles ends
 * the user's other browser sessions (the session epoch, as for an admin's change). A username already
 * taken by a user of another source (a local one, say) is never taken over.
 */
@Component
class DirectoryUsers {

    /** Directory usernames may also hold '@' (a user principal name). */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Logger log = LoggerFactory.getLogger(DirectoryUsers.class);

    /** What the directory says of a person. */
    record Person(String source, String username, String displayName, String email, Set<Role> roles, Set<String> teams,
                  Set<String> managedTeams) {
    }

    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<DirectoryUsers> proxy;

    DirectoryUsers(UserRepository users, AuditLog audit, Clock clock, ApplicationEventPublisher events,
                   ObjectProvider<DirectoryUsers> proxy) {
        this.proxy = proxy;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** The Estate username for what the directory calls the person, or empty when it cannot be one. */
    static Optional<String> username(String fromDirectory) {
        String u = fromDirectory == null ? "" : fromDirectory.trim().toLowerCase(Locale.ROOT);
        return USERNAME.matcher(u).matches() ? Optional.of(u) : Optional.empty();
    }

    /**
     * {@link #signedIn} again once when a parallel sign-in of the same person (HTTP Basic calls of a
     * script, say) created or changed the user first: the second try sees what the first wrote.
     */
    Optional<Account> signedInRetrying(Person p) {
        try {
            return self().signedIn(p);
        } catch (DataAccessException | DbActionExecutionException e) {
            log.debug("Parallel sign-in of '{}'; trying again", p.username(), e);
            return self().signedIn(p);
        }
    }

    /**
     * @return the account (disabled ones too: the caller refuses them), or empty when the person has no
     *         Estate role or the username belongs to a user of another source
     */
    @Transactional
    Optional<Account> signedIn(Person p) {
        UserEntity user = users.findByUsername(p.username()).orElse(null);
        if (user != null && !p.source().equals(user.source)) {
            log.warn("Sign-in through {} refused for '{}': that username belongs to an Estate user of source {}",
                p.source(), p.username(), user.source);
            return Optional.empty();
        }
        String roles = UserEntity.rolesText(p.roles());
        String name = p.displayName() == null || p.displayName().isBlank() ? p.username() : cut(p.displayName().trim(), 200);
        String email = p.email() != null && p.email().trim().length() <= 320 && EMAIL.matcher(p.email().trim()).matches()
            ? p.email().trim() : null;
        if (user == null && p.roles().isEmpty()) {
            log.info("Sign-in through {} refused for '{}': in no group mapped to an Estate role", p.source(), p.username());
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (user == null) {
            user = new UserEntity();
            user.username = p.username();
            user.displayName = name;
            user.email = email;
            user.roles = roles;
            user.source = p.source();
            user.createdAt = now;
            user.lastLoginAt = now;
            user = users.save(user);
            Map<String, Change> changes = new LinkedHashMap<>();
            changes.put("username", new Change(null, user.username));
            changes.put("displayName", new Change(null, user.displayName));
            changes.put("email", new Change(null, user.email));
            changes.put("roles", new Change(null, user.roles));
            changes.put("source", new Change(null, user.source));
            audit.record("user", user.username, "created", "User " + user.username + " created at first sign-in through " + p.source(), changes);
        } else {
            Map<String, Change> changes = new LinkedHashMap<>();
            if (!name.equals(user.displayName)) {
                changes.put("displayName", new Change(user.displayName, name));
                user.displayName = name;
            }
            if (!Objects.equals(email, user.email)) {
                changes.put("email", new Change(user.email, email));
                user.email = email;
            }
            if (!roles.equals(user.roles)) {
                changes.put("roles", new Change(user.roles, roles));
                user.roles = roles;
                user.sessionEpoch++; // the roles follow the groups: sessions under the old ones end
            }
            if (!changes.isEmpty()) {
                user = users.save(user);
                audit.record("user", user.username, "updated", "User " + user.username + " updated from " + p.source()
                    + " at sign-in", changes);
            }
            users.recordLogin(user.username, now, now.minus(Duration.ofMinutes(5)));
            if (p.roles().isEmpty()) {
                log.info("Sign-in through {} refused for '{}': no longer in a group mapped to an Estate role", p.source(), p.username());
                return Optional.empty();
            }
        }
        if (!p.managedTeams().isEmpty() && user.enabled) {
            events.publishEvent(new DirectoryTeams(user.username, Set.copyOf(p.teams()), Set.copyOf(p.managedTeams())));
        }
        return Optional.of(user.toAccount());
    }

    /** This bean through its transactional proxy. */
    private DirectoryUsers self() {
        return proxy.getObject();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
