package io.kafkify.consumers.domain;

import java.util.Objects;

/**
 * What a typed handler binds: the type, the part of the value (the whole value, or the part a
 * JSON pointer names, such as the envelope's {@code /data}), and whether unknown properties are
 * an error. {@code Payload.of(Person.class).at("/data")} binds the {@code data} object of
 * {@code {"code": ..., "data": {...}, "timestamp": ...}} to {@code Person}.
 *
 * <p>By default binding is a tolerant reader: properties the type does not declare are ignored,
 * so that a producer may add a field. {@link #strict()} makes them an error for this handler;
 * the consumer's {@code strictPayloads} setting does so for every handler that does not say
 * {@link #tolerant()}.
 *
 * @param type the type to bind to
 * @param part a JSON pointer (RFC 6901) to the part of the value to bind; empty for the whole value
 * @param strictness whether unknown properties fail the binding
 * @param <T> the type to bind to
 */
public record Payload<T>(Class<T> type, String part, Strictness strictness) {

    /** Whether properties that the type does not declare fail the binding. */
    public enum Strictness {
        /** As the consumer's {@code strictPayloads} setting says (tolerant by default). */
        CONSUMER_DEFAULT,
        /** Unknown properties fail the binding: the record goes to the failure policy. */
        STRICT,
        /** Unknown properties are ignored, whatever the consumer's setting. */
        TOLERANT
    }

    /**
     * Checks the components.
     *
     * @param type see {@link #type()}
     * @param part see {@link #part()}
     * @param strictness see {@link #strictness()}
     */
    public Payload {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(strictness, "strictness");
        if (!part.isEmpty() && !part.startsWith("/")) {
            throw new HandlerRegistrationException("A part of the value is a JSON pointer that starts with '/', such as"
                    + " \"/data\", but was \"" + part + "\". Use \"\" for the whole value.");
        }
    }

    /**
     * @param type the type to bind the whole value to
     * @param <T> the type
     * @return a tolerant binding of the whole value
     */
    public static <T> Payload<T> of(Class<T> type) {
        return new Payload<>(type, "", Strictness.CONSUMER_DEFAULT);
    }

    /**
     * @param pointer a JSON pointer such as {@code /data} or {@code /data/address}
     * @return this binding, of that part of the value
     */
    public Payload<T> at(String pointer) {
        return new Payload<>(type, pointer, strictness);
    }

    /** @return this binding, failing on unknown properties */
    public Payload<T> strict() {
        return new Payload<>(type, part, Strictness.STRICT);
    }

    /** @return this binding, ignoring unknown properties whatever the consumer's setting */
    public Payload<T> tolerant() {
        return new Payload<>(type, part, Strictness.TOLERANT);
    }

    /** @return true when the whole value is bound */
    public boolean isWholeValue() {
        return part.isEmpty();
    }

    /** @return {@code Type} or {@code Type at /data}, for errors */
    public String describe() {
        return type.getSimpleName() + (part.isEmpty() ? "" : " at " + part);
    }
}
