package org.estate.platform.web;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Content-Security-Policy with a fresh nonce per request: the only inline script allowed is the one
 * carrying it (GOV.UK Frontend's {@code js-enabled} snippet). The nonce is in the request attribute
 * {@value #NONCE_ATTRIBUTE} for templates.
 */
public final class ContentSecurityPolicyFilter extends OncePerRequestFilter {

    public static final String NONCE_ATTRIBUTE = "cspNonce";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        request.setAttribute(NONCE_ATTRIBUTE, nonce);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        request.setAttribute("currentPath", path);
        String policy;
        if (path.startsWith("/api/docs") || path.startsWith("/api/swagger-ui")) {
            // Swagger UI sets inline styles; it needs no inline script.
            policy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
                + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";
        } else if (path.startsWith("/api/") || path.startsWith("/actuator/")) {
            policy = "default-src 'none'; frame-ancestors 'none'";
        } else {
            policy = "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self'; img-src 'self' data:; "
                + "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";
        }
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        chain.doFilter(request, response);
    }
}
