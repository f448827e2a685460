package io.kafkify.consumers.domain;

/**
 * Handles one consumed message. Returning normally means the work is done and the record may
 * be committed; throwing means it is not, and the consumer's failure policy decides what
 * happens (retry, then dead letter by default).
 *
 * <p>Threading: called on the consumer's handler executor, never on the poll thread. With
 * the default {@code PARTITION} ordering, calls for one partition never overlap; handlers
 * for different partitions may run at the same time, so shared state must be thread-safe.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * @param message the decoded record
     * @throws Exception when the work failed; the record is then not committed past
     */
    void handle(Message message) throws Exception;
}
