package org.estate.platform.security;

import org.estate.platform.OidcProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/** The OpenID Connect registration exists only when {@code ESTATE_OIDC_ISSUER} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${estate.oidc.issuer:}'.trim() != ''")
class OidcConfiguration {

    @Bean
    ClientRegistrationRepository oidcRegistrations(OidcProperties settings) {
        return new OidcRegistrations(settings);
    }
}
