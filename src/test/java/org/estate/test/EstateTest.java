package org.estate.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test against the whole application on a random port, through real HTTP, on the database
 * chosen by {@code estate.test.db}. All such tests share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "estate.security.admin-password=" + ApiClient.ADMIN_PASSWORD,
    // The cheapest bcrypt: the suite signs in and creates users thousands of times (production: 10).
    "estate.security.bcrypt-strength=4",
    "estate.data-dir=target/test-data/${estate.test.fork:0}",
    "logging.level.org.estate=INFO",
    // Tests run the clock job themselves (SlaClockJob.runOnce) when they need it, with the test clock.
    "estate.servicedesk.clock-job=false",
    // ... and dispatch email themselves (MailDispatcher.dispatchDue), so nothing is mid-send behind their back.
    "estate.smtp.dispatcher=false",
    // ... and read the bounce mailbox themselves (BounceReader.readBounces).
    "estate.bounces.reader=false",
    // ... and move pages up their escalation themselves (PageEscalationJob.runOnce).
    "estate.oncall.escalation-job=false",
    // ... and run checks themselves (CheckScheduler.runDue, Housekeeping.runOnce), so nothing probes behind their back.
    "estate.monitoring.scheduler.enabled=false",
    // ... and run the root-cause correlator themselves (Correlator.reconcile), with maintenance asked afresh each time.
    "estate.monitoring.correlation.timer=false",
    "estate.monitoring.maintenance-cache=0s",
    // The OpenID provider of the directory tests (test scope) is an application of its own, never part of Estate.
    "spring.autoconfigure.exclude="
        + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
        + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration"
})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@org.springframework.context.annotation.Import(TestClock.Configuration.class)
public @interface EstateTest {
}
