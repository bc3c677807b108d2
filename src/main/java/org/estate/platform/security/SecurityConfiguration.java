package org.estate.platform.security;

import java.time.Clock;
import java.util.Map;

import org.estate.platform.AccountDirectory;
import org.estate.platform.DatabaseUnavailable;
import org.estate.platform.FeedPaths;
import org.estate.platform.FeedTokenDirectory;
import org.estate.platform.OidcSignIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.estate.platform.web.ContentSecurityPolicyFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. The API ({@code /api/**}, {@code /actuator/**}) is stateless: HTTP Basic or a
 * Bearer API token on every call, never the browser's session cookie, so it needs no CSRF token.
 * Pages use a session cookie from the login form, with CSRF protection on every form.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * GOV.UK Notify's delivery receipts: Notify sends its own bearer token (the callback token), which
     * the notify module checks itself, so this one path is open and skipped by the API token filter.
     * The API chain has no CSRF protection to exempt it from (it never reads the session cookie).
     */
    static final String NOTIFY_CALLBACKS = "/api/v1/notify/callbacks";

    /**
     * bcrypt, in the {id}-prefixed form so that the algorithm can change without a migration; its cost
     * is {@code estate.security.bcrypt-strength} (default 10: about 70 ms a check on a small server;
     * 4–31, each step doubles it). A stored hash keeps the cost it was made with.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${estate.security.bcrypt-strength:10}") int strength) {
        if (strength < 4 || strength > 31) {
            throw new IllegalStateException("estate.security.bcrypt-strength must be 4 to 31, not " + strength);
        }
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(strength)));
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("""
            ROLE_ADMIN > ROLE_MANAGER
            ROLE_MANAGER > ROLE_ENGINEER
            ROLE_ENGINEER > ROLE_VIEWER
            """);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AccountDirectory accounts, JsonMapper json, Clock clock,
                                 ObjectProvider<FeedPaths> feeds, ObjectProvider<FeedTokenDirectory> feedTokens) throws Exception {
        ProblemResponses problems = new ProblemResponses(json, clock);
        http.securityMatcher("/api/**", "/actuator/**")
            .csrf(csrf -> csrf.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .httpBasic(basic -> basic.authenticationEntryPoint(problems))
            .addFilterBefore(new BearerTokenFilter(accounts, problems, NOTIFY_CALLBACKS), BasicAuthenticationFilter.class)
            // Feed paths take a feed token and nothing else; other paths never look at one (FeedTokenFilter).
            .addFilterBefore(new FeedTokenFilter(feeds, feedTokens, problems), BasicAuthenticationFilter.class)
            .addFilterAfter(new ContentSecurityPolicyFilter(), HeaderWriterFilter.class)
            .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .headers(h -> h.frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/api/openapi.json", "/api/openapi.json/**", "/api/docs", "/api/docs/**", "/api/swagger-ui/**").permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                // Heartbeat checks' ping URLs: called by cron and backup jobs; the secret token in the path is the credential.
                .requestMatchers("/api/v1/heartbeats/*", "/api/v1/heartbeats/*/fail").permitAll()
                .requestMatchers(HttpMethod.POST, NOTIFY_CALLBACKS).permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasRole("VIEWER")
                // Anything else under /api or /actuator: sign in first, then 404 if there is no such
                // resource. An anonymous caller gets 401 for every path, known or not, so that the
                // answer does not tell a stranger which paths exist.
                .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http, AccountDirectory accounts, ObjectProvider<ClientRegistrationRepository> oidc,
                                  OidcSignIn oidcAccounts) throws Exception {
        ClientRegistrationRepository registrations = oidc.getIfAvailable();
        if (registrations != null) {
            OidcLogin.configure(http, registrations, oidcAccounts);
        }
        http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll()
                .failureHandler((request, response, e) -> {
                    if (DatabaseUnavailable.isCauseOf(e)) {
                        throw e; // not "wrong password": the 503 page (DatabaseUnavailableFilter)
                    }
                    response.sendRedirect(request.getContextPath()
                        + (e instanceof SignInThrottledException ? "/login?throttled" : "/login?error"));
                }))
            .addFilterAfter(new SessionEpochFilter(accounts), CsrfFilter.class)
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
            .addFilterAfter(new ContentSecurityPolicyFilter(), HeaderWriterFilter.class)
            .headers(h -> h.frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/assets/**", "/webjars/**", "/static/**", "/css/**", "/js/**", "/favicon.ico", "/error", "/login").permitAll()
                // A page's acknowledge link: the one-time token in the path is the credential (AckLinks).
                .requestMatchers("/ack/*").permitAll()
                .anyRequest().authenticated());
        return http.build();
    }
}
