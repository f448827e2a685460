package io.kafkify.consumers.engine.internal;

import java.util.ArrayDeque;

/**
 * Records that run one at a time, in offset order: a partition's ({@code PARTITION}, and the
 * records without a key under {@code KEY}), a key's ({@code KEY}), or a single record
 * ({@code UNORDERED}). Guarded by the engine's lock.
 */
final class Lane {

    /** Where a lane is in its life. */
    enum State {
        /** Nothing to run. */
        IDLE,
        /** In the ready queue, waiting for a worker. */
        READY,
        /** A worker runs its head record. */
        RUNNING,
        /** Its head record waits for a retry timer. */
        WAITING
    }

    final Object key;
    final PartitionState partition;
    /** The partition's epoch when the lane was made; a lane of an older epoch never runs. */
    final int epoch;
    final ArrayDeque<Entry> queue = new ArrayDeque<>(2);
    State state = State.IDLE;
    /** Set when its partition halts: the lane is emptied and never runs again. */
    boolean dead;
    /** Within a worker's batch: a record of the lane needs a decision, so the lane's later records wait. */
    boolean blocked;

    Lane(Object key, PartitionState partition) {
        this.key = key;
        this.partition = partition;
        this.epoch = partition.epoch();
    }

    /** @return whether the lane may still run: not killed, and its partition owned, not halted, not restarted */
    boolean live() {
        return !dead && partition.owned() && partition.halt() == null && epoch == partition.epoch();
    }

    /** Empties the lane for good; its records stay unfinished in their partition's window. */
    void kill() {
        dead = true;
        queue.clear();
    }

    @Override
    public String toString() {
        return partition.id() + "/" + key + " " + state + " " + queue;
    }
}
