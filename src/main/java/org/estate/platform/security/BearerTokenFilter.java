package org.estate.platform.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.estate.platform.ApiTokenUse;
import org.estate.platform.AccountDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} against the stored token hashes. A token that
 * is unknown, expired or revoked is answered 401 at once rather than passed on as anonymous.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private final AccountDirectory accounts;
    private final ProblemResponses problems;
    private final String skipped;

    /** @param skipped the one path whose bearer token is not an API token (GOV.UK Notify's callbacks), left to its handler */
    BearerTokenFilter(AccountDirectory accounts, ProblemResponses problems, String skipped) {
        this.accounts = accounts;
        this.problems = problems;
        this.skipped = skipped;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return skipped.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(7).trim();
        Optional<ApiTokenUse> use = token.isEmpty() ? Optional.empty() : accounts.findByApiToken(token);
        if (use.isEmpty() || !use.get().account().enabled()) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "The API token is unknown, revoked or expired");
            return;
        }
        AccountUserDetails user = new AccountUserDetails(use.get().account());
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        authentication.setDetails(use.get().token()); // the audit log names the token as well as its owner
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
