package org.estate.fault;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a browser does with pages, minus the rendering: a session cookie, the login form and its CSRF token. */
final class BrowserSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    BrowserSession(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Http.Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Http.REQUEST_DEADLINE)
            .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        return answer(r);
    }

    /** The login form's CSRF token, read from the page (the session cookie comes with it). */
    String loginFormToken() throws IOException, InterruptedException {
        Matcher m = CSRF.matcher(get("/login").body());
        if (!m.find()) {
            throw new AssertionError("No CSRF token on the login page");
        }
        return m.group(1);
    }

    Http.Answer submitLogin(String csrf, String username, String password) throws IOException, InterruptedException {
        String form = "_csrf=" + enc(csrf) + "&username=" + enc(username) + "&password=" + enc(password);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).timeout(Http.REQUEST_DEADLINE)
            .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return answer(r);
    }

    private static Http.Answer answer(HttpResponse<String> r) {
        String location = r.headers().firstValue("Location").orElse("");
        return new Http.Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), null,
            location.isEmpty() ? r.body() : "Location: " + location + "\n" + r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
