package io.kafkify.benchmarks;

import java.util.ArrayDeque;

/**
 * The first wave's offset bookkeeping, kept here unchanged as the reference of scenario 4's
 * {@code routeAndTrack}, {@code streamCodeRouteAndTrack} and {@code decodeRouteAndTrack} arms, so
 * that their figures stay comparable across runs; the engine's own bookkeeping is measured by the
 * {@code engine*} arms. It is not used by Kafkify.
 *
 * <p>Tracks the records of one partition from fetch to finish and says how far the partition may
 * be committed: up to the lowest offset not yet finished. Records may finish in any order;
 * the committable offset only moves past a record once it and every record before it have
 * finished.
 *
 * <p>Threading: {@link #track} and {@link #committable()} are called by the thread that
 * fetches (the poll thread), in offset order; {@link Ticket#finish()} by any thread.
 */
final class FirstWaveOffsetTracker {

    private final ArrayDeque<Ticket> pending = new ArrayDeque<>();
    private long committable = -1;

    /**
     * Starts tracking a record. Offsets must be given in increasing order.
     *
     * @param offset the record's offset
     * @return the ticket to finish once the record is done
     * @throws IllegalArgumentException when the offset is not above every tracked offset
     */
    public synchronized Ticket track(long offset) {
        Ticket last = pending.peekLast();
        long floor = last != null ? last.offset : committable - 1;
        if (offset <= floor) {
            throw new IllegalArgumentException("offset " + offset + " tracked out of order, after " + floor);
        }
        Ticket ticket = new Ticket(offset);
        pending.addLast(ticket);
        return ticket;
    }

    /**
     * @return the offset to commit (the offset after the last record below which everything is
     *     finished), or -1 when no record has finished in order yet
     */
    public synchronized long committable() {
        Ticket head;
        while ((head = pending.peekFirst()) != null && head.finished) {
            pending.pollFirst();
            committable = head.offset + 1;
        }
        return committable;
    }

    /** @return the number of tracked records not yet committable */
    public synchronized int pending() {
        return pending.size();
    }

    /** One tracked record. */
    public static final class Ticket {
        private final long offset;
        private volatile boolean finished;

        private Ticket(long offset) {
            this.offset = offset;
        }

        /** @return the record's offset */
        public long offset() {
            return offset;
        }

        /** Marks the record finished: handled, or given up on by the failure policy. Idempotent. */
        public void finish() {
            finished = true;
        }

        /** @return whether {@link #finish()} was called */
        public boolean isFinished() {
            return finished;
        }
    }
}
