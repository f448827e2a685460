package io.kafkify.consumers.domain;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a consumer for health checks and metrics.
 *
 * @param status where the consumer is in its life
 * @param assignedPartitions the partitions it owns now, sorted
 * @param stoppedPartitions partitions halted by the {@link FailurePolicy#STOP} policy
 * @param lastError the last error it met (a failed record, a broker problem), or null
 * @param handled records a handler finished
 * @param unrouted records no handler took, committed with a warning (or dead-lettered)
 * @param failed failed attempts: each retry of a record that fails counts
 * @param deadLettered records published to their dead-letter topic
 * @param skipped records given up on by the {@link FailurePolicy#SKIP} policy
 * @param buffered records fetched and not yet committable: queued, running, waiting to retry, or
 *     finished behind one that is not (the window that {@code maxBufferedRecords} bounds)
 */
public record ConsumerState(ConsumerStatus status, List<PartitionId> assignedPartitions,
                            List<StoppedPartition> stoppedPartitions, @Nullable String lastError, long handled,
                            long unrouted, long failed, long deadLettered, long skipped, int buffered) {
    /**
     * Checks and normalizes the components.
     *
     * @param status see {@link #status()}
     * @param assignedPartitions see {@link #assignedPartitions()}
     * @param stoppedPartitions see {@link #stoppedPartitions()}
     * @param lastError see {@link #lastError()}
     * @param handled see {@link #handled()}
     * @param unrouted see {@link #unrouted()}
     * @param failed see {@link #failed()}
     * @param deadLettered see {@link #deadLettered()}
     * @param skipped see {@link #skipped()}
     * @param buffered see {@link #buffered()}
     */
    public ConsumerState {
        Objects.requireNonNull(status, "status");
        assignedPartitions = List.copyOf(assignedPartitions);
        stoppedPartitions = List.copyOf(stoppedPartitions);
    }

    /**
     * @return true when a health check should pass: the status is healthy and no partition is
     *     stopped at a failed record
     */
    public boolean healthy() {
        return status.isHealthy() && stoppedPartitions.isEmpty();
    }
}
