package org.estate.cmdb.internal;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.estate.cmdb.AttributeDefinition;
import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiInput;
import org.estate.platform.ValidationException.FieldError;
import org.estate.platform.ValueLimits;

/**
 * Validates a CI against its class and makes every value canonical. Pure: the same rules serve
 * the API, the forms and the CSV import, and every problem is reported, not just the first.
 */
final class CiValidator {

    static final int MAX_NAME = 200;
    static final int MAX_OWNER = 200;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_TEXT_ATTRIBUTE = 2000;
    static final int MAX_URL = 2000;
    static final int MAX_EMAIL = 254;
    static final List<String> STATUSES = List.of("planned", "live", "maintenance", "retired");
    static final List<String> CRITICALITIES = List.of("critical", "high", "medium", "low");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/+-]{0,49}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** The outcome: a record when {@code errors} is empty. */
    record Result(CiRecord ci, List<FieldError> errors) {
    }

    private CiValidator() {
    }

    static Result validate(CiInput in, Map<String, CiClass> classes) {
        return validate(in, classes, true);
    }

    /**
     * As {@link #validate(CiInput, Map)}; with {@code requireAttributes} false a required attribute
     * may be absent (a CSV update that keeps the stored value checks it against the stored CI).
     */
    static Result validate(CiInput in, Map<String, CiClass> classes, boolean requireAttributes) {
        List<FieldError> errors = new ArrayList<>();
        CiClass ciClass = null;
        if (blank(in.ciClass())) {
            errors.add(new FieldError("class", "Choose the CI's class"));
        } else {
            ciClass = classes.get(in.ciClass().trim());
            if (ciClass == null) {
                errors.add(new FieldError("class", "Unknown class '" + shown(in.ciClass()) + "': use one of " + String.join(", ", classes.keySet())));
            }
        }
        String name = trim(in.name());
        if (name == null) {
            errors.add(new FieldError("name", "Enter a name"));
        } else {
            check("name", name, MAX_NAME, false, errors);
        }
        String status = oneOf("status", in.status(), STATUSES, "live", errors);
        String criticality = oneOf("criticality", in.criticality(), CRITICALITIES, "medium", errors);
        String owner = trim(in.owner());
        check("owner", owner, MAX_OWNER, false, errors);
        String description = in.description() == null || in.description().isBlank() ? null : in.description().strip();
        check("description", description, MAX_DESCRIPTION, true, errors);
        LocalDate endOfLife = date("endOfLife", in.endOfLife(), errors);
        LocalDate endOfSupport = date("endOfSupport", in.endOfSupport(), errors);
        List<String> tags = tags(in.tags(), errors);
        Map<String, Object> attributes = ciClass == null ? Map.of() : attributes(ciClass, in.attributes(), requireAttributes, errors);
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new CiRecord(null, ciClass.key(), name, status, criticality, owner, description, endOfLife,
            endOfSupport, tags, attributes, null, null, 0), List.of());
    }

    private static Map<String, Object> attributes(CiClass ciClass, Map<String, Object> raw, boolean requireAttributes,
                                                  List<FieldError> errors) {
        Map<String, Object> values = raw == null ? Map.of() : raw;
        for (String key : values.keySet()) {
            if (ciClass.attribute(key).isEmpty()) {
                errors.add(new FieldError("attributes." + shown(key), "Class '" + ciClass.key() + "' has no attribute '" + shown(key) + "'"));
            }
        }
        // Canonical order is the class's attribute order, so equal content serialises equally.
        Map<String, Object> canonical = new LinkedHashMap<>();
        for (AttributeDefinition def : ciClass.attributes()) {
            Object value = values.get(def.key());
            if (value == null || (value instanceof String s && s.isBlank())) {
                if (def.required() && requireAttributes) {
                    errors.add(new FieldError("attributes." + def.key(), "Enter " + def.label().toLowerCase(Locale.ROOT) + ": it is required for " + ciClass.label().toLowerCase(Locale.ROOT)));
                }
                continue;
            }
            Object parsed = parse(def, value, errors);
            if (parsed != null) {
                canonical.put(def.key(), parsed);
            }
        }
        return canonical;
    }

    /** A business service's availability target: a percentage, which monitoring compares its availability with. */
    static final String AVAILABILITY_TARGET = "availabilityTarget";

    private static boolean percent(BigDecimal v) {
        return v.signum() > 0 && v.compareTo(BigDecimal.valueOf(100)) <= 0 && v.stripTrailingZeros().scale() <= 3;
    }

    /** Parses one attribute value; adds an error and answers null when it does not fit the type. */
    static Object parse(AttributeDefinition def, Object value, List<FieldError> errors) {
        String field = "attributes." + def.key();
        String text = value instanceof String s ? s.trim() : null;
        switch (def.type()) {
            case TEXT -> {
                if (value instanceof Map || value instanceof List) {
                    errors.add(new FieldError(field, "Must be text"));
                    return null;
                }
                String s = text;
                if (value instanceof BigDecimal b) {
                    ValueLimits.Decimal d = ValueLimits.decimal(b);
                    s = d.problem() == null ? d.value().toPlainString() : null;
                } else if (s == null) {
                    s = value.toString();
                }
                if (s == null) {
                    errors.add(new FieldError(field, "Must be text"));
                    return null;
                }
                return check(field, s, MAX_TEXT_ATTRIBUTE, true, errors) ? s : null;
            }
            case NUMBER -> {
                ValueLimits.Decimal number;
                if (value instanceof BigDecimal b) {
                    number = ValueLimits.decimal(b);
                } else if (value instanceof Double || value instanceof Float) {
                    double d = ((Number) value).doubleValue();
                    number = Double.isFinite(d) ? ValueLimits.decimal(new BigDecimal(Double.toString(d)))
                        : new ValueLimits.Decimal(null, "Must be a number with " + ValueLimits.NUMBER_RULE);
                } else if (value instanceof Number n) {
                    number = ValueLimits.decimal(new BigDecimal(n.toString()));
                } else {
                    number = ValueLimits.decimal(text);
                }
                if (number.problem() != null) {
                    errors.add(new FieldError(field, number.problem()));
                    return null;
                }
                if (AVAILABILITY_TARGET.equals(def.key()) && !percent(number.value())) {
                    errors.add(new FieldError(field, "Must be a percentage more than 0 and at most 100, with at most 3 decimal places, like 99.9"));
                    return null;
                }
                return number.value();
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                if (text != null) {
                    switch (text.toLowerCase(Locale.ROOT)) {
                        case "true", "yes", "y" -> {
                            return Boolean.TRUE;
                        }
                        case "false", "no", "n" -> {
                            return Boolean.FALSE;
                        }
                        default -> {
                        }
                    }
                }
                errors.add(new FieldError(field, "Must be true or false"));
                return null;
            }
            case DATE -> {
                if (text == null) {
                    errors.add(new FieldError(field, "Must be a date like 2027-03-31"));
                    return null;
                }
                LocalDate d = date(field, text, errors);
                return d == null ? null : d.toString();
            }
            case IP_ADDRESS -> {
                if (text == null || text.length() > 45 || !isIpAddress(text)) {
                    errors.add(new FieldError(field, "Must be an IPv4 or IPv6 address, like 10.20.1.15"));
                    return null;
                }
                return text;
            }
            case URL -> {
                if (text == null || !isUrl(text)) {
                    errors.add(new FieldError(field, "Must be a web address starting http:// or https://"));
                    return null;
                }
                if (!check(field, text, MAX_URL, false, errors)) {
                    return null;
                }
                return text;
            }
            case EMAIL -> {
                if (text == null || text.length() > MAX_EMAIL || !EMAIL.matcher(text).matches()) {
                    errors.add(new FieldError(field, "Must be an email address of at most " + MAX_EMAIL + " characters, like name@example.gov.uk"));
                    return null;
                }
                return text;
            }
            case ENUM -> {
                if (text == null || !def.options().contains(text)) {
                    errors.add(new FieldError(field, "Must be one of " + String.join(", ", def.options())));
                    return null;
                }
                return text;
            }
            default -> throw new IllegalStateException("Unhandled type " + def.type());
        }
    }

    /** Adds an error when the text cannot be stored as given; answers whether it can. */
    private static boolean check(String field, String text, int max, boolean multiline, List<FieldError> errors) {
        String problem = ValueLimits.textProblem(text, max, multiline);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        }
        return problem == null;
    }

    /** A value echoed in a message, cut short: a message never carries a megabyte back. */
    static String shown(String s) {
        return s == null || s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    static boolean isIpAddress(String s) {
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        // Only strings that can be nothing but an IPv6 literal reach InetAddress, so it never
        // looks a name up in DNS.
        if (s.indexOf(':') >= 0 && IPV6_CHARS.matcher(s).matches()) {
            try {
                InetAddress.getByName(s);
                return true;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isUrl(String s) {
        try {
            URI uri = new URI(s);
            return uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String oneOf(String field, String value, List<String> allowed, String fallback, List<FieldError> errors) {
        String v = trim(value);
        if (v == null) {
            return fallback;
        }
        if (!allowed.contains(v)) {
            errors.add(new FieldError(field, "Must be one of " + String.join(", ", allowed)));
            return fallback;
        }
        return v;
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        String v = trim(value);
        if (v == null) {
            return null;
        }
        return ValueLimits.date(v, problem -> errors.add(new FieldError(field, problem)));
    }

    private static List<String> tags(List<String> raw, List<FieldError> errors) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > 1000) {
            errors.add(new FieldError("tags", "At most 30 tags"));
            return List.of();
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String t : raw) {
            String tag = trim(t);
            if (tag == null) {
                continue;
            }
            if (!TAG.matcher(tag).matches()) {
                errors.add(new FieldError("tags", "Tag '" + shown(tag) + "' must be 1 to 50 letters, digits or . _ : / + - (no spaces, commas or semicolons)"));
            } else {
                tags.add(tag);
            }
        }
        if (tags.size() > 30) {
            errors.add(new FieldError("tags", "At most 30 tags"));
        }
        return List.copyOf(tags);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
