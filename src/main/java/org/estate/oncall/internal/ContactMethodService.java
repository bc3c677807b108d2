package org.estate.oncall.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.oncall.internal.ContactFields.Checked;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.SealedColumn;
import org.estate.platform.Secrets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's contact methods (email, SMS, a Teams or Slack incoming webhook) and the rules that say
 * which type to use after how many minutes for a page of each urgency. Both lists are replaced as
 * one, under one version (optimistic locking). Webhook URLs are secrets: sealed at rest with the
 * platform's {@link Secrets}, shown only masked ({@code https://host/…}), never audited or logged.
 *
 * <p>{@link #plan}: with no methods, the account email at once; with methods but no rules for the
 * urgency, every method at once (high) or every email method at once (low); otherwise each rule
 * applied to every method of its type, in order of delay (rules of equal delay in their order).
 * Low urgency never answers anything but email. Where the plan would otherwise reach nobody (say
 * low urgency and no email method, or rules only for types the person has no method of), the
 * account email at once: a page is never dropped for want of a matching method. An unknown or
 * disabled user gets an empty plan; an urgency other than {@code low} is taken as {@code high}.
 */
@Service
public class ContactMethodService implements Contacts {

    public static final int MAX_METHODS = 10;
    public static final int MAX_RULES = 20;
    public static final int MAX_DELAY_MINUTES = 1440;
    public static final int MAX_ADDRESS = 320;
    public static final int MAX_URL = 2000;
    public static final List<String> TYPES = List.of("email", "sms", "teams", "slack");
    public static final List<String> URGENCIES = List.of("high", "low");

    static final String ENTITY = "contact-methods";

    // What a GET gave back may be PUT as it is: its read-only fields are ignored; any other unknown field is 422.
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"version", "username"})
    public record ContactsInput(List<MethodInput> methods, List<RuleInput> rules) {
    }

    /** A method: {@code id} names one already saved (to keep it, or its webhook URL when the address is sent back masked). */
    public record MethodInput(Long id, String type, String address) {
    }

    public record RuleInput(String method, Integer delayMinutes, String urgency) {
    }

    /** A method as shown: a webhook's address masked. */
    public record MethodView(long id, String type, String address) {
    }

    public record RuleView(String method, int delayMinutes, String urgency) {
    }

    public record ContactsView(String username, List<MethodView> methods, List<RuleView> rules, long version) {
    }

    /** A method as stored, its address open (a webhook URL in clear): never leaves this class and {@link ContactFields} but through {@link #plan}. */
    record Stored(long id, String type, String address) {
    }

    private record Loaded(String username, List<Stored> methods, List<RuleView> rules, long version, boolean exists) {
    }

    private final JdbcClient jdbc;
    private final Users users;
    private final Secrets secrets;
    private final AuditLog audit;
    private final Clock clock;

    ContactMethodService(JdbcClient jdbc, Users users, Secrets secrets, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    /** The webhook column, re-sealed at start after a key rotation. */
    @Configuration
    static class SealedColumns {

        @Bean
        SealedColumn contactMethodAddresses() {
            return new SealedColumn("oncall_contact_method", "id", "sealed_address");
        }
    }

    @Transactional(readOnly = true)
    public ContactsView get(String username) {
        return view(load(user(username).username()));
    }

    private UserView user(String username) {
        Optional<UserView> u = username == null || username.length() > 100 ? Optional.empty() : users.find(username);
        return u.orElseThrow(() -> new NotFoundException("No user '" + RotaFields.clip(username) + "'"));
    }

    private Loaded load(String username) {
        Optional<Long> version = jdbc.sql("SELECT version FROM oncall_contact_profile WHERE username = ?").param(username)
            .query(Long.class).optional();
        if (version.isEmpty()) {
            return new Loaded(username, List.of(), List.of(), 0, false);
        }
        List<Stored> methods = jdbc.sql("""
                SELECT id, method_type, address, sealed_address FROM oncall_contact_method WHERE username = ? ORDER BY sort_order, id""")
            .param(username)
            .query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2),
                rs.getString(4) != null ? secrets.open(rs.getString(4)) : rs.getString(3)))
            .list();
        List<RuleView> rules = jdbc.sql("""
                SELECT method_type, delay_minutes, urgency FROM oncall_contact_rule WHERE username = ? ORDER BY sort_order, id""")
            .param(username)
            .query((rs, n) -> new RuleView(rs.getString(1), rs.getInt(2), rs.getString(3))).list();
        return new Loaded(username, methods, rules, version.get(), true);
    }

    private static ContactsView view(Loaded l) {
        return new ContactsView(l.username(), l.methods().stream().map(m -> new MethodView(m.id(), m.type(), shown(m))).toList(),
            l.rules(), l.version());
    }

    private static String shown(Stored m) {
        return ContactFields.webhook(m.type()) ? ContactFields.masked(m.address()) : m.address();
    }

    /**
     * Replaces the user's methods and rules. {@code expectedVersion} (from If-Match or the form's
     * hidden field) is optional; when given and stale, 412 and nothing is changed.
     */
    @Transactional
    public ContactsView replace(String username, Long expectedVersion, ContactsInput in) {
        UserView user = user(username);
        Loaded cur = load(user.username());
        if (expectedVersion != null && expectedVersion != cur.version()) {
            throw new PreconditionFailedException("The contact methods of " + user.username() + " have changed since you read them");
        }
        Map<Long, Stored> mine = new HashMap<>();
        cur.methods().forEach(m -> mine.put(m.id(), m));
        Checked checked = ContactFields.check(in, mine);
        List<Stored> methods = checked.methods();
        List<RuleView> rules = checked.rules();
        Timestamp now = Timestamp.from(clock.instant());
        if (!cur.exists()) {
            try {
                jdbc.sql("INSERT INTO oncall_contact_profile (username, version, updated_at) VALUES (?, 1, ?)")
                    .params(user.username(), now).update();
            } catch (DuplicateKeyException e) {
                throw new PreconditionFailedException("The contact methods of " + user.username() + " have changed since you read them");
            }
        } else {
            int n = jdbc.sql("UPDATE oncall_contact_profile SET version = version + 1, updated_at = ? WHERE username = ? AND version = ?")
                .params(now, user.username(), cur.version()).update();
            if (n == 0) {
                throw new PreconditionFailedException("The contact methods of " + user.username() + " have changed since you read them");
            }
        }
        Set<Long> kept = new LinkedHashSet<>();
        for (int i = 0; i < methods.size(); i++) {
            Stored m = methods.get(i);
            String clear = ContactFields.webhook(m.type()) ? null : m.address();
            Stored before = mine.get(m.id());
            if (before != null) {
                kept.add(m.id());
                if (before.type().equals(m.type()) && before.address().equals(m.address())) {
                    jdbc.sql("UPDATE oncall_contact_method SET sort_order = ? WHERE id = ?").params(i, m.id()).update();
                } else {
                    jdbc.sql("UPDATE oncall_contact_method SET sort_order = ?, method_type = ?, address = ?, sealed_address = ? WHERE id = ?")
                        .params(i, m.type(), clear, ContactFields.webhook(m.type()) ? secrets.seal(m.address()) : null, m.id()).update();
                }
            } else {
                jdbc.sql("""
                        INSERT INTO oncall_contact_method (username, sort_order, method_type, address, sealed_address, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(user.username(), i, m.type(), clear, ContactFields.webhook(m.type()) ? secrets.seal(m.address()) : null, now).update();
            }
        }
        for (Long id : mine.keySet()) {
            if (!kept.contains(id)) {
                jdbc.sql("DELETE FROM oncall_contact_method WHERE id = ?").param(id).update();
            }
        }
        jdbc.sql("DELETE FROM oncall_contact_rule WHERE username = ?").param(user.username()).update();
        for (int i = 0; i < rules.size(); i++) {
            RuleView r = rules.get(i);
            jdbc.sql("INSERT INTO oncall_contact_rule (username, sort_order, method_type, delay_minutes, urgency) VALUES (?, ?, ?, ?, ?)")
                .params(user.username(), i, r.method(), r.delayMinutes(), r.urgency()).update();
        }
        Loaded after = load(user.username());
        Map<String, Change> changes = new LinkedHashMap<>();
        String was = summary(cur.methods());
        String now2 = summary(after.methods());
        if (!was.equals(now2)) {
            changes.put("methods", new Change(cur.exists() ? was : null, now2));
        }
        if (!cur.rules().equals(after.rules())) {
            changes.put("rules", new Change(cur.exists() ? rulesSummary(cur.rules()) : null, rulesSummary(after.rules())));
        }
        audit.record(ENTITY, user.username(), "updated", "Contact methods of " + user.username() + " changed", changes);
        return view(after);
    }

    /** Checks an input as {@link #replace} would, without saving: 422 naming each field out of range (a form reports every problem at once). */
    @Transactional(readOnly = true)
    public void check(String username, ContactsInput in) {
        Map<Long, Stored> mine = new HashMap<>();
        load(user(username).username()).methods().forEach(m -> mine.put(m.id(), m));
        ContactFields.check(in, mine);
    }

    /** The methods for the audit log: types, email addresses, SMS numbers but their last three digits hidden, never a webhook URL. */
    private static String summary(List<Stored> methods) {
        List<String> parts = new ArrayList<>();
        for (Stored m : methods) {
            String a = switch (m.type()) {
                case "email" -> m.address();
                case "sms" -> m.address().substring(0, m.address().length() - 3) + "***";
                default -> ContactFields.masked(m.address());
            };
            parts.add(m.type() + " " + a);
        }
        return String.join(", ", parts);
    }

    private static String rulesSummary(List<RuleView> rules) {
        List<String> parts = new ArrayList<>();
        for (RuleView r : rules) {
            parts.add(r.urgency() + ": " + r.method() + " after " + r.delayMinutes() + " min");
        }
        return String.join(", ", parts);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Contact> plan(String username, String urgency) {
        Optional<UserView> user = username == null || username.length() > 100 ? Optional.empty() : users.find(username);
        if (user.isEmpty() || !user.get().enabled()) {
            return List.of();
        }
        boolean low = "low".equalsIgnoreCase(urgency == null ? "" : urgency.strip());
        String u = low ? "low" : "high";
        Loaded l = load(user.get().username());
        List<Contact> out = new ArrayList<>();
        if (!l.methods().isEmpty()) {
            List<RuleView> rules = l.rules().stream().filter(r -> r.urgency().equals(u)).toList();
            if (rules.isEmpty()) {
                for (Stored m : l.methods()) {
                    if (!low || m.type().equals("email")) {
                        out.add(new Contact(m.type(), m.address(), 0));
                    }
                }
            } else {
                List<RuleView> ordered = rules.stream().sorted(Comparator.comparingInt(RuleView::delayMinutes)).toList();
                Set<Contact> seen = new LinkedHashSet<>();
                for (RuleView r : ordered) {
                    if (low && !r.method().equals("email")) {
                        continue;
                    }
                    for (Stored m : l.methods()) {
                        if (m.type().equals(r.method())) {
                            seen.add(new Contact(m.type(), m.address(), r.delayMinutes()));
                        }
                    }
                }
                out.addAll(seen);
            }
        }
        if (out.isEmpty()) {
            String email = user.get().email();
            if (email != null && !email.isBlank()) {
                out.add(new Contact("email", email.strip(), 0));
            }
        }
        return List.copyOf(out);
    }
}
