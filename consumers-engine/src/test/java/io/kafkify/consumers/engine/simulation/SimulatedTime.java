package io.kafkify.consumers.engine.simulation;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for the simulation: a clock that moves only when the simulation says so, and
 * timers that fire only when the simulation fires them, in due order.
 */
final class SimulatedTime {

    /** How the polling thread waits: set by the simulation, which runs other threads meanwhile. */
    interface Awaiter {
        boolean await(BooleanSupplier condition, Duration timeout);
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private Awaiter awaiter;
    private long now;
    private long sequence;

    void awaitWith(Awaiter waiting) {
        this.awaiter = waiting;
    }

    boolean await(BooleanSupplier condition, Duration timeout) {
        return awaiter.await(condition, timeout);
    }

    long nanoTime() {
        return now;
    }

    void schedule(Duration delay, Runnable task) {
        timers.add(new Timer(now + Math.max(0, delay.toNanos()), sequence++, task));
    }

    boolean hasTimers() {
        return !timers.isEmpty();
    }

    /** @return when the next timer is due, or {@code Long.MAX_VALUE} */
    long nextDue() {
        Timer next = timers.peek();
        return next == null ? Long.MAX_VALUE : next.due;
    }

    /** Moves the clock to the next timer (never backwards) and runs it. */
    void fireNext() {
        Timer next = timers.poll();
        if (next != null) {
            now = Math.max(now, next.due);
            next.task.run();
        }
    }

    void advance(Duration by) {
        now += by.toNanos();
    }

    void advanceTo(long nanos) {
        now = Math.max(now, nanos);
    }

    private record Timer(long due, long sequence, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }
}
