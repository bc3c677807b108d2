package org.estate.platform.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.estate.platform.Account;
import org.estate.platform.FeedPaths;
import org.estate.platform.FeedTokenDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Feed paths ({@link FeedPaths}) are read with {@code ?feed=<token>} and nothing else: a GET with a
 * valid feed token of an enabled user is let in as that user, with the {@link FeedPaths#FEED_AUTHORITY}
 * authority besides their roles; anything else on a feed path is 401 at once (no password, no API
 * token, no other method). Off the feed paths this filter does nothing, so a feed token opens nothing
 * there (the request stays anonymous and is refused 401).
 */
final class FeedTokenFilter extends OncePerRequestFilter {

    private final ObjectProvider<FeedPaths> feeds;
    private final ObjectProvider<FeedTokenDirectory> tokens;
    private final ProblemResponses problems;
    private volatile List<PathPattern> paths;

    FeedTokenFilter(ObjectProvider<FeedPaths> feeds, ObjectProvider<FeedTokenDirectory> tokens, ProblemResponses problems) {
        this.feeds = feeds;
        this.tokens = tokens;
        this.problems = problems;
    }

    private List<PathPattern> paths() {
        List<PathPattern> p = paths;
        if (p == null) {
            p = feeds.orderedStream().flatMap(f -> f.feeds().stream()).map(FeedPaths.Feed::path).distinct()
                .map(PathPatternParser.defaultInstance::parse).toList();
            paths = p;
        }
        return p;
    }

    private boolean feedPath(String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (PathPattern p : paths()) {
            if (p.matches(container)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!feedPath(path)) {
            chain.doFilter(request, response);
            return;
        }
        String[] given = request.getParameterValues("feed");
        Optional<Account> account = Optional.empty();
        boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        FeedTokenDirectory directory = tokens.getIfAvailable();
        if (reading && given != null && given.length == 1 && directory != null) {
            account = directory.findByFeedToken(given[0].strip()).filter(Account::enabled);
        }
        if (account.isEmpty()) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED,
                "This feed is read with ?feed=<feed token>: the feed token is missing, unknown or revoked");
            return;
        }
        AccountUserDetails user = new AccountUserDetails(account.get());
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(new SimpleGrantedAuthority(FeedPaths.FEED_AUTHORITY));
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        authentication.setDetails("feed token");
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
