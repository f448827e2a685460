package io.kafkify.consumers.domain;

/**
 * Thrown at registration time when a handler cannot be registered as given: a blank topic,
 * a blank code, or an annotated method whose signature Kafkify cannot call.
 */
public final class HandlerRegistrationException extends KafkifyException {

    private static final long serialVersionUID = 1L;

    /** @param message what was wrong with the registration and how to fix it */
    public HandlerRegistrationException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong with the registration and how to fix it
     * @param cause the underlying failure
     */
    public HandlerRegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
