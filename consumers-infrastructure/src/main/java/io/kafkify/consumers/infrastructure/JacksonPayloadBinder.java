package io.kafkify.consumers.infrastructure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.kafkify.consumers.domain.LazyValue;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.Payload;
import io.kafkify.consumers.domain.PayloadBinder;
import io.kafkify.consumers.domain.PayloadException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Binds a JSON value, or the part of it a JSON pointer names, to a typed handler's payload type
 * with Jackson, then validates it with Bean Validation (Hibernate Validator) when the type
 * carries constraints.
 *
 * <p>A tolerant reader: properties the type does not declare are ignored unless the binding is
 * strict (the consumer's {@code strictPayloads}, or {@link Payload#strict()}). When the message
 * comes from {@link JsonValueDecoder}'s lazy decoding, it binds from the record's bytes, without
 * building the value as a {@code Map} first.
 *
 * <p>A failure is a {@link PayloadException} with a readable reason: what was expected, what
 * was found, where in the value, or every violated constraint as {@code path: message}, sorted,
 * the path counted from the record's value ({@code data.email}, also when only {@code /data} is
 * bound). Retrying cannot fix a payload, so the failure policy takes it at once.
 *
 * <p>Threading: thread-safe; share one instance (and so one {@link ObjectMapper}).
 */
public final class JacksonPayloadBinder implements PayloadBinder {

    /** Types a decoded value may already be: binding to them takes the value as decoded. */
    private static final List<Class<?>> DECODED_TYPES = List.of(LinkedHashMap.class, ArrayList.class, String.class,
            byte[].class, Integer.class, Long.class, BigInteger.class, Double.class, BigDecimal.class, Boolean.class);

    private final ObjectMapper mapper;
    private final Validator validator;
    private final boolean strictByDefault;
    /** Readers by type, part and strictness: building one per record cost more than the binding. */
    private final Map<Payload<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Class<?>, Boolean> constrained = new ConcurrentHashMap<>();
    private final Map<String, JsonPointer> pointers = new ConcurrentHashMap<>();

    /** Binds tolerantly with Kafkify's default mapper and validator. */
    public JacksonPayloadBinder() {
        this(JsonDefaults.objectMapper());
    }

    /** @param mapper the mapper to bind with: configure it for the application's types */
    public JacksonPayloadBinder(ObjectMapper mapper) {
        this(mapper, BeanValidation.validator(), false);
    }

    /**
     * @param mapper the mapper to bind with; a copy is used, with {@code java.time} added if missing
     * @param validator the validator to check constraints with
     * @param strictByDefault whether unknown properties fail a binding that does not choose for itself
     */
    public JacksonPayloadBinder(ObjectMapper mapper, Validator validator, boolean strictByDefault) {
        this.mapper = JsonDefaults.withJavaTime(mapper);
        this.validator = Objects.requireNonNull(validator, "validator");
        this.strictByDefault = strictByDefault;
    }

    @Override
    public <T> T bind(Message message, Class<T> type) {
        return bind(message, Payload.of(type));
    }

    @Override
    public <T> T bind(Message message, Payload<T> payload) {
        Class<T> type = payload.type();
        Object bound;
        JsonDocument document = message.lazyValue().map(JacksonPayloadBinder::document).orElse(null);
        if (document != null && !isDecodedType(type)) {
            bound = fromBytes(message, document, payload);
        } else {
            Object value = message.value();
            if (payload.isWholeValue() && type.isInstance(value)) {
                return validate(type.cast(value), payload);
            }
            bound = fromValue(message, value, payload);
        }
        if (bound == null) {
            throw new PayloadException("Binding " + where(payload, message) + " to " + type.getSimpleName()
                    + " gave null: the value there is JSON null");
        }
        return validate(type.cast(bound), payload);
    }

