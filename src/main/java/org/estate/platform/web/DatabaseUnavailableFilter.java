package org.estate.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.estate.platform.DatabaseUnavailable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import tools.jackson.databind.json.JsonMapper;

/**
 * The last net for "the database cannot be reached": whatever escapes the controllers' exception
 * handlers, and everything thrown inside Spring Security's filters (API token lookup, password
 * sign-in) before a controller is reached, is answered 503 — problem details for the API, the
 * GOV.UK "service unavailable" page for pages — instead of a 500 or a misleading 401.
 * It sits just outside Spring Security's filter chain (order -100).
 */
@Component
@Order(-101)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    static final String DETAIL = "The database cannot be reached just now: try again shortly (Estate reconnects by itself)";

    private final JsonMapper json;
    private final ObjectProvider<ThymeleafViewResolver> views;

    DatabaseUnavailableFilter(JsonMapper json, ObjectProvider<ThymeleafViewResolver> views) {
        this.json = json;
        this.views = views;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseUnavailable.isCauseOf(e) || response.isCommitted()) {
                throw e;
            }
            OutageLog.answered503(e);
            response.resetBuffer();
            if (isApi(request)) {
                writeProblem(request, response, json);
            } else {
                writePage(request, response);
            }
        }
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    static void writeProblem(HttpServletRequest request, HttpServletResponse response, JsonMapper json) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }

    private void writePage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        try {
            ThymeleafViewResolver resolver = views.getIfAvailable();
            View view = resolver == null ? null : resolver.resolveViewName("error/503", Locale.UK);
            if (view != null) {
                view.render(Map.of(), request, response);
                return;
            }
        } catch (Exception e) {
            // fall through to the plain page below: the outage must not turn into a 500 here
        }
        response.resetBuffer();
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("Sorry, the service is unavailable. " + DETAIL);
    }
}
