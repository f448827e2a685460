package io.kafkify.consumers.domain;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of a consumer for health checks and metrics.
 *
 * @param status where the consumer is in its life
 * @param assignedPartitions the partitions it owns now, sorted
 * @param lastError the last error it met (a failed record, a broker problem), or null
 * @param handled records a handler finished
 * @param unrouted records no handler took, committed with a warning
 * @param failed handler or payload failures (a redelivered record counts each time it fails)
 * @param buffered records fetched and not finished yet (queued or running)
 */
public record ConsumerState(ConsumerStatus status, List<PartitionId> assignedPartitions, String lastError,
                            long handled, long unrouted, long failed, int buffered) {

    /** Checks the arguments and copies the partitions. */
    public ConsumerState {
        Objects.requireNonNull(status, "status");
        assignedPartitions = List.copyOf(assignedPartitions);
    }
}
