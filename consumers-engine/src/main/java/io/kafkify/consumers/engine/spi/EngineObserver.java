package io.kafkify.consumers.engine.spi;

import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's port for whoever watches it: logging, metrics, tracing, a test. Every method has
 * an empty default, so an observer overrides what it needs. An engine may have several; each is
 * told in the order it was registered.
 *
 * <p>Cost: with no observer registered, the engine neither calls nor allocates anything for
 * observing, and does not read the clock per attempt.
 *
 * <p>Threading: {@link #attemptStarted} and {@link #outcome} are called on handler threads,
 * outside the engine's locks, possibly by several at once; the partition and commit events on the
 * polling thread. Implementations must be thread-safe and quick. Whatever an observer throws is
 * caught; it never reaches a record's bookkeeping (the failure shows in
 * {@link EngineState#lastError()}), and the other observers are told all the same.
 */
public interface EngineObserver {

    /** Observes nothing. */
    EngineObserver NONE = new EngineObserver() {
    };

    /**
     * An attempt at a record starts, on the handler thread that runs it: what the observer makes
     * current here (a span, a logging context) is current in the handler.
     *
     * @param record the record, with its headers
     * @return what to close when the attempt ends; {@link AttemptScope#NONE} by default
     */
    default AttemptScope attemptStarted(RawRecord record) {
        return AttemptScope.NONE;
    }

    /**
     * What became of one attempt at a record, and each record's final outcome: a
     * {@link RecordOutcome.Failed} with {@code willRetry} means a retry is scheduled;
     * {@link RecordOutcome.DeadLettered}, {@link RecordOutcome.Skipped},
     * {@link RecordOutcome.Unrouted} and the others are final.
     *
     * @param outcome the outcome
     */
    default void outcome(RecordOutcome outcome) {
    }

    /**
     * A dead letter is about to be published, on the handler thread that publishes it (and again
     * before each new try after a failed publish): the observer may change the headers it goes
     * with, for example to carry a tracing context on. Its topic, key and value stay as they are.
     * Observers are asked in the order they were added, each given the headers the one before
     * returned; one that throws (or returns null) leaves them as they were. Only observers that
     * override this method are asked, so that it costs nothing otherwise.
     *
     * @param deadLetter the dead letter, with the original headers and Kafkify's {@code kafkify-dlt-*} ones
     * @return the headers to publish it with; {@code deadLetter.headers()} by default
     */
    default List<MessageHeader> deadLetterHeaders(DeadLetter deadLetter) {
        return deadLetter.headers();
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

    /**
     * The broker confirmed commits.
     *
     * @param offsets the committed offsets
     * @param nanos how long since the engine offered them for commit
     */
    default void committed(Map<PartitionId, Long> offsets, long nanos) {
    }

    /**
     * Commits failed; they are offered again.
     *
     * @param offsets the offsets whose commit failed
     */
    default void commitFailed(Map<PartitionId, Long> offsets) {
    }

    /**
     * Partitions were paused (flow control, a halt) or resumed, as the flow control of the next
     * poll says.
     *
     * @param paused partitions paused now that were not before
     * @param resumed partitions resumed now that were paused before
     */
    default void flowChanged(Set<PartitionId> paused, Set<PartitionId> resumed) {
    }

    /** @param partitions partitions the consumer now owns */
    default void assigned(Collection<PartitionId> partitions) {
    }

    /** @param partitions partitions revoked, after their running records were waited for */
    default void revoked(Collection<PartitionId> partitions) {
    }

    /** @param partitions partitions lost: another member owns them already */
    default void lost(Collection<PartitionId> partitions) {
    }
}
