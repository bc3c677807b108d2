package org.estate.oncall.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.SealedColumn;
import org.estate.platform.Secrets;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
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
    /** The mark a masked webhook URL ends with: never part of a real one Estate stores. */
    static final String MASK = "…";
    // The same check as servicedesk's team and requester email (TeamService.EMAIL, TicketChecks.EMAIL).
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

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

    /** A method as stored, its address open (a webhook URL in clear): never leaves this class but through {@link #plan}. */
    private record Stored(long id, String type, String address) {
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
        return webhook(m.type()) ? masked(m.address()) : m.address();
    }

    static boolean webhook(String type) {
        return type.equals("teams") || type.equals("slack");
    }

    /** A webhook URL as it may be shown: its scheme and host, the rest hidden ({@code https://host/…}). */
    static String masked(String url) {
        try {
            URI u = new URI(url);
            if (u.getScheme() != null && u.getHost() != null) {
                return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost() + "/" + MASK;
            }
        } catch (URISyntaxException e) {
            // stored URLs were checked when saved; fall through to the safest form
        }
        return MASK;
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
        List<FieldError> errors = new ArrayList<>();
        List<Stored> methods = methods(in == null ? null : in.methods(), mine, errors);
        List<RuleView> rules = rules(in == null ? null : in.rules(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
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
            String clear = webhook(m.type()) ? null : m.address();
            Stored before = mine.get(m.id());
            if (before != null) {
                kept.add(m.id());
                if (before.type().equals(m.type()) && before.address().equals(m.address())) {
                    jdbc.sql("UPDATE oncall_contact_method SET sort_order = ? WHERE id = ?").params(i, m.id()).update();
                } else {
                    jdbc.sql("UPDATE oncall_contact_method SET sort_order = ?, method_type = ?, address = ?, sealed_address = ? WHERE id = ?")
                        .params(i, m.type(), clear, webhook(m.type()) ? secrets.seal(m.address()) : null, m.id()).update();
                }
            } else {
                jdbc.sql("""
                        INSERT INTO oncall_contact_method (username, sort_order, method_type, address, sealed_address, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(user.username(), i, m.type(), clear, webhook(m.type()) ? secrets.seal(m.address()) : null, now).update();
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
        List<FieldError> errors = new ArrayList<>();
        methods(in == null ? null : in.methods(), mine, errors);
        rules(in == null ? null : in.rules(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private List<Stored> methods(List<MethodInput> given, Map<Long, Stored> mine, List<FieldError> errors) {
        List<Stored> out = new ArrayList<>();
        if (given == null) {
            return out;
        }
        if (given.size() > MAX_METHODS) {
            errors.add(new FieldError("methods", "Give at most " + MAX_METHODS + " contact methods (" + given.size() + " given)"));
            return out;
        }
        Set<String> seen = new LinkedHashSet<>();
        Set<Long> ids = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            MethodInput m = given.get(i);
            String p = "methods[" + i + "]";
            if (m == null) {
                errors.add(new FieldError(p, "A contact method cannot be null"));
                continue;
            }
            String type = m.type() == null ? "" : m.type().strip().toLowerCase(Locale.ROOT);
            if (!TYPES.contains(type)) {
                errors.add(new FieldError(p + ".type", "Type must be email, sms, teams or slack"));
                continue;
            }
            Stored before = null;
            if (m.id() != null) {
                before = mine.get(m.id());
                if (before == null) {
                    errors.add(new FieldError(p + ".id", "No contact method " + m.id() + " of this user: leave id out for a new one"));
                    continue;
                }
                if (!ids.add(m.id())) {
                    errors.add(new FieldError(p + ".id", "Contact method " + m.id() + " is given twice"));
                    continue;
                }
            }
            String address = address(p + ".address", type, m.address(), before, errors);
            if (address == null) {
                continue;
            }
            if (!seen.add(type + " " + address.toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError(p + ".address", "This " + type + " address is given twice"));
                continue;
            }
            out.add(new Stored(m.id() == null ? -1 : m.id(), type, address));
        }
        return out;
    }

    /** The address to store, in clear (normalised), or null with the problem in {@code errors}. */
    private static String address(String field, String type, String given, Stored before, List<FieldError> errors) {
        String a = given == null ? "" : given.strip();
        switch (type) {
            case "email" -> {
                if (a.isEmpty()) {
                    errors.add(new FieldError(field, "Enter an email address, like name@example.gov.uk"));
                    return null;
                }
                if (a.length() > MAX_ADDRESS || !EMAIL.matcher(a).matches()) {
                    errors.add(new FieldError(field, "Enter an email address in the correct format, like name@example.gov.uk"));
                    return null;
                }
                return a;
            }
            case "sms" -> {
                PhoneNumbers.Parsed p = PhoneNumbers.parse(a);
                if (!p.ok()) {
                    errors.add(new FieldError(field, p.problem()));
                    return null;
                }
                return p.e164();
            }
            default -> {
                // A webhook sent back as the GET masked it, with the id of the method: keep the stored URL.
                if (before != null && before.type().equals(type) && a.equals(masked(before.address()))) {
                    return before.address();
                }
                if (a.isEmpty()) {
                    errors.add(new FieldError(field, "Enter the incoming-webhook URL, starting https://"));
                    return null;
                }
                if (a.contains(MASK)) {
                    errors.add(new FieldError(field, "That is a hidden webhook URL: send it back with the id of its method, or give the whole URL"));
                    return null;
                }
                if (!url(a)) {
                    errors.add(new FieldError(field, "Enter the whole incoming-webhook URL, starting https:// (or http://), at most " + MAX_URL
                        + " characters"));
                    return null;
                }
                return a;
            }
        }
    }

    static boolean url(String a) {
        if (a.length() > MAX_URL) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        try {
            URI u = new URI(a);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && u.getHost() != null && !u.getHost().isEmpty()
                && u.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<RuleView> rules(List<RuleInput> given, List<FieldError> errors) {
        List<RuleView> out = new ArrayList<>();
        if (given == null) {
            return out;
        }
        if (given.size() > MAX_RULES) {
            errors.add(new FieldError("rules", "Give at most " + MAX_RULES + " rules (" + given.size() + " given)"));
            return out;
        }
        for (int i = 0; i < given.size(); i++) {
            RuleInput r = given.get(i);
            String p = "rules[" + i + "]";
            if (r == null) {
                errors.add(new FieldError(p, "A rule cannot be null"));
                continue;
            }
            int before = errors.size();
            String method = r.method() == null ? "" : r.method().strip().toLowerCase(Locale.ROOT);
            if (!TYPES.contains(method)) {
                errors.add(new FieldError(p + ".method", "Method must be email, sms, teams or slack"));
            }
            int delay = r.delayMinutes() == null ? 0 : r.delayMinutes();
            if (delay < 0 || delay > MAX_DELAY_MINUTES) {
                errors.add(new FieldError(p + ".delayMinutes", "Give the minutes after the page, 0 to " + MAX_DELAY_MINUTES));
            }
            String urgency = r.urgency() == null || r.urgency().isBlank() ? "high" : r.urgency().strip().toLowerCase(Locale.ROOT);
            if (!URGENCIES.contains(urgency)) {
                errors.add(new FieldError(p + ".urgency", "Urgency must be high or low"));
            }
            if (errors.size() == before) {
                out.add(new RuleView(method, delay, urgency));
            }
        }
        return out;
    }

    /** The methods for the audit log: types, email addresses, SMS numbers but their last three digits hidden, never a webhook URL. */
    private static String summary(List<Stored> methods) {
        List<String> parts = new ArrayList<>();
        for (Stored m : methods) {
            String a = switch (m.type()) {
                case "email" -> m.address();
                case "sms" -> m.address().substring(0, m.address().length() - 3) + "***";
                default -> masked(m.address());
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
