package io.kafkify.consumers.engine.spi;

/**
 * Publishes a record that could not be handled to its dead-letter topic. The Kafka adapter
 * publishes with a Kafka producer; the in-memory adapter keeps the records in a list.
 *
 * <p>Threading: called on handler threads; blocks until the record is stored (or fails).
 */
@FunctionalInterface
public interface DeadLetterPublisher {

    /**
     * @param deadLetter what to publish, where, and why
     * @throws Exception when the record was not stored; it is published again after a backoff,
     *     and nothing past it is committed meanwhile
     */
    void publish(DeadLetter deadLetter) throws Exception;
}
