package org.estate.oncall.internal;

import static org.estate.oncall.internal.ContactMethodService.MAX_ADDRESS;
import static org.estate.oncall.internal.ContactMethodService.MAX_DELAY_MINUTES;
import static org.estate.oncall.internal.ContactMethodService.MAX_METHODS;
import static org.estate.oncall.internal.ContactMethodService.MAX_RULES;
import static org.estate.oncall.internal.ContactMethodService.MAX_URL;
import static org.estate.oncall.internal.ContactMethodService.TYPES;
import static org.estate.oncall.internal.ContactMethodService.URGENCIES;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.estate.oncall.internal.ContactMethodService.ContactsInput;
import org.estate.oncall.internal.ContactMethodService.MethodInput;
import org.estate.oncall.internal.ContactMethodService.RuleInput;
import org.estate.oncall.internal.ContactMethodService.RuleView;
import org.estate.oncall.internal.ContactMethodService.Stored;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;

/**
 * A person's contact methods and rules as the API and the form give them, and the rules they must
 * meet: every field's range, addresses normalised for storing (an SMS number as E.164), and 422
 * naming each field that is out of it. Also how a webhook URL may be shown (masked).
 */
final class ContactFields {

    /** The mark a masked webhook URL ends with: never part of a real one Estate stores. */
    static final String MASK = "…";
    // The same check as servicedesk's team and requester email (TeamService.EMAIL, TicketChecks.EMAIL).
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** An input checked: its methods (addresses normalised, in clear; -1 for a new one's id) and rules, in the order given. */
    record Checked(List<Stored> methods, List<RuleView> rules) {
    }

    private ContactFields() {
    }

    /**
     * Checks an input against the user's stored methods ({@code mine}, by id): 422 naming each field
     * out of range (a form reports every problem at once).
     */
    static Checked check(ContactsInput in, Map<Long, Stored> mine) {
        List<FieldError> errors = new ArrayList<>();
        List<Stored> methods = methods(in == null ? null : in.methods(), mine, errors);
        List<RuleView> rules = rules(in == null ? null : in.rules(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Checked(methods, rules);
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

    private static List<Stored> methods(List<MethodInput> given, Map<Long, Stored> mine, List<FieldError> errors) {
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
}
