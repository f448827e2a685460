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
 * @param partitions how far each assigned partition has got, sorted
 * @param stuckPartitions partitions whose work has not moved for longer than the configured
 *     maximum ({@code maxUnfinishedAge}), sorted
 */
public record ConsumerState(ConsumerStatus status, List<PartitionId> assignedPartitions,
                            List<StoppedPartition> stoppedPartitions, @Nullable String lastError, long handled,
                            long unrouted, long failed, long deadLettered, long skipped, int buffered,
                            List<PartitionProgress> partitions, List<StuckPartition> stuckPartitions) {
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
     * @param partitions see {@link #partitions()}
     * @param stuckPartitions see {@link #stuckPartitions()}
     */
    public ConsumerState {
        Objects.requireNonNull(status, "status");
        assignedPartitions = List.copyOf(assignedPartitions);
        stoppedPartitions = List.copyOf(stoppedPartitions);
        partitions = List.copyOf(partitions);
        stuckPartitions = List.copyOf(stuckPartitions);
    }

    /**
     * A state without progress per partition (none stuck).
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
    public ConsumerState(ConsumerStatus status, List<PartitionId> assignedPartitions,
                         List<StoppedPartition> stoppedPartitions, @Nullable String lastError, long handled,
                         long unrouted, long failed, long deadLettered, long skipped, int buffered) {
        this(status, assignedPartitions, stoppedPartitions, lastError, handled, unrouted, failed, deadLettered,
                skipped, buffered, List.of(), List.of());
    }

    /**
     * @return true when a health check should pass: the status is healthy, no partition is
     *     stopped at a failed record, and no partition's work is stuck
     */
    public boolean healthy() {
        return status.isHealthy() && stoppedPartitions.isEmpty() && stuckPartitions.isEmpty();
    }

    /**
     * @return why {@link #healthy()} is false, one line per reason naming the status, the stopped
     *     partitions and the stuck ones; empty when healthy
     */
    public List<String> unhealthyReasons() {
        List<String> reasons = new java.util.ArrayList<>();
        if (!status.isHealthy()) {
            reasons.add("status " + status + (lastError == null ? "" : ": " + lastError));
        }
        for (StoppedPartition stopped : stoppedPartitions) {
            reasons.add(stopped.partition() + " stopped at offset " + stopped.offset() + ": " + stopped.reason());
        }
        for (StuckPartition stuck : stuckPartitions) {
            reasons.add(stuck.partition() + " is stuck: " + stuck.reason());
        }
        return List.copyOf(reasons);
    }
}
