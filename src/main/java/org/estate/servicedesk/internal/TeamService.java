package org.estate.servicedesk.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.identity.Users;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.TeamView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams (assignment groups) with members and a shared email address. */
@Service
public class TeamService {

    public static final int MAX_NAME = 200;
    public static final int MAX_MEMBERS = 500;

    static final String ENTITY = "team";
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final JdbcClient jdbc;
    private final Users users;
    private final AuditLog audit;
    private final Clock clock;

    // What a GET gave back may be PUT as it is: its read-only fields are ignored; any other unknown field is 422.
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"version"})
    public record TeamInput(String key, String name, String email, List<String> members, String escalationPolicy, List<String> channels) {

        public TeamInput(String key, String name, String email, List<String> members) {
            this(key, name, email, members, null, null);
        }
    }

    public static final int MAX_CHANNELS = 20;

    private record Checked(List<String> members, String policy, List<String> channels) {
    }

    private final org.springframework.beans.factory.ObjectProvider<org.estate.servicedesk.PagingTargets> paging;

    TeamService(JdbcClient jdbc, Users users, AuditLog audit, Clock clock,
                org.springframework.beans.factory.ObjectProvider<org.estate.servicedesk.PagingTargets> paging) {
        this.paging = paging;
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<TeamView> list() {
        Map<String, List<String>> members = new LinkedHashMap<>();
        jdbc.sql("SELECT team_key, username FROM sd_team_member ORDER BY team_key, username")
            .query(rs -> { members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)); });
        return jdbc.sql("SELECT team_key, name, email, version, escalation_policy, channels FROM sd_team ORDER BY name")
            .query((rs, n) -> new TeamView(rs.getString(1), rs.getString(2), rs.getString(3),
                List.copyOf(members.getOrDefault(rs.getString(1), List.of())), rs.getString(5), split(rs.getString(6)), rs.getLong(4))).list();
    }

    @Transactional(readOnly = true)
    public Optional<TeamView> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        List<String> members = jdbc.sql("SELECT username FROM sd_team_member WHERE team_key = ? ORDER BY username").param(key)
            .query(String.class).list();
        return jdbc.sql("SELECT team_key, name, email, version, escalation_policy, channels FROM sd_team WHERE team_key = ?").param(key)
            .query((rs, n) -> new TeamView(rs.getString(1), rs.getString(2), rs.getString(3), members, rs.getString(5),
                split(rs.getString(6)), rs.getLong(4))).optional();
    }

    public TeamView get(String key) {
        return find(key).orElseThrow(() -> new NotFoundException("No team '" + key + "'"));
    }

    /** The keys of the teams a user belongs to. */
    public List<String> teamsOf(String username) {
        return jdbc.sql("SELECT team_key FROM sd_team_member WHERE username = ? ORDER BY team_key").param(username).query(String.class).list();
    }

    @Transactional
    public TeamView create(TeamInput in) {
        Checked c = validate(in, true);
        List<String> members = c.members();
        if (find(in.key()).isPresent()) {
            throw new ConflictException("A team with key '" + in.key() + "' already exists");
        }
        jdbc.sql("INSERT INTO sd_team (team_key, name, email, escalation_policy, channels, version, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)")
            .params(in.key(), in.name().trim(), blankToNull(in.email()), c.policy(), join(c.channels()), Timestamp.from(clock.instant())).update();
        insertMembers(in.key(), members);
        Map<String, Change> created = new LinkedHashMap<>();
        created.put("name", new Change(null, in.name().trim()));
        created.put("email", new Change(null, blankToNull(in.email())));
        created.put("members", new Change(null, String.join(", ", members)));
        if (c.policy() != null) {
            created.put("escalationPolicy", new Change(null, c.policy()));
        }
        if (!c.channels().isEmpty()) {
            created.put("channels", new Change(null, String.join(", ", c.channels())));
        }
        audit.record(ENTITY, in.key(), "created", "Team " + in.key() + " created", created);
        return get(in.key());
    }

    @Transactional
    public TeamView update(String key, Long expectedVersion, TeamInput in) {
        TeamView cur = get(key);
        if (expectedVersion != null && expectedVersion != cur.version()) {
            throw new PreconditionFailedException("Team " + key + " has changed since you read it");
        }
        Checked c = validate(new TeamInput(key, in.name(), in.email(), in.members(), in.escalationPolicy(), in.channels()), false);
        List<String> members = c.members();
        int n = jdbc.sql("UPDATE sd_team SET name = ?, email = ?, escalation_policy = ?, channels = ?, version = version + 1 WHERE team_key = ? AND version = ?")
            .params(in.name().trim(), blankToNull(in.email()), c.policy(), join(c.channels()), key, cur.version()).update();
        if (n == 0) {
            throw new PreconditionFailedException("Team " + key + " has changed since you read it");
        }
        jdbc.sql("DELETE FROM sd_team_member WHERE team_key = ?").param(key).update();
        insertMembers(key, members);
        Map<String, Change> changes = new LinkedHashMap<>();
        if (!cur.name().equals(in.name().trim())) {
            changes.put("name", new Change(cur.name(), in.name().trim()));
        }
        if (!java.util.Objects.equals(cur.email(), blankToNull(in.email()))) {
            changes.put("email", new Change(cur.email(), blankToNull(in.email())));
        }
        if (!cur.members().equals(members.stream().sorted().toList())) {
            changes.put("members", new Change(String.join(", ", cur.members()), String.join(", ", members)));
        }
        if (!java.util.Objects.equals(cur.escalationPolicy(), c.policy())) {
            changes.put("escalationPolicy", new Change(cur.escalationPolicy(), c.policy()));
        }
        if (!cur.channels().equals(c.channels())) {
            changes.put("channels", new Change(String.join(", ", cur.channels()), String.join(", ", c.channels())));
        }
        audit.record(ENTITY, key, "updated", "Team " + key + " changed", changes);
        return get(key);
    }

    private void insertMembers(String key, List<String> members) {
        for (String m : members) {
            jdbc.sql("INSERT INTO sd_team_member (team_key, username) VALUES (?, ?)").params(key, m).update();
        }
    }

    private Checked validate(TeamInput in, boolean checkKey) {
        List<FieldError> errors = new ArrayList<>();
        if (checkKey && (in.key() == null || !in.key().matches("[a-z0-9][a-z0-9-]{0,59}"))) {
            errors.add(new FieldError("key", "Give a key of lower-case letters, digits and hyphens, up to 60 characters"));
        }
        if (in.name() == null || in.name().isBlank()) {
            errors.add(new FieldError("name", "Give the team a name"));
        } else if (in.name().trim().length() > MAX_NAME) {
            errors.add(new FieldError("name", "Name must be " + MAX_NAME + " characters or fewer"));
        }
        if (in.email() != null && !in.email().isBlank() && (in.email().trim().length() > 320 || !EMAIL.matcher(in.email().trim()).matches())) {
            errors.add(new FieldError("email", "'" + abbreviate(in.email()) + "' is not an email address"));
        }
        LinkedHashSet<String> members = new LinkedHashSet<>();
        List<String> given = in.members() == null ? List.of() : in.members();
        if (given.size() > MAX_MEMBERS) {
            errors.add(new FieldError("members", "A team has at most " + MAX_MEMBERS + " members (" + given.size() + " given)"));
            given = List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            String u = given.get(i);
            if (u == null || u.trim().length() > 100 || users.find(u.trim()).isEmpty()) {
                errors.add(new FieldError("members[" + i + "]", "No user '" + abbreviate(u) + "'"));
            } else {
                members.add(u.trim());
            }
        }
        String policy = blankToNull(in.escalationPolicy());
        org.estate.servicedesk.PagingTargets targets = paging.getIfAvailable();
        if (policy != null && (policy.length() > 60 || targets != null && !targets.policyExists(policy))) {
            errors.add(new FieldError("escalationPolicy", "No escalation policy '" + abbreviate(policy) + "'"));
        }
        LinkedHashSet<String> channels = new LinkedHashSet<>();
        List<String> named = in.channels() == null ? List.of() : in.channels();
        if (named.size() > MAX_CHANNELS) {
            errors.add(new FieldError("channels", "A team posts to at most " + MAX_CHANNELS + " channels (" + named.size() + " given)"));
            named = List.of();
        }
        for (int i = 0; i < named.size(); i++) {
            String ch = named.get(i) == null ? null : named.get(i).trim();
            if (ch == null || ch.isEmpty() || ch.length() > 60 || ch.contains(",") || targets != null && !targets.channelExists(ch)) {
                errors.add(new FieldError("channels[" + i + "]", "No channel '" + abbreviate(named.get(i)) + "'"));
            } else {
                channels.add(ch);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Checked(List.copyOf(members), policy, List.copyOf(channels));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(","));
    }

    private static String join(List<String> channels) {
        return channels.isEmpty() ? null : String.join(",", channels);
    }

    private static String abbreviate(String s) {
        return s == null ? null : s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
