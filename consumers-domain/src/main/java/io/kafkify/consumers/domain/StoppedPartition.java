package io.kafkify.consumers.domain;

import java.util.Objects;

/**
 * A partition halted by the {@link FailurePolicy#STOP} policy: nothing at or past
 * {@code offset} is handled or committed until the application resumes it.
 *
 * @param partition the partition
 * @param offset the offset of the record that failed
 * @param reason why it failed
 */
public record StoppedPartition(PartitionId partition, long offset, String reason) {
    /**
     * Checks and normalizes the components.
     *
     * @param partition see {@link #partition()}
     * @param offset see {@link #offset()}
     * @param reason see {@link #reason()}
     */
    public StoppedPartition {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(reason, "reason");
    }
}
