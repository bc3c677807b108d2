package org.estate.monitoring.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the check form lays out each type's target (the contract's target keys): which input each
 * field gets, and how form text becomes the target the API takes and back. A type not listed here
 * gets one JSON box, so a new type works on the pages before it has a layout of its own.
 */
final class TargetForm {

    /** One target field: {@code kind} is text, number, bool, lines (one per line), area or password. */
    record Field(String key, String label, String kind, String hint) {
        public String name() {
            return "target." + key;
        }
    }

    private static final Map<String, List<Field>> LAYOUT = new LinkedHashMap<>();

    static {
        LAYOUT.put("http", List.of(f("url", "URL", "text", "Starting http:// or https://"), f("method", "Method", "text", "GET, HEAD or POST"),
            f("expectStatus", "Expected status", "text", "A range like 200-299"), f("expectBody", "Expected body text", "text", "Text (or a regular expression) the page must contain"),
            f("headers", "Headers", "lines", "One per line, like Accept: text/html"), f("maxResponseMs", "Slowest good answer, in ms", "number", "Slower is degraded"),
            f("followRedirects", "Follow redirects", "bool", null), f("username", "Basic-auth user", "text", null),
            f("password", "Basic-auth password", "password", null)));
        LAYOUT.put("tcp", List.of(f("host", "Host", "text", "A host name or IP address"), f("port", "Port", "number", "1 to 65535")));
        LAYOUT.put("ping", List.of(f("host", "Host", "text", "A host name or IP address"), f("count", "Echoes per run", "number", null),
            f("maxLossPercent", "Most loss allowed, percent", "number", null)));
        LAYOUT.put("dns", List.of(f("name", "Name to look up", "text", null), f("recordType", "Record type", "text", "A, AAAA, CNAME, MX, TXT…"),
            f("resolver", "Resolver", "text", "Optional: the server to ask"), f("expect", "Expected value", "text", null)));
        LAYOUT.put("tls", List.of(f("host", "Host", "text", null), f("port", "Port", "number", null),
            f("warnDays", "Warn days before expiry", "number", null), f("criticalDays", "Critical days before expiry", "number", null),
            f("caCertificate", "CA certificate to trust (PEM)", "area", "Optional: a council's internal CA")));
        LAYOUT.put("snmp", List.of(f("host", "Host", "text", null), f("port", "Port", "number", null), f("version", "Version", "text", "2c or 3"),
            f("community", "Community (v2c)", "password", null), f("user", "User (v3)", "text", null),
            f("authProtocol", "Auth protocol (v3)", "text", null), f("authPassword", "Auth password (v3)", "password", null),
            f("privProtocol", "Privacy protocol (v3)", "text", null), f("privPassword", "Privacy password (v3)", "password", null),
            f("interface", "Interface", "text", "ifIndex, ifName or ifDescr"), f("maxUtilisationPercent", "Most utilisation, percent", "number", null)));
        LAYOUT.put("database", List.of(f("engine", "Engine", "text", "postgresql, mariadb, mysql or sql-server"), f("host", "Host", "text", null),
            f("port", "Port", "number", null), f("database", "Database", "text", null), f("username", "User", "text", null),
            f("password", "Password", "password", null), f("query", "Query", "area", "Default SELECT 1"), f("maxMs", "Slowest good answer, in ms", "number", null)));
        LAYOUT.put("heartbeat", List.of(f("periodSeconds", "Expected every, in seconds", "number", null),
            f("graceSeconds", "Grace, in seconds", "number", null)));
        LAYOUT.put("external", List.of());
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TargetForm() {
    }

    private static Field f(String key, String label, String kind, String hint) {
        return new Field(key, label, kind, hint);
    }

    /** The fields of a type's form; its secret fields are always password inputs. */
    static List<Field> fields(String type, Set<String> secrets) {
        List<Field> fields = LAYOUT.get(type);
        if (fields == null) {
            return List.of(new Field("json", "Target (JSON)", "json", "The type's target fields as a JSON object"));
        }
        return fields.stream().map(x -> secrets.contains(x.key()) ? new Field(x.key(), x.label(), "password", x.hint()) : x).toList();
    }

    /** The form's text of a stored target (secrets never). */
    static Map<String, String> values(String type, Set<String> secrets, Map<String, Object> target) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Field x : fields(type, secrets)) {
            switch (x.kind()) {
                case "password" -> { }
                case "json" -> values.put(x.name(), JSON.writeValueAsString(target));
                case "lines" -> {
                    StringBuilder b = new StringBuilder();
                    if (target.get(x.key()) instanceof Map<?, ?> m) {
                        m.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
                    }
                    values.put(x.name(), b.toString().strip());
                }
                default -> values.put(x.name(), target.get(x.key()) == null ? "" : String.valueOf(target.get(x.key())));
            }
        }
        return values;
    }

    /**
     * The target the API takes from the form's text: blank fields left out ({@code forPatch}: set to
     * null, so they are removed, except secrets, which blank keeps). Unreadable numbers and JSON are
     * added to {@code errors} by field name.
     */
    static Map<String, Object> target(String type, Set<String> secrets, Map<String, String> form, boolean forPatch, Map<String, String> errors) {
        Map<String, Object> target = new LinkedHashMap<>();
        for (Field x : fields(type, secrets)) {
            if (!form.containsKey(x.name())) {
                continue;
            }
            String v = form.getOrDefault(x.name(), "").strip();
            switch (x.kind()) {
                case "password" -> {
                    if (!v.isEmpty()) {
                        target.put(x.key(), v);
                    }
                }
                case "bool" -> target.put(x.key(), "true".equals(v));
                case "json" -> {
                    try {
                        Object parsed = JSON.readValue(v.isEmpty() ? "{}" : v, Object.class);
                        if (parsed instanceof Map<?, ?> m) {
                            m.forEach((k, val) -> target.put(String.valueOf(k), val));
                        } else {
                            errors.put(x.name(), "Enter the target as a JSON object, like {\"host\":\"db01\"}");
                        }
                    } catch (JacksonException e) {
                        errors.put(x.name(), "Enter the target as a JSON object, like {\"host\":\"db01\"}");
                    }
                }
                default -> {
                    if (v.isEmpty()) {
                        if (forPatch) {
                            target.put(x.key(), null);
                        }
                    } else if ("number".equals(x.kind())) {
                        try {
                            target.put(x.key(), Long.parseLong(v));
                        } catch (NumberFormatException e) {
                            errors.put(x.name(), x.label() + " must be a whole number");
                        }
                    } else if ("lines".equals(x.kind())) {
                        Map<String, String> headers = new LinkedHashMap<>();
                        for (String line : v.split("\\R")) {
                            int colon = line.indexOf(':');
                            if (line.isBlank()) {
                                continue;
                            }
                            if (colon <= 0) {
                                errors.put(x.name(), x.label() + ": each line is Name: value");
                            } else {
                                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                            }
                        }
                        target.put(x.key(), headers);
                    } else {
                        target.put(x.key(), v);
                    }
                }
            }
        }
        return target;
    }
}
