package io.kafkify.consumers.domain;

/**
 * Thrown when a consumer is asked to do something its lifecycle state does not allow, such as
 * {@code listen()} before {@code start()}, or when it failed for good (for example, an
 * authorization failure) and {@code listen()} ends.
 */
public final class ConsumerStateException extends KafkifyException {

    private static final long serialVersionUID = 1L;

    /** @param message what was called, in which state, and what to do instead */
    public ConsumerStateException(String message) {
        super(message);
    }

    /**
     * @param message what failed and why
     * @param cause the underlying failure
     */
    public ConsumerStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
