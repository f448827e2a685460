package io.kafkify.consumers.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.PayloadBinder;
import io.kafkify.consumers.domain.PayloadException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds a decoded JSON value to a typed handler's payload type with Jackson, then validates it
 * with Bean Validation (Hibernate Validator) when the type carries constraints.
 *
 * <p>A failure is a {@link PayloadException} with a readable reason: what was expected, what
 * was found, or every violated constraint as {@code property: message}, sorted. Retrying
 * cannot fix a payload, so the failure policy takes it at once.
 *
 * <p>Threading: thread-safe; share one instance (and so one {@link ObjectMapper}).
 */
public final class JacksonPayloadBinder implements PayloadBinder {

    private final ObjectMapper mapper;
    private final Validator validator;

    /** Binds with a default {@link ObjectMapper} and Kafkify's validator. */
    public JacksonPayloadBinder() {
        this(new ObjectMapper());
    }

    /** @param mapper the mapper to bind with: configure it for the application's types */
    public JacksonPayloadBinder(ObjectMapper mapper) {
        this(mapper, BeanValidation.validator());
    }

    /**
     * @param mapper the mapper to bind with
     * @param validator the validator to check constraints with
     */
    public JacksonPayloadBinder(ObjectMapper mapper, Validator validator) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    @Override
    public <T> T bind(Message message, Class<T> type) {
        Object value = message.value();
        if (type.isInstance(value)) {
            return validate(type.cast(value), type);
        }
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            throw new PayloadException("Expected a JSON value to bind to " + type.getSimpleName() + ", found "
                    + describe(value) + " at " + message.coordinates());
        }
        T payload;
        try {
            payload = mapper.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new PayloadException("Cannot bind the value at " + message.coordinates() + " to "
                    + type.getSimpleName() + ": " + firstLine(e), e);
        }
        if (payload == null) {
            throw new PayloadException("Binding the value at " + message.coordinates() + " to "
                    + type.getSimpleName() + " gave null");
        }
        return validate(payload, type);
    }

    private <T> T validate(T payload, Class<T> type) {
        if (!validator.getConstraintsForClass(type).isBeanConstrained()) {
            return payload;
        }
        Set<ConstraintViolation<T>> violations = validator.validate(payload);
        if (violations.isEmpty()) {
            return payload;
        }
        String reasons = violations.stream()
                .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        throw new PayloadException(type.getSimpleName() + " is invalid: " + reasons);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "no value (null or empty)";
        }
        if (value instanceof byte[] bytes) {
            return bytes.length + " bytes that are not UTF-8 text";
        }
        if (value instanceof String) {
            return "text that is not JSON";
        }
        return "a JSON " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstLine(Exception e) {
        String text = String.valueOf(e.getMessage());
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
