package org.estate.platform.web;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

import org.estate.platform.ValidationException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import tools.jackson.databind.JsonNode;

/**
 * Free-form request bodies (a JSON tree, a map) may not hold text with U+0000 either: PostgreSQL
 * cannot store it, so it would be a 500 there and a difference between the databases. Typed fields
 * are refused while they are read ({@link JsonLimits}); here the tree is walked once after reading,
 * and the first such value is refused with 422 naming its path ({@code attributes.hostname},
 * {@code tags[2]}).
 */
@ControllerAdvice
class NulTextAdvice extends RequestBodyAdviceAdapter {

    private static final int MAX_DEPTH = 200;

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        Class<?> type = parameter.getParameterType();
        return JsonNode.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        String field = find(body, "", 0);
        if (field != null) {
            throw new ValidationException(field.isEmpty() ? "body" : field, JsonLimits.NUL);
        }
        return body;
    }

    /** The path of the first text holding U+0000, or null. */
    private static String find(Object value, String path, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return null;
        }
        if (value instanceof JsonNode node) {
            if (node.isString()) {
                return node.asString().indexOf('\0') >= 0 ? path : null;
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    String found = e.getKey().indexOf('\0') >= 0 ? join(path, "?")
                        : find(e.getValue(), join(path, e.getKey()), depth + 1);
                    if (found != null) {
                        return found;
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String found = find(node.get(i), path + "[" + i + "]", depth + 1);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
        if (value instanceof CharSequence text) {
            return text.toString().indexOf('\0') >= 0 ? path : null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String found = key.indexOf('\0') >= 0 ? join(path, "?") : find(e.getValue(), join(path, key), depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                String found = find(item, path + "[" + i++ + "]", depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String join(String path, String key) {
        String k = key.length() > 100 ? key.substring(0, 100) : key;
        return path.isEmpty() ? k : path + "." + k;
    }
}
