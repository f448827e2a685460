package io.kafkify.consumers.engine.simulation;

import io.kafkify.consumers.domain.CodeExtractor;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PayloadBinder;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetterPublisher;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What the simulation drives: the calls an adapter makes on the processing core, on the thread
 * that polls. One implementation adapts the engine under test; the simulation never sees more.
 */
interface EngineDriver {

    void assign(Collection<PartitionId> partitions);

    Map<PartitionId, Long> revoke(Collection<PartitionId> partitions, Duration timeout);

    void lose(Collection<PartitionId> partitions);

    void accept(PartitionId partition, List<RawRecord> records);

    /** @return which partitions must not be fetched by the next poll, and where to seek first */
    Flow flow();

    Map<PartitionId, Long> commitReady();

    void committed(Map<PartitionId, Long> offsets);

    void commitFailed(Map<PartitionId, Long> offsets);

    /** Asks to resume a partition stopped by the STOP policy; may be called from any thread. */
    void resume(PartitionId partition);

    Map<PartitionId, Long> stop(Duration timeout);

    /** @return false for an engine that runs more handlers at once than it was configured for */
    default boolean enforcesMaxConcurrency() {
        return true;
    }

    /** Checks what only the engine can see (no lane stalled with runnable work); throws when broken. */
    default void checkInternalInvariants() {
    }

    /** @param paused partitions the next poll must skip @param seeks fetch positions to set first */
    record Flow(Set<PartitionId> paused, Map<PartitionId, Long> seeks) {
    }

    /** Everything an engine is built from; the simulation provides the simulated parts. */
    record Parts(Decoder keys, Decoder values, CodeExtractor codes, PayloadBinder binder,
                 List<HandlerRegistration> handlers, ProcessingPolicy policy, int maxBufferedRecords, int maxPollRecords,
                 Executor executor, SimulatedTime time, DeadLetterPublisher publisher, Observer observer) {
    }

    /** Told of every outcome, as an adapter's listener is. */
    interface Observer {
        void outcome(RecordOutcome outcome);
    }

    /** Builds the engine under test. */
    interface Factory {
        EngineDriver create(Parts parts);
    }
}
