package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.PartitionId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The buffer's rules: which partitions the next poll must skip, and when the polling thread
 * should be woken because that may have changed. A partition's share is half the bound: it pauses
 * once its window holds half the bound less one poll, until it drains to half of that, so that a
 * partition stuck behind one record never holds more than half the buffer. Every partition pauses
 * when the next poll could cross the bound, until the buffer is down to half the bound, which is
 * reachable even behind a stuck partition; the others then keep flowing in the other half. A
 * share per assigned partition would pause healthy partitions far more often, and each resume
 * costs the consumer a fetch while the partition's handlers run dry. Guarded by the engine's lock.
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
        shareLimit = Math.max(1, maxBuffered / 2 - maxPoll);
        // Once every partition is paused, they stay paused until the buffer is down to half the
        // bound, so that fetches come in bursts rather than a few records at a time. Half is
        // reachable even behind a stuck partition, which holds less than half.
        globallyPaused = halted || (globallyPaused ? buffered > maxBuffered / 2 : buffered + maxPoll > maxBuffered);
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
                || globallyPaused && buffered <= maxBuffered / 2)) {
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
