package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.PartitionId;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The buffer's rules: which partitions the next poll must skip, and when the polling thread
 * should be woken because that may have changed.
 *
 * <p>Every pause costs throughput: a paused partition's handlers run dry while its next fetch is
 * on its way. So a partition that drains is left alone, and the bound is kept by pausing every
 * partition when the next poll could cross it, until the buffer is down to half of it: fetches
 * then come in bursts. A partition pauses alone only when it stalls (nothing of its window
 * drained for {@link #STALL}, as behind a hung record) while holding its share, half the
 * bound less one poll, or when it holds the cap, the bound less two polls, so that the others
 * always have room for a poll. Either way it is fetched again once it drained to half its share.
 * Stalled partitions hold their records through a global pause, so the global pause lifts once
 * the others are down to half of what is left; the buffer can always get there.
 *
 * <p>Guarded by the engine's lock.
 */
final class FlowRules {

    /** How long a partition may hold records without draining any before it counts as stalled. */
    static final Duration STALL = Duration.ofMillis(100);
    private static final long STALL_NANOS = STALL.toNanos();

    private final int maxBuffered;
    private final int maxPoll;
    private final int share;
    private final int cap;
    private boolean globallyPaused;
    private int resumeAt;
    private boolean wakePending;

    FlowRules(int maxBuffered, int maxPoll) {
        this.maxBuffered = maxBuffered;
        this.maxPoll = maxPoll;
        this.share = Math.max(1, maxBuffered / 2 - maxPoll);
        this.cap = Math.max(1, maxBuffered - 2 * maxPoll + 1);
        this.resumeAt = maxBuffered / 2;
    }

    /**
     * Decides the next poll's pauses; each call is one look at how far every partition drained.
     *
     * @param partitions the assigned partitions
     * @param buffered records fetched and not committable, over all of them
     * @param halted whether the engine takes no records at all (stopping, failed)
     * @param now the scheduler's time, in nanoseconds
     * @return the partitions the next poll must skip
     */
    Set<PartitionId> paused(Collection<PartitionState> partitions, int buffered, boolean halted, long now) {
        wakePending = false;
        Set<PartitionId> paused = new HashSet<>();
        int held = 0;
        for (PartitionState partition : partitions) {
            boolean stalled = partition.stalled(now, STALL_NANOS);
            if (stalled) {
                held += partition.windowSize();
            }
            if (partition.mustPause(share, cap, stalled)) {
                paused.add(partition.id());
            }
        }
        resumeAt = Math.min(maxBuffered - maxPoll, held + (maxBuffered - held) / 2);
        boolean full = buffered + maxPoll > maxBuffered;
        globallyPaused = halted || full || globallyPaused && buffered > resumeAt;
        if (globallyPaused) {
            for (PartitionState partition : partitions) {
                paused.add(partition.id());
            }
        }
        return paused;
    }

    /** @return true, once until the next {@link #paused}, when a finished record may let a paused partition be fetched */
    boolean wakeAfterFinish(PartitionState partition, int buffered) {
        if (!wakePending && (partition.drainedBelowShare(share) || globallyPaused && buffered <= resumeAt)) {
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
