package org.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;

/** Every endpoint states its role explicitly: a handler method without {@code @PreAuthorize} fails the build. */
class EndpointSecurityTests {

    @Test
    void everyHandlerMethodHasAnExplicitRole() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        List<String> missing = new ArrayList<>();
        int handlers = 0;
        for (var candidate : scanner.findCandidateComponents("org.estate")) {
            Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
            for (Method method : type.getDeclaredMethods()) {
                if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
                    continue;
                }
                handlers++;
                if (!AnnotatedElementUtils.hasAnnotation(method, PreAuthorize.class)
                    && !AnnotatedElementUtils.hasAnnotation(type, PreAuthorize.class)) {
                    missing.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(handlers).isGreaterThan(20);
        assertThat(missing).as("handler methods without @PreAuthorize").isEmpty();
    }
}
