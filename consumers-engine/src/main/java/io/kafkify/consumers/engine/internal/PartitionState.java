package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PartitionProgress;
import io.kafkify.consumers.domain.StoppedPartition;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the engine knows of one assigned partition: the window of records fetched and not
 * yet committable, in offset order; its lanes; how far it may be committed, what was offered for
 * commit and what the broker confirmed; whether it is halted, where it stopped, and where it
 * restarts; how many of its attempts are running. Parallel Consumer's {@code PartitionState} and
 * Decaton's {@code PartitionContext} hold the same job.
 *
 * <p>Guarded by the engine's lock: every method is called with it held.
 */
final class PartitionState {

    /** Why a partition takes no more records for now. */
    enum Halt {
        /** The STOP policy stopped it at a failed record; it restarts on resume(). */
        STOPPED("stopped by the STOP policy", false),
        /** Its fetch position moved back (a seek, a log truncation); it restarts there once idle. */
        RESET("reset", false),
        /** A handler threw a VirtualMachineError; the consumer fails. */
        FAILED("failed", true),
        /** The consumer is stopping. */
        STOPPING("stopping", true),
        /** The group revoked it. */
        REVOKED("revoked", true),
        /** The group gave it to another member already. */
        LOST("lost", true);

        final String description;
        final boolean terminal;

        Halt(String description, boolean terminal) {
            this.description = description;
            this.terminal = terminal;
        }
    }

    private final PartitionId id;
    private final Ordering ordering;
    private final ArrayDeque<Entry> window = new ArrayDeque<>();
    private final Map<ByteBuffer, Lane> keyLanes = new HashMap<>();
    private @Nullable Lane partitionLane;
    private volatile int epoch;
    private volatile boolean owned = true;
    private long committable = -1;
    private long offered = -1;
    private long confirmed = -1;
    private long lastAccepted = -1;
    private volatile @Nullable Halt halt;
    private @Nullable StoppedPartition stoppedAt;
    private boolean resumeRequested;
    private long resetTo = -1;
    private int inFlight;
    private int waitingForRetry;
    private boolean pausedAlone;
    /** Records that ever left the window by finishing; a partition whose count stands still is stalled. */
    private long drained;
    /** {@link #drained} at the last look; none yet at first, so the first look starts the clock. */
    private long drainedAtLastLook = -1;
    private long lastDrainSeen;
    /** The partition's end offset as the adapter last saw it, or -1. */
    private long endOffset = -1;

    PartitionState(PartitionId id, Ordering ordering) {
        this.id = id;
        this.ordering = ordering;
    }

    PartitionId id() {
        return id;
    }

    int epoch() {
        return epoch;
    }

    boolean owned() {
        return owned;
    }

    @Nullable Halt halt() {
        return halt;
    }

    /**
     * Read by a worker outside the lock, before it starts a record of its batch: a hint that
     * stops the batch early once the partition halts; the decisions are taken under the lock.
     *
     * @return whether the entry's partition still takes records of the entry's life
     */
    boolean accepting(Entry entry) {
        return owned && halt == null && entry.epoch == epoch;
    }

    @Nullable StoppedPartition stoppedAt() {
        return stoppedAt;
    }

    int inFlight() {
        return inFlight;
    }

    int windowSize() {
        return window.size();
    }

    boolean waitingForRetry() {
        return waitingForRetry > 0;
    }

    // ------------------------------------------------------------------ records in

    /** @return whether a batch starting at this offset continues the partition, rather than moving back */
    boolean continuesAt(long firstOffset) {
        return firstOffset > lastAccepted;
    }

    /** Adds a fetched record at the end of the window; {@code now} is when it was fetched. */
    Entry add(RawRecord record, long now) {
        Entry entry = new Entry(record, this, now);
        window.addLast(entry);
        lastAccepted = record.offset();
        return entry;
    }

    /** @return the lane the record must run in: one per partition, per key, or its own */
    Lane laneFor(RawRecord record) {
        if (ordering == Ordering.UNORDERED) {
            return new Lane(record.offset(), this);
        }
        byte[] key = record.key();
        if (ordering == Ordering.PARTITION || key == null) {
            if (partitionLane == null) {
                partitionLane = new Lane("partition", this);
            }
            return partitionLane;
        }
        return keyLanes.computeIfAbsent(ByteBuffer.wrap(key), k -> new Lane(k, this));
    }

    /** Forgets a lane that has nothing left to run, so that keys seen once do not pile up. */
    void laneIdle(Lane lane) {
        if (lane.key instanceof ByteBuffer key) {
            keyLanes.remove(key, lane);
        }
    }

