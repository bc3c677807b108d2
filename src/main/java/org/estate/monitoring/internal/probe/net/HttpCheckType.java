package org.estate.monitoring.internal.probe.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.estate.monitoring.internal.probe.CheckType;
import org.estate.monitoring.internal.probe.Prober;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.stereotype.Component;

/**
 * The {@code http} check: a request to a URL, {@code down} on a wrong status or body, a TLS error, a
 * refused connection or a timeout, {@code degraded} when slower than {@code maxResponseMs}. The
 * password and the headers (which may carry a bearer token or an API key) are secrets.
 */
@Component
public class HttpCheckType implements CheckType {

    static final List<String> FIELDS = List.of("url", "method", "expectStatus", "expectBody", "headers", "maxResponseMs",
        "followRedirects", "username", "password");
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "OPTIONS");
    static final int MAX_HEADERS = 20;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

    private final HttpClients clients;

    public HttpCheckType(HttpClients clients) {
        this.clients = clients;
    }

    @Override
    public String key() {
        return "http";
    }

    @Override
    public Set<String> secretFields() {
        return Set.of("password", "headers");
    }

    @Override
    public Map<String, Object> normalise(Map<String, Object> target, List<FieldError> errors) {
        TargetReader r = new TargetReader(target, errors, "http", FIELDS);
        r.put("url", url(r));
        String method = r.text("method", false, 10, null);
        if (method == null) {
            r.put("method", r.present("method") ? null : "GET");
        } else if (!METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            r.error("method", "Use one of " + String.join(", ", METHODS));
        } else {
            r.put("method", method.toUpperCase(Locale.ROOT));
        }
        String status = r.text("expectStatus", false, 200, null);
        if (status == null) {
            r.put("expectStatus", r.present("expectStatus") ? null : ExpectedStatus.DEFAULT);
        } else {
            ExpectedStatus parsed = ExpectedStatus.parse(status);
            if (parsed == null) {
                r.error("expectStatus", ExpectedStatus.RULE);
            } else {
                r.put("expectStatus", parsed.text());
            }
        }
        String body = r.text("expectBody", false, 1000, null);
        if (body != null && BodyMatch.isRegex(body)) {
            try {
                Pattern.compile(body.substring(1, body.length() - 1));
            } catch (PatternSyntaxException e) {
                r.error("expectBody", "Not a valid regular expression: " + TargetReader.shown(e.getDescription(), 100));
                body = null;
            }
        }
        r.put("expectBody", body);
        r.put("headers", headers(r));
        r.put("maxResponseMs", r.integer("maxResponseMs", 1, 60_000, null, "the maximum response time in milliseconds"));
        r.put("followRedirects", r.bool("followRedirects", true));
        String username = r.text("username", false, 200, null);
        if (username != null && username.indexOf(':') >= 0) {
            r.error("username", "A user name for basic authentication cannot contain a colon");
            username = null;
        }
        r.put("username", username);
        Object password = r.raw("password");
        if (password != null && !(password instanceof String)) {
            r.error("password", "Must be text");
        } else if (password != null && ((String) password).length() > 500) {
            r.error("password", "Must be at most 500 characters");
        } else if (password != null && !((String) password).isEmpty()) {
            if (!r.present("username")) {
                r.error("password", "Enter the user name this password is for");
            }
            r.put("password", password); // kept exactly: spaces may be part of a password
        }
        return r.result();
    }

    private static String url(TargetReader r) {
        String url = r.text("url", true, 2000, "Enter the URL to check, starting http:// or https://");
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                r.error("url", "Enter a URL starting http:// or https://");
                return null;
            }
            if (uri.getRawUserInfo() != null) {
                r.error("url", "Put the user name and password in username and password, not in the URL (the URL is shown to everyone)");
                return null;
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                r.error("url", "Enter a URL with a host name, like https://www.example.gov.uk/");
                return null;
            }
            if (uri.getRawFragment() != null) {
                r.error("url", "Leave out the #fragment: it is never sent to the server");
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            r.error("url", "Not a valid URL: " + TargetReader.shown(e.getReason(), 100));
            return null;
        }
    }

    private static Map<String, String> headers(TargetReader r) {
        if (!r.present("headers")) {
            return null;
        }
        if (!(r.raw("headers") instanceof Map<?, ?> raw)) {
            r.error("headers", "Give the headers as an object of names and values, like {\"Accept\": \"text/html\"}");
            return null;
        }
        if (raw.size() > MAX_HEADERS) {
            r.error("headers", "At most " + MAX_HEADERS + " headers");
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String name = String.valueOf(e.getKey());
            String shown = TargetReader.shown(name, 60);
            if (!TOKEN.matcher(name).matches()) {
                r.error("headers", "'" + shown + "' is not a valid header name");
                ok = false;
                continue;
            }
            if (!(e.getValue() instanceof String value) || value.length() > 2000 || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                r.error("headers", "The value of " + shown + " must be text of at most 2000 characters on one line");
                ok = false;
                continue;
            }
            if (name.equalsIgnoreCase("authorization") && r.present("username")) {
                r.error("headers", "Give either an Authorization header or a user name and password, not both");
                ok = false;
                continue;
            }
            try {
                HttpRequest.newBuilder().header(name, value); // the JDK's own rule for headers it will send
            } catch (IllegalArgumentException restricted) {
                r.error("headers", "Estate cannot set the " + shown + " header" + (name.equalsIgnoreCase("host") ? ": use the host name in the URL" : ""));
                ok = false;
                continue;
            }
            out.put(name, value);
        }
        return ok && !out.isEmpty() ? out : null;
    }

    @Override
    public Prober prepare(long checkId, Map<String, Object> target) {
        return new HttpProber(clients, HttpProber.Settings.of(target));
    }
}
