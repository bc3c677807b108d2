package org.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every endpoint states its role explicitly: a handler method (API or page, declared or inherited)
 * without {@code @PreAuthorize} fails the build, and only the sign-in page and the stylesheet may be
 * open to everyone. {@code PageRoleParityTests} checks that each page action's rule matches its API's.
 */
class EndpointSecurityTests {

    private static final Set<String> OPEN = Set.of("LoginController.login", "GovukAssets.stylesheet",
        // The error page answers whoever met the error, signed in or not: it shows no data.
        "EstateErrorController.error",
        // Heartbeat checks' ping URLs, called by cron without signing in: the secret token in the path is the credential.
        "HeartbeatApiController.ping", "HeartbeatApiController.post", "HeartbeatApiController.fail", "HeartbeatApiController.postFail",
        // GOV.UK Notify's delivery receipts: its callback token, checked by the handler, is the credential.
        "NotifyCallbackController.callback",
        // A page's acknowledge link, opened from an email or SMS without signing in: its one-time token is the credential.
        "AckPageController.confirm", "AckPageController.acknowledge");

    @Test
    void everyHandlerMethodHasAnExplicitRole() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        List<String> missing = new ArrayList<>();
        List<String> open = new ArrayList<>();
        int handlers = 0;
        for (var candidate : scanner.findCandidateComponents("org.estate")) {
            Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
            // Inherited handlers too (the ticket endpoints of incidents and requests live in a base class).
            for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
                if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
                    continue;
                }
                handlers++;
                PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
                if (rule == null) {
                    rule = AnnotatedElementUtils.findMergedAnnotation(type, PreAuthorize.class);
                }
                String name = type.getSimpleName() + "." + method.getName();
                if (rule == null) {
                    missing.add(name);
                } else if (rule.value().contains("permitAll") && !OPEN.contains(name)) {
                    open.add(name);
                }
            }
        }
        assertThat(handlers).isGreaterThan(20);
        assertThat(missing).as("handler methods without @PreAuthorize").isEmpty();
        assertThat(open).as("handler methods open to everyone").isEmpty();
    }
}
