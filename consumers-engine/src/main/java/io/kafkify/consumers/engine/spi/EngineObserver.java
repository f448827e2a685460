package io.kafkify.consumers.engine.spi;

import io.kafkify.consumers.domain.RecordOutcome;

/**
 * The engine's port for whoever watches it: logging, metrics, tracing, a test. Every method has
 * an empty default, so an observer overrides what it needs.
 *
 * <p>Threading: called on handler threads, outside the engine's locks, possibly by several at
 * once: implementations must be thread-safe and quick. Whatever an observer throws is caught;
 * it never reaches a record's bookkeeping (the failure shows in {@link EngineState#lastError()}).
 */
public interface EngineObserver {

    /** Observes nothing. */
    EngineObserver NONE = new EngineObserver() {
    };

    /**
     * What became of one attempt at a record, and each record's final outcome.
     *
     * @param outcome the outcome
     */
    default void outcome(RecordOutcome outcome) {
    }

    /**
     * A dead letter could not be published; it is published again after a backoff, and nothing
     * past its record is committed meanwhile.
     *
     * @param deadLetter the dead letter
     * @param error why the publish failed
     */
    default void deadLetterFailed(DeadLetter deadLetter, Throwable error) {
    }
}
