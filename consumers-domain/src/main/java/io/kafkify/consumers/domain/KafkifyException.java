package io.kafkify.consumers.domain;

/**
 * The root of every exception Kafkify throws. Unchecked: a misconfiguration or a broken
 * registration is a programming error that the caller fixes, not a condition it handles.
 *
 * <p>Messages say what was expected, what was found, and what to do about it.
 */
public class KafkifyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was expected, what was found and what to do */
    public KafkifyException(String message) {
        super(message);
    }

    /**
     * @param message what was expected, what was found and what to do
     * @param cause the underlying failure
     */
    public KafkifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
