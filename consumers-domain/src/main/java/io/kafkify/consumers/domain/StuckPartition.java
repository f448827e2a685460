package io.kafkify.consumers.domain;

import java.util.Objects;

/**
 * A partition whose work does not move: its oldest unfinished record, or its committable offset
 * while records wait, has passed the configured maximum age. It turns healthy again as soon as
 * the work moves.
 *
 * @param partition the partition
 * @param reason what passed which maximum, readable
 */
public record StuckPartition(PartitionId partition, String reason) {
    /**
     * Checks the components.
     *
     * @param partition see {@link #partition()}
     * @param reason see {@link #reason()}
     */
    public StuckPartition {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(reason, "reason");
    }
}
