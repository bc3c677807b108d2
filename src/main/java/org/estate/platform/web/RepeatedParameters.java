package org.estate.platform.web;

import java.util.Collection;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.estate.platform.BadRequestException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Repeated query parameters, one rule for every list of the API and the pages: a parameter bound
 * to a list ({@code List<String> status}, see {@link org.estate.platform.FilterValues}) takes each
 * value ({@code status=live&status=retired} means either); any other parameter given twice is 400
 * naming it, rather than Spring's silent "live,retired" joined into one value.
 */
@Configuration(proxyBeanMethods = false)
class RepeatedParameters implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"GET".equals(request.getMethod()) || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        for (MethodParameter p : method.getMethodParameters()) {
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (param == null || Collection.class.isAssignableFrom(p.getParameterType()) || p.getParameterType().isArray()) {
                continue;
            }
            String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : p.getParameterName();
            String[] values = name == null ? null : request.getParameterValues(name);
            if (values != null && values.length > 1) {
                throw new BadRequestException(name, name + " can be given only once");
            }
        }
        return true;
    }
}
