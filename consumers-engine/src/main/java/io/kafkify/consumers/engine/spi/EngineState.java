package io.kafkify.consumers.engine.spi;

import io.kafkify.consumers.domain.PartitionProgress;
import io.kafkify.consumers.domain.StoppedPartition;
import io.kafkify.consumers.domain.StuckPartition;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the engine, from which an adapter builds its {@code ConsumerState}.
 *
 * @param buffered records fetched and not yet committable, over every partition: queued,
 *     running, waiting to retry, or finished behind one that is not
 * @param inFlight attempts and dead-letter publishes running now
 * @param stoppedPartitions partitions halted by the STOP policy, sorted
 * @param lastError the last failure met (a record's, a dead letter's, an observer's), or null
 * @param fatal an error that fails the consumer (a {@link VirtualMachineError} thrown by a
 *     handler), or null
 * @param handled records a handler finished
 * @param unrouted records no handler took
 * @param failed failed attempts
 * @param deadLettered records published to their dead-letter topic
 * @param skipped records given up on by the SKIP policy
 * @param partitions how far each partition has got, sorted
 * @param stuckPartitions partitions that take records and whose oldest unfinished record, or
 *     committable offset while records wait, has stood longer than the engine's maximum, sorted
 */
public record EngineState(int buffered, int inFlight, List<StoppedPartition> stoppedPartitions,
                          @Nullable String lastError, @Nullable Throwable fatal, long handled, long unrouted,
                          long failed, long deadLettered, long skipped, List<PartitionProgress> partitions,
                          List<StuckPartition> stuckPartitions) {
    /**
     * Checks and normalizes the components.
     *
     * @param buffered see {@link #buffered()}
     * @param inFlight see {@link #inFlight()}
     * @param stoppedPartitions see {@link #stoppedPartitions()}
     * @param lastError see {@link #lastError()}
     * @param fatal see {@link #fatal()}
     * @param handled see {@link #handled()}
     * @param unrouted see {@link #unrouted()}
     * @param failed see {@link #failed()}
     * @param deadLettered see {@link #deadLettered()}
     * @param skipped see {@link #skipped()}
     * @param partitions see {@link #partitions()}
     * @param stuckPartitions see {@link #stuckPartitions()}
     */
    public EngineState {
        stoppedPartitions = List.copyOf(Objects.requireNonNull(stoppedPartitions, "stoppedPartitions"));
        partitions = List.copyOf(Objects.requireNonNull(partitions, "partitions"));
        stuckPartitions = List.copyOf(Objects.requireNonNull(stuckPartitions, "stuckPartitions"));
    }
}
