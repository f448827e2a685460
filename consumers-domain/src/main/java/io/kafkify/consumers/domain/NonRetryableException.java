package io.kafkify.consumers.domain;

/**
 * Thrown by a handler to say that trying the record again cannot help (a business rule
 * rejects it, say): the failure policy takes the record at once, without retries. Subclass it,
 * or declare other exception types non-retryable in the consumer's configuration.
 */
public class NonRetryableException extends KafkifyException {

    private static final long serialVersionUID = 1L;

    /** @param message why the record cannot be handled */
    public NonRetryableException(String message) {
        super(message);
    }

    /**
     * @param message why the record cannot be handled
     * @param cause the underlying failure
     */
    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
