package io.kafkify.consumers.router;

import io.kafkify.consumers.domain.MessageHandler;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one record goes: the handler registered for a topic and a code, or the topic's
 * default handler ({@code code} null).
 *
 * @param topic the topic
 * @param code the code, or null for the default handler
 * @param handler the handler to call
 * @param description the handler's name, for errors and logs
 */
public record Route(String topic, @Nullable String code, MessageHandler handler, String description) {
    /**
     * Checks and normalizes the components.
     *
     * @param topic see {@link #topic()}
     * @param code see {@link #code()}
     * @param handler see {@link #handler()}
     * @param description see {@link #description()}
     */
    public Route {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(description, "description");
    }

    /** @return true when this is the topic's default handler */
    public boolean isDefault() {
        return code == null;
    }
}
