package org.estate.platform.security;

import org.estate.platform.OidcProperties;
import org.estate.platform.OidcSignIn;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Sign-in with an OpenID Connect provider on the page chain: the authorisation code flow with PKCE
 * (for a confidential client too), started at {@code /oauth2/authorization/oidc}, answered at
 * {@code /login/oauth2/code/oidc}. Once the provider has signed the person in, the Estate user made from
 * the claims becomes the session's principal, as if signed in on the login form, so that everything
 * that follows (session epoch, roles) is the same.
 */
final class OidcLogin {

    private OidcLogin() {
    }

    static void configure(HttpSecurity http, ClientRegistrationRepository registrations, OidcSignIn accounts) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations,
            "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcUserService provider = new OidcUserService();
        HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        SavedRequestAwareAuthenticationSuccessHandler then = new SavedRequestAwareAuthenticationSuccessHandler();
        then.setDefaultTargetUrl("/");
        http.oauth2Login(o -> o.loginPage("/login")
            // The provider unreachable (discovery failed): back to the login form with a message, not a 500.
            .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                @Override
                public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                    filter.setAuthenticationFailureHandler((request, response, e) ->
                        response.sendRedirect(request.getContextPath() + "/login?unavailable"));
                    return filter;
                }
            })
            .clientRegistrationRepository(registrations)
            .authorizationEndpoint(a -> a.authorizationRequestResolver(resolver))
            .userInfoEndpoint(u -> u.oidcUserService(request -> {
                var user = provider.loadUser(request);
                return accounts.signIn(user.getClaims()).map(account -> new AccountOidcUser(account, user))
                    .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error("access_denied",
                        "No Estate access for this account", null)));
            }))
            .successHandler((request, response, authentication) -> {
                if (authentication.getPrincipal() instanceof AccountOidcUser user) {
                    AccountUserDetails details = new AccountUserDetails(user.account());
                    UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(details, null,
                        details.getAuthorities());
                    signedIn.setDetails(new WebAuthenticationDetails(request));
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(signedIn);
                    SecurityContextHolder.setContext(context);
                    sessions.saveContext(context, request, response);
                }
                then.onAuthenticationSuccess(request, response, authentication);
            })
            .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath() + "/login?refused")));
    }

    /** The registration id, for the login page's button. */
    static String startPath() {
        return "/oauth2/authorization/" + OidcProperties.REGISTRATION_ID;
    }
}