    // ------------------------------------------------------------------ attempts

    void attemptStarted() {
        inFlight++;
    }

    void attemptEnded() {
        inFlight--;
    }

    void retryScheduled() {
        waitingForRetry++;
    }

    void retryDue() {
        waitingForRetry--;
    }

    /**
     * Marks a record finished (handled, dead-lettered, skipped or taken by no handler) and moves
     * the committable offset past every finished record at the head of the window.
     *
     * @return how many records left the window
     */
    int finish(Entry entry) {
        entry.finished = true;
        entry.record = null;
        int left = 0;
        Entry head;
        while ((head = window.peekFirst()) != null && head.finished) {
            window.pollFirst();
            committable = head.offset + 1;
            left++;
        }
        drained += left;
        return left;
    }

    // ------------------------------------------------------------------ halting and restarting

    /**
     * Takes no more records: every lane is emptied and never runs again; what is running goes
     * on, and its failures are abandoned. A terminal halt (revoked, lost, stopping, failed)
     * overrides a stop or a reset.
     *
     * @return how many records left the window
     */
    int halt(Halt why) {
        if (halt == null || why.terminal) {
            halt = why;
        }
        if (partitionLane != null) {
            partitionLane.kill();
            partitionLane = null;
        }
        for (Lane lane : keyLanes.values()) {
            lane.kill();
        }
        keyLanes.clear();
        waitingForRetry = 0;
        return dropAfterFirstDropped();
    }

    /**
     * Once halted, the partition can neither commit nor restart past its lowest record that was
     * dropped unfinished, so every record after that one leaves the window (running ones finish
     * or fail on their own; they are fetched again). A halted partition so holds next to nothing,
     * even when a hung handler keeps it from restarting.
     */
    private int dropAfterFirstDropped() {
        int dropped = 0;
        boolean dropping = false;
        for (java.util.Iterator<Entry> entries = window.iterator(); entries.hasNext(); ) {
            Entry entry = entries.next();
            if (dropping) {
                entries.remove();
                dropped++;
                if (!entry.running) {
                    // A running record keeps its lane and its bytes until its worker hands it back.
                    entry.lane = null;
                    entry.record = null;
                }
            } else if (!entry.running && !entry.finished) {
                dropping = true;
                entry.lane = null;
                entry.record = null;
            }
        }
        return dropped;
    }

    /**
     * The STOP policy took a record: halts the partition there.
     *
     * @return how many records left the window
     */
    int stopAt(Entry entry, String reason) {
        int dropped = halt(Halt.STOPPED);
        if (stoppedAt == null || entry.offset < stoppedAt.offset()) {
            stoppedAt = new StoppedPartition(id, entry.offset, reason);
        }
        return dropped;
    }

    /**
     * The fetch position moved back to {@code offset}: halts, to restart there once idle.
     *
     * @return how many records left the window
     */
    int resetTo(long offset) {
        int dropped = halt(Halt.RESET);
        if (halt == Halt.RESET) {
            resetTo = offset;
        }
        return dropped;
    }

    /** @return whether resume() was asked for a stopped partition */
    boolean requestResume() {
        if (halt != Halt.STOPPED) {
            return false;
        }
        resumeRequested = true;
        return true;
    }

    boolean restartDue() {
        return inFlight == 0 && (halt == Halt.STOPPED && resumeRequested || halt == Halt.RESET);
    }

    /**
     * Starts the partition afresh: after a stop, at its lowest unfinished record; after a reset,
     * where its position moved to, or at its lowest unfinished record if that is lower (a seek
     * never skips a record that was fetched and not finished). Records of the old window are
     * forgotten; they are fetched again from there. Call only when {@link #restartDue()}.
     *
     * @return the offset to fetch from
     */
    long restart() {
        Entry head = window.peekFirst();
        long at;
        if (halt == Halt.RESET) {
            at = head != null ? Math.min(resetTo, head.offset) : resetTo;
            committable = -1;
        } else {
            at = head != null ? head.offset : committable >= 0 ? committable : lastAccepted + 1;
        }
        epoch++;
        window.clear();
        halt = null;
        stoppedAt = null;
        resumeRequested = false;
        resetTo = -1;
        waitingForRetry = 0;
        pausedAlone = false;
        lastAccepted = at - 1;
        return at;
    }

    /** Forgets everything: the partition is no longer this consumer's. */
    void disown() {
        owned = false;
        window.clear();
    }

    // ------------------------------------------------------------------ flow

