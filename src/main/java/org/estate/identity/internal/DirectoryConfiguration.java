package org.estate.identity.internal;

import org.estate.platform.DirectorySignIn;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Directory sign-in exists only when {@code ESTATE_LDAP_URL} is set; without it nothing here is made. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${estate.ldap.url:}'.trim() != ''")
class DirectoryConfiguration {

    @Bean
    DirectorySignIn ldapSignIn(LdapProperties settings, DirectoryUsers users) {
        return new LdapSignIn(settings, users);
    }
}