    private <T> @Nullable Object fromBytes(Message message, JsonDocument document, Payload<T> payload) {
        if (document.kind() != JsonDocument.Kind.JSON) {
            throw notJson(message, payload, describe(document.kind()));
        }
        byte[] data = Objects.requireNonNull(document.data(), "data");
        ObjectReader reader = readers.computeIfAbsent(payload, this::reader);
        if (payload.isWholeValue()) {
            try {
                return reader.readValue(data);
            } catch (IOException e) {
                throw cannotBind(message, payload, e);
            }
        }
        try (JsonParser parser = reader.createParser(data)) {
            if (!JsonPointerCursor.moveTo(parser, pointers.computeIfAbsent(payload.part(), JsonPointer::compile))) {
                throw noPart(message, payload);
            }
            return reader.readValue(parser);
        } catch (IOException e) {
            throw cannotBind(message, payload, e);
        }
    }

    private <T> @Nullable Object fromValue(Message message, @Nullable Object value, Payload<T> payload) {
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            throw notJson(message, payload, describe(value));
        }
        JsonNode node = mapper.valueToTree(value);
        if (!payload.isWholeValue()) {
            node = node.at(JsonPointer.compile(payload.part()));
            if (node.isMissingNode()) {
                throw noPart(message, payload);
            }
        }
        try {
            return readers.computeIfAbsent(payload, this::reader).readValue(node);
        } catch (IOException | IllegalArgumentException e) {
            throw cannotBind(message, payload, e);
        }
    }

    private ObjectReader reader(Payload<?> payload) {
        boolean strict = switch (payload.strictness()) {
            case STRICT -> true;
            case TOLERANT -> false;
            case CONSUMER_DEFAULT -> strictByDefault;
        };
        ObjectReader reader = mapper.readerFor(payload.type());
        return strict ? reader.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                : reader.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private <T> T validate(T payload, Payload<T> binding) {
        if (!constrained.computeIfAbsent(binding.type(),
                type -> validator.getConstraintsForClass(type).isBeanConstrained())) {
            return payload;
        }
        Set<ConstraintViolation<T>> violations = validator.validate(payload);
        if (violations.isEmpty()) {
            return payload;
        }
        String prefix = JsonPaths.prefixOf(binding.part());
        String reasons = violations.stream()
                .map(violation -> prefix + violation.getPropertyPath() + ": " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        throw new PayloadException(binding.describe() + " is invalid: " + reasons);
    }

    private static @Nullable JsonDocument document(LazyValue value) {
        return value instanceof JsonDocument document ? document : null;
    }

    private static boolean isDecodedType(Class<?> type) {
        for (Class<?> decoded : DECODED_TYPES) {
            if (type.isAssignableFrom(decoded)) {
                return true;
            }
        }
        return false;
    }

    private static PayloadException notJson(Message message, Payload<?> payload, String found) {
        return new PayloadException("Expected a JSON value to bind to " + payload.describe() + ", found " + found
                + " at " + message.coordinates());
    }

    private static PayloadException noPart(Message message, Payload<?> payload) {
        return new PayloadException("Cannot bind " + payload.describe() + ": the value at " + message.coordinates()
                + " has nothing at " + payload.part());
    }

    private static PayloadException cannotBind(Message message, Payload<?> payload, Exception e) {
        String path = e instanceof JsonMappingException mapping ? JsonPaths.of(payload.part(), mapping) : "";
        String what = e instanceof UnrecognizedPropertyException unknown
                ? "unknown property \"" + unknown.getPropertyName() + "\" (strict binding)"
                : firstLine(e instanceof JsonMappingException mapping ? mapping.getOriginalMessage() : e.getMessage());
        return new PayloadException("Cannot bind " + where(payload, message) + " to " + payload.type().getSimpleName()
                + (path.isEmpty() ? "" : ", at " + path) + ": " + what, e);
    }

    private static String where(Payload<?> payload, Message message) {
        return (payload.isWholeValue() ? "the value" : payload.part() + " of the value") + " at " + message.coordinates();
    }

    private static String describe(JsonDocument.Kind kind) {
        return switch (kind) {
            case ABSENT -> "no value (null or empty)";
            case TEXT -> "text that is not JSON";
            case BYTES -> "bytes that are not UTF-8 text";
            case JSON -> "JSON";
        };
    }

    private static String describe(@Nullable Object value) {
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

    private static String firstLine(@Nullable String text) {
        String line = String.valueOf(text);
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }
}
