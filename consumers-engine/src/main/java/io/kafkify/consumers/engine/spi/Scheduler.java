package io.kafkify.consumers.engine.spi;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The engine's port for time: a clock, delayed tasks (retry backoffs) and a bounded wait (a
 * revoke or a stop waiting for running records). {@link io.kafkify.consumers.engine.SystemScheduler} is the production
 * adapter; a test hands the engine a simulated one and runs it deterministically on one thread.
 *
 * <p>Threading: {@link #nanoTime()}, {@link #schedule} and {@link #signal()} are called from
 * any thread; {@link #awaitUntil} only by the thread that drives the engine (the one that polls).
 */
public interface Scheduler {

    /** @return a monotonic time in nanoseconds, as {@link System#nanoTime()} */
    long nanoTime();

    /**
     * Runs a task once after a delay, on a thread of the scheduler's own. Must not run it on the
     * calling thread.
     *
     * @param delay how long to wait first; zero or negative runs it as soon as possible
     * @param task the task; it must not block
     */
    void schedule(Duration delay, Runnable task);

    /**
     * Blocks the calling thread until the condition holds or the timeout passes. The condition is
     * evaluated again each time {@link #signal()} is called, and at least every 50 ms.
     *
     * @param condition what to wait for; quick, and safe to call from the waiting thread
     * @param timeout the longest wait
     * @return whether the condition held when the wait ended
     */
    boolean awaitUntil(BooleanSupplier condition, Duration timeout);

    /** Tells a thread in {@link #awaitUntil} that its condition may hold now. Never blocks for long. */
    void signal();
}
