package org.estate.platform.security;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.estate.platform.DatabaseUnavailable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 for the API as RFC 9457 problem details, never an HTML page or a redirect. */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;
    private final Clock clock;

    ProblemResponses(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
        throws IOException {
        if (DatabaseUnavailable.isCauseOf(e)) {
            // The password could not be checked: not a 401, but a 503 (DatabaseUnavailableFilter answers it).
            throw e;
        }
        if (e instanceof SignInThrottledException throttled) {
            long seconds = Math.max(1, Duration.between(clock.instant(), throttled.until()).toSeconds() + 1);
            response.setHeader("Retry-After", String.valueOf(seconds));
            write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many wrong passwords for this account from your address: "
                + "try again later, or use an API token (tokens are never refused because of wrong passwords)");
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Estate\", Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED,
            "Sign in: send HTTP Basic credentials or an API token as 'Authorization: Bearer <token>'");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
        throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "Your role does not allow this");
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
        throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
