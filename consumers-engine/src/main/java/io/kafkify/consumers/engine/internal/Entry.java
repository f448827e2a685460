package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.RawRecord;
import org.jspecify.annotations.Nullable;

/**
 * One fetched record on its way through the engine, from fetch until it is committable: its
 * place in its partition's window and its lane, its attempts, and once the failure policy chose
 * the dead-letter topic, its dead letter. Guarded by the engine's lock, except that the worker
 * running it reads {@link #record} and {@link #deadLetter} outside the lock.
 */
final class Entry {

    final long offset;
    final PartitionState partition;
    /** The partition's epoch when the record was fetched; a restart makes older entries stale. */
    final int epoch;
    /** When the engine took the record, in the scheduler's nanoseconds. */
    final long fetchedAt;
    /** The raw record; dropped once finished, so that finished records behind a stuck one cost little. */
    @Nullable RawRecord record;
    @Nullable Lane lane;
    int attempts;
    int publishAttempts;
    RecordOutcome.@Nullable Failed lastFailure;
    @Nullable DeadLetter deadLetter;
    boolean running;
    boolean finished;
    /** What the last run gave, set by the worker outside the lock and read under it. */
    boolean ran;
    @Nullable RecordOutcome result;
    boolean published;
    @Nullable Throwable publishError;

    Entry(RawRecord record, PartitionState partition, long fetchedAt) {
        this.record = record;
        this.fetchedAt = fetchedAt;
        this.offset = record.offset();
        this.partition = partition;
        this.epoch = partition.epoch();
    }

    /** @return whether the entry still belongs to its partition's current life (not revoked, lost or restarted) */
    boolean current() {
        return partition.owned() && epoch == partition.epoch();
    }

    /**
     * @param deadLetterUnrouted whether records no handler takes go to the dead-letter topic
     * @return whether the last run needs no decision: handled, published, or taken by no handler
     *     (when that is final)
     */
    boolean simple(boolean deadLetterUnrouted) {
        if (deadLetter != null) {
            return published;
        }
        return result instanceof RecordOutcome.Handled
                || result instanceof RecordOutcome.Unrouted && !deadLetterUnrouted;
    }

    @Override
    public String toString() {
        return partition.id() + "@" + offset;
    }
}
