package io.kafkify.consumers.engine.spi;

import io.kafkify.consumers.domain.PartitionId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the adapter must do before its next poll: move the fetch position of some partitions,
 * then fetch nothing from the paused ones. Paused are the partitions that hold half
 * the buffer (or all of them, when the next poll could cross the global bound), those halted by
 * the STOP policy or waiting to restart, and, in {@code PARTITION} order, those whose next record
 * waits for a retry.
 *
 * @param paused the partitions the next poll must not fetch; every other assigned partition may
 * @param seeks the fetch position to set first, for each partition that restarts (after
 *     {@code resume()}, or after its position moved back)
 */
public record FlowControl(Set<PartitionId> paused, Map<PartitionId, Long> seeks) {
    /**
     * Checks and normalizes the components.
     *
     * @param paused see {@link #paused()}
     * @param seeks see {@link #seeks()}
     */
    public FlowControl {
        paused = Set.copyOf(Objects.requireNonNull(paused, "paused"));
        seeks = Map.copyOf(Objects.requireNonNull(seeks, "seeks"));
    }
}
