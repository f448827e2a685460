package io.kafkify.consumers.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One handler registered for a topic: for a set of codes, or as the topic's default handler
 * (no codes) that takes every record no code handler claims.
 *
 * <p>A registration carries a description of its handler (the method, or where a lambda was
 * registered) so that errors such as a duplicate registration name both handlers.
 */
public sealed interface HandlerRegistration {

    /** @return the topic, never blank */
    String topic();

    /** @return the codes the handler takes, in registration order; empty for a default handler */
    List<String> codes();

    /** @return a human-readable name of the handler, for errors and logs */
    String description();

    /** @return true when this is the topic's default handler */
    default boolean isDefault() {
        return codes().isEmpty();
    }

    /**
     * A handler that takes the {@link Message} as decoded.
     *
     * @param topic the topic
     * @param codes the codes, empty for the default handler
     * @param handler the handler
     * @param description the handler's name for errors and logs
     */
    record Plain(String topic, List<String> codes, MessageHandler handler, String description)
            implements HandlerRegistration {
        /**
         * Checks and normalizes the components.
         *
         * @param topic see {@link #topic()}
         * @param codes see {@link #codes()}
         * @param handler see {@link #handler()}
         * @param description see {@link #description()}
         */
        public Plain {
            topic = checkTopic(topic);
            codes = checkCodes(codes);
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * A handler that takes the value (or a part of it) bound to a type, and validated, first.
     *
     * @param topic the topic
     * @param codes the codes, empty for the default handler
     * @param payload what the value is bound to: the type, the part, the strictness
     * @param handler the handler
     * @param description the handler's name for errors and logs
     * @param <T> the payload type
     */
    record Typed<T>(String topic, List<String> codes, Payload<T> payload, TypedMessageHandler<T> handler,
                    String description) implements HandlerRegistration {
        /**
         * Checks and normalizes the components.
         *
         * @param topic see {@link #topic()}
         * @param codes see {@link #codes()}
         * @param payload see {@link #payload()}
         * @param handler see {@link #handler()}
         * @param description see {@link #description()}
         */
        public Typed {
            topic = checkTopic(topic);
            codes = checkCodes(codes);
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(description, "description");
        }

        /**
         * A handler that binds the whole value to {@code payloadType}, tolerantly unless the
         * consumer is strict.
         *
         * @param topic the topic
         * @param codes the codes, empty for the default handler
         * @param payloadType the type the value is bound to
         * @param handler the handler
         * @param description the handler's name for errors and logs
         */
        public Typed(String topic, List<String> codes, Class<T> payloadType, TypedMessageHandler<T> handler,
                     String description) {
            this(topic, codes, Payload.of(Objects.requireNonNull(payloadType, "payloadType")), handler, description);
        }

        /** @return the type the value is bound to */
        public Class<T> payloadType() {
            return payload.type();
        }

        /**
         * Adapts this registration to a plain handler that binds the value first.
         *
         * @param binder binds and validates the value
         * @return a handler that throws {@link PayloadException} for a value it cannot bind
         */
        public MessageHandler bindWith(PayloadBinder binder) {
            Objects.requireNonNull(binder, "binder");
            return message -> handler.handle(binder.bind(message, payload), message);
        }
    }

    private static String checkTopic(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new HandlerRegistrationException(
                    "A handler needs a topic, but the topic was " + (topic == null ? "null" : "blank")
                            + ". Pass the name of the topic the handler consumes.");
        }
        return topic;
    }

    private static List<String> checkCodes(Collection<String> codes) {
        Objects.requireNonNull(codes, "codes");
        Set<String> unique = new LinkedHashSet<>();
        for (String code : codes) {
            if (code == null || code.isBlank()) {
                throw new HandlerRegistrationException(
                        "A handler's codes must be non-blank strings, but " + codes + " contains "
                                + (code == null ? "null" : "a blank code")
                                + ". Register the default handler with get(topic, handler) instead.");
            }
            unique.add(code);
        }
        return List.copyOf(unique);
    }
}
