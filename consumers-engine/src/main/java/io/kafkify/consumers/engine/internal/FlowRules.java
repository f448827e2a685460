package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.PartitionId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The buffer's rules: which partitions the next poll must skip, and when the polling thread
 * should be woken because that may have changed. A partition's share is the bound divided by the
 * assigned partitions, at most half of it; a partition pauses once its window holds its share less
 * one poll (so that one stuck behind a record leaves room for the others), until it drains to
 * half of that; every partition pauses when the next poll could cross the bound. Guarded by the
 * engine's lock.
 */
final class FlowRules {

    private final int maxBuffered;
    private final int maxPoll;
    private int shareLimit = Integer.MAX_VALUE;
    private boolean globallyPaused;
    private boolean wakePending;

    FlowRules(int maxBuffered, int maxPoll) {
        this.maxBuffered = maxBuffered;
        this.maxPoll = maxPoll;
    }

    /**
     * @param partitions the assigned partitions
     * @param buffered records fetched and not committable, over all of them
     * @param halted whether the engine takes no records at all (stopping, failed)
     * @return the partitions the next poll must skip
     */
    Set<PartitionId> paused(Collection<PartitionState> partitions, int buffered, boolean halted) {
        wakePending = false;
        int share = Math.max(1, maxBuffered / Math.max(2, partitions.size()));
        shareLimit = Math.max(1, share - maxPoll);
        globallyPaused = halted || buffered + maxPoll > maxBuffered;
        Set<PartitionId> paused = new HashSet<>();
        for (PartitionState partition : partitions) {
            if (partition.mustPause(shareLimit) || globallyPaused) {
                paused.add(partition.id());
            }
        }
        return paused;
    }

    /** @return true, once until the next {@link #paused}, when a finished record may let a paused partition be fetched */
    boolean wakeAfterFinish(PartitionState partition, int buffered) {
        if (!wakePending && (partition.drainedBelowShare(shareLimit)
                || globallyPaused && buffered + maxPoll <= maxBuffered)) {
            wakePending = true;
            return true;
        }
        return false;
    }

    /** @return true, once until the next {@link #paused}, when the partition has no retry waiting any more */
    boolean wakeAfterRetry(PartitionState partition) {
        if (!wakePending && !partition.waitingForRetry()) {
            wakePending = true;
            return true;
        }
        return false;
    }
}
