package io.kafkify.consumers.domain;

/**
 * Handles one consumed message whose value has been bound to a type {@code T} (and validated,
 * when the type carries Bean Validation constraints) before the call. A value that cannot be
 * bound never reaches the handler: it goes to the failure policy with the reason.
 *
 * <p>Threading: as {@link MessageHandler}.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface TypedMessageHandler<T> {

    /**
     * @param payload the bound value, never null
     * @param message the record it came from
     * @throws Exception when the work failed; the record is then not committed past
     */
    void handle(T payload, Message message) throws Exception;
}
