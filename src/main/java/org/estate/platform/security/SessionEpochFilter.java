package org.estate.platform.security;

import java.io.IOException;
import java.util.OptionalLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.estate.platform.AccountDirectory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a browser session whose user has been disabled, deleted, or had their roles or password
 * changed since signing in: the account's session epoch (in the database, so every node agrees) no
 * longer matches the one recorded at sign-in. The request then goes on as anonymous, so a page
 * redirects to the login form.
 */
final class SessionEpochFilter extends OncePerRequestFilter {

    private final AccountDirectory accounts;

    SessionEpochFilter(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.getPrincipal() instanceof AccountUserDetails user) {
                OptionalLong current = accounts.sessionEpoch(user.getUsername());
                if (current.isEmpty() || current.getAsLong() != user.account().sessionEpoch()) {
                    SecurityContextHolder.clearContext();
                    session.invalidate();
                }
            }
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Static files need no check (and no database read).
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/assets/") || path.startsWith("/webjars/") || path.startsWith("/static/")
            || path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/favicon.ico");
    }
}
