package io.kafkify.consumers.domain;

/**
 * Thrown at registration time when a topic already has a handler for a code, or already has
 * a default handler. The message names both handlers so that the clash can be found.
 */
public final class DuplicateHandlerException extends KafkifyException {

    private static final long serialVersionUID = 1L;

    /** @param message names the topic, the code and both handlers */
    public DuplicateHandlerException(String message) {
        super(message);
    }
}