    /**
     * @param now the scheduler's time, in nanoseconds
     * @param stallNanos how long a partition may hold records without draining any
     * @return whether records waited in the window for that long with none leaving it, as behind
     *     a hung record; as seen at this call and the earlier ones
     */
    boolean stalled(long now, long stallNanos) {
        if (window.isEmpty() || drained != drainedAtLastLook) {
            drainedAtLastLook = drained;
            lastDrainSeen = now;
            return false;
        }
        return now - lastDrainSeen >= stallNanos;
    }

    /**
     * @param share the window a stalled partition may hold
     * @param cap the window any partition may hold
     * @param stalled whether it drained nothing since the last decision
     * @return whether the partition must not be fetched: it holds its share and stalls, or holds
     *     the cap (either until it drains to half its share); it is halted; or in PARTITION order
     *     its next record waits for a retry
     */
    boolean mustPause(int share, int cap, boolean stalled) {
        int size = window.size();
        if (pausedAlone) {
            pausedAlone = size > share / 2;
        } else {
            pausedAlone = size >= cap || stalled && size >= share;
        }
        return pausedAlone || halt != null || ordering == Ordering.PARTITION && waitingForRetry > 0;
    }

    /** @return whether the partition is paused alone and has drained enough to be fetched again */
    boolean drainedBelowShare(int share) {
        return pausedAlone && window.size() <= share / 2;
    }

    // ------------------------------------------------------------------ progress

    void endOffset(long offset) {
        endOffset = offset;
    }

    /**
     * @param now the scheduler's time, in nanoseconds
     * @return how far the partition has got; the committable offset before any record finished is
     *     the first one fetched, which nothing has moved past yet
     */
    PartitionProgress progress(long now) {
        Entry head = window.peekFirst();
        long base = committable >= 0 ? committable : head != null ? head.offset : -1;
        long oldest = head == null ? 0 : Math.max(0, now - head.fetchedAt);
        return new PartitionProgress(id, window.size(), base, endOffset, Duration.ofNanos(oldest),
                Duration.ofNanos(committableStill(now)));
    }

    /**
     * Read between the flow's looks ({@link #stalled}): records that left the window since the
     * last look mean the committable offset moved; none means it has stood since the last drain
     * a look saw.
     */
    private long committableStill(long now) {
        if (window.isEmpty() || drainedAtLastLook < 0 || drained != drainedAtLastLook) {
            return 0;
        }
        return Math.max(0, now - lastDrainSeen);
    }

    // ------------------------------------------------------------------ commits

    /** @return the offset to commit asynchronously now, or -1 when it has not moved since the last offer */
    long offerCommit() {
        if (committable < 0 || committable == offered) {
            return -1;
        }
        offered = committable;
        return committable;
    }

    void commitFailed(long offset) {
        if (offered == offset) {
            offered = -1;
        }
    }

    void commitConfirmed(long offset) {
        confirmed = offset;
    }

    /** @return the offset a synchronous commit must write, or -1 when the broker has it already */
    long syncCommit() {
        return committable >= 0 && committable != confirmed ? committable : -1;
    }

    // ------------------------------------------------------------------ checks

    /** Checks what must hold whenever the lock is free; throws {@link IllegalStateException} when broken. */
    void checkInvariants() {
        long previous = -1;
        boolean first = true;
        for (Entry entry : window) {
            check(entry.offset > previous, "window of " + id + " out of order at " + entry.offset);
            check(!(first && entry.finished), "finished record " + entry + " at the head of the window");
            check(entry.partition == this, entry + " in the wrong partition's window");
            previous = entry.offset;
            first = false;
        }
        check(inFlight >= 0, "negative in-flight count of " + id);
        check(waitingForRetry >= 0, "negative retry count of " + id);
        if (halt != null) {
            check(partitionLane == null && keyLanes.isEmpty(), "halted " + id + " still has lanes");
        }
        for (Lane lane : keyLanes.values()) {
            check(lane.live(), "dead lane " + lane + " still mapped");
        }
    }

    /** Checks that every record waiting to run sits in a live lane: none is forgotten. */
    void checkEveryRecordCanRun() {
        if (halt != null) {
            return;
        }
        for (Entry entry : window) {
            if (entry.finished || entry.running) {
                continue;
            }
            Lane lane = entry.lane;
            check(lane != null && lane.live() && lane.queue.contains(entry) && lane.state != Lane.State.IDLE,
                    "record " + entry + " waits outside any runnable lane: " + lane);
        }
    }

    void forEachLane(java.util.function.Consumer<Lane> action) {
        if (partitionLane != null) {
            action.accept(partitionLane);
        }
        keyLanes.values().forEach(action);
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }
}
