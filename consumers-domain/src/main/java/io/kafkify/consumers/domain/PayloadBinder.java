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
}
