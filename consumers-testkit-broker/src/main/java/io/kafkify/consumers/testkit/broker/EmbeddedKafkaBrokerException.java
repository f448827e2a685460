package io.kafkify.consumers.testkit.broker;

import io.kafkify.consumers.domain.KafkifyException;

/**
 * Thrown when the {@link EmbeddedKafkaBroker} cannot do what it was asked: the broker did not
 * start or stop in time, a topic could not be created, or the broker was used in a state that
 * does not allow it (closed, or never started). When the broker process is involved, the
 * message names the broker's log file and quotes its last lines.
 */
public final class EmbeddedKafkaBrokerException extends KafkifyException {

    private static final long serialVersionUID = 1L;

    /** @param message what was expected, what was found and what to do */
    public EmbeddedKafkaBrokerException(String message) {
        super(message);
    }

    /**
     * @param message what was expected, what was found and what to do
     * @param cause the underlying failure
     */
    public EmbeddedKafkaBrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
