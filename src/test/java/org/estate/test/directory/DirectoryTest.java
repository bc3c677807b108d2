package org.estate.test.directory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.estate.test.ApiClient;
import org.estate.test.TestClock;
import org.estate.test.TestDatabaseInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * Like {@link org.estate.test.EstateTest}, with sign-in through the council's directory switched on:
 * LDAP and OpenID Connect both, against the real servers of {@link DirectoryServers}. Every directory
 * test shares this one context (and the database of the other tests).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "estate.security.admin-password=" + ApiClient.ADMIN_PASSWORD,
    "estate.data-dir=target/test-data/${estate.test.fork:0}",
    "logging.level.org.estate=INFO",
    "estate.servicedesk.clock-job=false",
    "estate.smtp.dispatcher=false",
    "spring.autoconfigure.exclude="
        + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
        + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration"
})
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, DirectoryServers.class})
@Import(TestClock.Configuration.class)
public @interface DirectoryTest {
}
