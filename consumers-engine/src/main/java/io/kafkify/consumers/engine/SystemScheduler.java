package io.kafkify.consumers.engine;

import io.kafkify.consumers.engine.spi.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The production {@link Scheduler}: the system clock, one daemon thread for delayed tasks, and a
 * monitor for bounded waits. Close it when the consumer is done; tasks still pending are dropped.
 *
 * <p>Threading: thread-safe.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {

    private static final long RECHECK_MILLIS = 50;

    private final ScheduledExecutorService timers;
    private final Object monitor = new Object();

    /** @param threadName the name of the thread that runs delayed tasks, e.g. {@code kafkify-retry-orders} */
    public SystemScheduler(String threadName) {
        Objects.requireNonNull(threadName, "threadName");
        this.timers = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /** Runs the task after the delay; after {@link #close()} the task is dropped. */
    @Override
    public void schedule(Duration delay, Runnable task) {
        try {
            timers.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // Closed: the consumer is stopping, and what the task would have resumed is halted.
        }
    }

    @Override
    public boolean awaitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    monitor.wait(Math.max(1, Math.min(RECHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return condition.getAsBoolean();
                }
            }
            return true;
        }
    }

    @Override
    public void signal() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Stops the timer thread; pending tasks are dropped. Idempotent. */
    @Override
    public void close() {
        timers.shutdownNow();
    }
}
