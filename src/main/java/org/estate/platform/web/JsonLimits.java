package org.estate.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import org.estate.platform.Bounds;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Limits on JSON read by Estate, so that no request body can burn CPU or memory: nesting at most
 * {@value #MAX_NESTING_DEPTH} deep, numbers at most {@value #MAX_NUMBER_LENGTH} characters, strings
 * at most {@value #MAX_STRING_LENGTH} characters, property names at most {@value #MAX_NAME_LENGTH}
 * (the body itself is at most 1 MB: {@link RequestBodyLimitFilter}); and every date or instant in a
 * body within {@link Bounds} (years 0001 to 9999), and no text holding U+0000, refused with 422
 * naming the field otherwise.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimits {

    static final int MAX_NESTING_DEPTH = 100;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_STRING_LENGTH = 1_000_000;
    static final int MAX_NAME_LENGTH = 1_000;

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    JsonFactoryBuilderCustomizer estateReadConstraints() {
        return builder -> builder.streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .build());
    }

    @Bean
    JacksonModule boundedDates() {
        SimpleModule module = new SimpleModule("estate-bounded-dates");
        module.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                                                           ValueDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (type == String.class) {
                    return new NoNul(deserializer);
                }
                boolean temporal = type == Instant.class || type == LocalDate.class || type == OffsetDateTime.class
                    || type == ZonedDateTime.class || type == LocalDateTime.class;
                return temporal ? new Bounded(deserializer) : deserializer;
            }
        });
        return module;
    }

    static final String NUL = "Text may not contain the NUL character (U+0000)";

    private static final class NoNul extends DelegatingDeserializer {

        NoNul(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new NoNul(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            Object value = _delegatee.deserialize(p, ctxt);
            if (value instanceof String s && s.indexOf('\0') >= 0) {
                throw new Refused(p, NUL, s, String.class);
            }
            return value;
        }
    }

    /** A date or time deserializer that refuses values outside years 0001 to 9999. */
    private static final class Bounded extends DelegatingDeserializer {

        Bounded(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Bounded(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            Object value = _delegatee.deserialize(p, ctxt);
            boolean within = switch (value) {
                case Instant i -> Bounds.within(i);
                case LocalDate d -> Bounds.within(d);
                case OffsetDateTime o -> Bounds.within(o.toInstant());
                case ZonedDateTime z -> Bounds.within(z.toInstant());
                case LocalDateTime l -> Bounds.within(l.toLocalDate());
                case null, default -> true;
            };
            if (!within) {
                throw new Refused(p, "must be " + Bounds.RANGE, String.valueOf(value), value.getClass());
            }
            return value;
        }
    }

    /**
     * A value that is well-formed JSON but one Estate does not store: a date or time outside the
     * years it keeps, or text holding U+0000. The request was read and its value refused, so it is
     * answered 422 naming the field (not 400).
     */
    static final class Refused extends tools.jackson.databind.exc.InvalidFormatException {

        private final String reason;

        Refused(JsonParser p, String reason, String value, Class<?> type) {
            super(p, reason, value, type);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }
}
