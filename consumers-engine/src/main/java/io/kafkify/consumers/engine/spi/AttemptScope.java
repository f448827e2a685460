package io.kafkify.consumers.engine.spi;

import io.kafkify.consumers.domain.RecordOutcome;

/**
 * What an observer holds open while one attempt at a record runs (a tracing span made current, a
 * logging context), returned by {@link EngineObserver#attemptStarted}. Closed exactly once, on
 * the thread that ran the attempt, right after it.
 */
@FunctionalInterface
public interface AttemptScope {

    /** Holds nothing; what {@link EngineObserver#attemptStarted} returns by default. */
    AttemptScope NONE = (outcome, nanos) -> { };

    /**
     * The attempt ended. Called on the handler thread that ran it, before the engine applies the
     * outcome (so a failed attempt's retry or dead letter follows this call).
     *
     * @param outcome what the attempt gave: {@link RecordOutcome.Handled},
     *     {@link RecordOutcome.Unrouted} or a {@link RecordOutcome.Failed} numbered 1 (the engine
     *     numbers attempts afterwards)
     * @param nanos how long the attempt took, in the engine's scheduler's nanoseconds
     */
    void ended(RecordOutcome outcome, long nanos);
}
