package io.kafkify.consumers.domain;

/**
 * Binds a message's value to the type a typed handler asked for, and validates it. The port
 * behind {@code get(topic, codes, PersonCreated.class, (event, message) -> ...)}.
 *
 * <p>Threading: called on handler threads; implementations must be thread-safe.
 */
@FunctionalInterface
public interface PayloadBinder {

    /**
     * @param message the message whose value to bind
     * @param type the target type
     * @param <T> the target type
     * @return the bound, valid payload, never null
     * @throws PayloadException when the value cannot be bound or violates the type's
     *     constraints; the message says why, field by field
     */
    <T> T bind(Message message, Class<T> type);

    /**
     * Binds a part of the value, or binds with a strictness of its own. The default handles a
     * whole value at the consumer's strictness, with {@link #bind(Message, Class)}; a binder
     * that knows the value's format (the JSON binder) handles the rest.
     *
     * @param message the message whose value to bind
     * @param payload what to bind
     * @param <T> the target type
     * @return the bound, valid payload, never null
     * @throws PayloadException when the value or its part cannot be bound or is invalid
     */
    default <T> T bind(Message message, Payload<T> payload) {
        if (payload.isWholeValue() && payload.strictness() == Payload.Strictness.CONSUMER_DEFAULT) {
            return bind(message, payload.type());
        }
        throw new PayloadException("This consumer's payload binder cannot bind " + payload.describe()
                + " (strictness " + payload.strictness() + "): bind the whole value, or use the JSON binder");
    }
}
