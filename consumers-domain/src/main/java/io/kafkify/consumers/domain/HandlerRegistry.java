package io.kafkify.consumers.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where handlers are registered: a consumer, or a router that gathers handlers to register on
 * a consumer later. The {@code get} overloads keep the documented library's names; they all
 * end in {@link #register(HandlerRegistration)}.
 *
 * <p>Threading: register from one thread, before the consumer starts.
 */
public interface HandlerRegistry {

    /**
     * Registers a handler. Every {@code get} overload ends here.
     *
     * @param registration the handler and the topic and codes it takes
     * @throws DuplicateHandlerException when the topic already has a handler for one of the
     *     codes (or already has a default handler), naming both handlers
     * @throws ConsumerStateException when this is a consumer that has already started
     */
    void register(HandlerRegistration registration);

    /**
     * Registers the default handler of a topic: it takes every record of the topic that no
     * code handler claims.
     *
     * @param topic the topic
     * @param handler the handler
     */
    default void get(String topic, MessageHandler handler) {
        register(new HandlerRegistration.Plain(topic, List.of(), handler, HandlerNames.describe(handler)));
    }

    /**
     * Registers a handler for one code of a topic; the same as {@code get(topic, List.of(code), handler)}.
     *
     * @param topic the topic
     * @param code the value of the {@code code} field the handler takes
     * @param handler the handler
     */
    default void get(String topic, String code, MessageHandler handler) {
        register(new HandlerRegistration.Plain(topic, List.of(code), handler, HandlerNames.describe(handler)));
    }

    /**
     * Registers a handler for some codes of a topic.
     *
     * @param topic the topic
     * @param codes the values of the {@code code} field the handler takes; not empty
     * @param handler the handler
     */
    default void get(String topic, Collection<String> codes, MessageHandler handler) {
        register(new HandlerRegistration.Plain(topic, requireCodes(codes), handler, HandlerNames.describe(handler)));
    }

    /**
     * Registers the typed default handler of a topic: the value is bound to {@code type} and
     * validated before the handler runs.
     *
     * @param topic the topic
     * @param type the payload type
     * @param handler the handler
     * @param <T> the payload type
     */
    default <T> void get(String topic, Class<T> type, TypedMessageHandler<T> handler) {
        register(new HandlerRegistration.Typed<>(topic, List.of(), type, handler, HandlerNames.describe(handler)));
    }

    /**
     * Registers a typed handler for one code of a topic.
     *
     * @param topic the topic
     * @param code the code the handler takes
     * @param type the payload type
     * @param handler the handler
     * @param <T> the payload type
     */
    default <T> void get(String topic, String code, Class<T> type, TypedMessageHandler<T> handler) {
        register(new HandlerRegistration.Typed<>(topic, List.of(code), type, handler, HandlerNames.describe(handler)));
    }

    /**
     * Registers a typed handler for some codes of a topic: the value is bound to {@code type}
     * and validated before the handler runs; a value that cannot be bound is dead-lettered
     * with the reason and never reaches the handler.
     *
     * @param topic the topic
     * @param codes the codes the handler takes; not empty
     * @param type the payload type
     * @param handler the handler
     * @param <T> the payload type
     */
    default <T> void get(String topic, Collection<String> codes, Class<T> type, TypedMessageHandler<T> handler) {
        register(new HandlerRegistration.Typed<>(topic, requireCodes(codes), type, handler,
                HandlerNames.describe(handler)));
    }

    /**
     * Registers the typed default handler of a topic that binds what {@code payload} says: a
     * part of the value (such as {@code Payload.of(Person.class).at("/data")}), strictly or
     * tolerantly.
     *
     * @param topic the topic
     * @param payload the type, the part of the value and the strictness
     * @param handler the handler
     * @param <T> the payload type
     */
    default <T> void get(String topic, Payload<T> payload, TypedMessageHandler<T> handler) {
        register(new HandlerRegistration.Typed<>(topic, List.of(), payload, handler, HandlerNames.describe(handler)));
    }

    /**
     * Registers a typed handler for some codes of a topic that binds what {@code payload} says,
     * e.g. {@code get("people-events", List.of("PERSON_CREATED"), Payload.of(Person.class).at("/data"), ...)}.
     * The part is validated as the type's constraints say; a violation names its path in the
     * value ({@code data.email}).
     *
     * @param topic the topic
     * @param codes the codes the handler takes; not empty
     * @param payload the type, the part of the value and the strictness
     * @param handler the handler
     * @param <T> the payload type
     */
    default <T> void get(String topic, Collection<String> codes, Payload<T> payload, TypedMessageHandler<T> handler) {
        register(new HandlerRegistration.Typed<>(topic, requireCodes(codes), payload, handler,
                HandlerNames.describe(handler)));
    }

    /**
     * @param codes codes given to a {@code get} overload
     * @return the same codes as a list
     * @throws HandlerRegistrationException when there are none: a handler for no code is the
     *     default handler, registered without codes
     */
    private static List<String> requireCodes(Collection<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw new HandlerRegistrationException(
                    "A code handler needs at least one code, but " + (codes == null ? "null" : "none")
                            + " was given. Register the topic's default handler with get(topic, handler) instead.");
        }
        return new ArrayList<>(codes);
    }
}
