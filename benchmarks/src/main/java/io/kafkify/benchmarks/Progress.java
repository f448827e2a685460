package io.kafkify.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Counts the records one run has handled and times them from the first to the expected last.
 * Every arm's handler calls {@link #record()}, so that the count costs every arm the same.
 *
 * <p>Threading: {@link #record()} and {@link #recordLatency(long)} from any handler thread.
 */
final class Progress {

    private final long expected;
    private final AtomicLong count = new AtomicLong();
    private final LongAdder latencyNanos = new LongAdder();
    private final LongAdder latencySamples = new LongAdder();
    private final CountDownLatch done = new CountDownLatch(1);
    private final long createdNanos = System.nanoTime();
    private volatile long firstNanos;
    private volatile long lastNanos;
    private volatile long firstCpuNanos = -1;
    private volatile long lastCpuNanos = -1;
    private volatile long adoptedElapsedNanos = -1;
    private volatile long adoptedStartupNanos = -1;
    private volatile double adoptedLatencyNanos = Double.NaN;

    Progress(long expected) {
        if (expected < 1) {
            throw new IllegalArgumentException("expected must be at least 1, was " + expected);
        }
        this.expected = expected;
    }

    void record() {
        long n = count.incrementAndGet();
        if (n == 1) {
            firstNanos = System.nanoTime();
            firstCpuNanos = ProcessCpu.nanos();
        }
        if (n == expected) {
            lastNanos = System.nanoTime();
            lastCpuNanos = ProcessCpu.nanos();
            done.countDown();
        }
    }

    /**
     * @param latencyMs how long the handler waits
     * @return the I/O-bound handler of scenarios 2 and 5 (Parallel Consumer's worker JVM too): waits, measures its own latency, then counts
     */
    static Function<Progress, Runnable> sleepingHandler(long latencyMs) {
        return progress -> () -> {
            long start = System.nanoTime();
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            progress.recordLatency(System.nanoTime() - start);
            progress.record();
        };
    }

    void recordLatency(long nanos) {
        latencyNanos.add(nanos);
        latencySamples.increment();
    }

    boolean await(long timeoutMillis) throws InterruptedException {
        return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    boolean isDone() {
        return done.getCount() == 0;
    }

    long expected() {
        return expected;
    }

    long count() {
        return count.get();
    }

    /**
     * Takes over what another JVM measured (the Parallel Consumer worker), so that its run reads like
     * any other.
     */
    void adopt(long handled, long elapsedNanos, long startupNanos, double meanLatencyNanos) {
        count.set(handled);
        adoptedElapsedNanos = elapsedNanos;
        adoptedStartupNanos = startupNanos;
        adoptedLatencyNanos = meanLatencyNanos;
        if (handled >= expected && elapsedNanos > 0) {
            done.countDown();
        }
    }

    /** @return nanoseconds from the first handled record to the expected last, or -1 if not reached */
    long elapsedNanos() {
        if (adoptedElapsedNanos >= 0) {
            return adoptedElapsedNanos;
        }
        return isDone() ? Math.max(1, lastNanos - firstNanos) : -1;
    }

    /**
     * @return this JVM's process CPU time (every thread: consumer, handlers, GC, JIT) from the first
     *     handled record to the expected last, in nanoseconds; -1 when not measured here (another
     *     JVM's run, or not all handled)
     */
    long cpuNanos() {
        if (adoptedElapsedNanos >= 0 || !isDone() || firstCpuNanos < 0 || lastCpuNanos < 0) {
            return -1;
        }
        return lastCpuNanos - firstCpuNanos;
    }

    /** @return nanoseconds from the creation of this object (just before the consumer starts) to the first record */
    long startupNanos() {
        if (adoptedStartupNanos >= 0) {
            return adoptedStartupNanos;
        }
        return firstNanos == 0 ? -1 : firstNanos - createdNanos;
    }

    /** @return the mean handler latency recorded, in nanoseconds, or NaN */
    double meanLatencyNanos() {
        if (!Double.isNaN(adoptedLatencyNanos)) {
            return adoptedLatencyNanos;
        }
        long samples = latencySamples.sum();
        return samples == 0 ? Double.NaN : (double) latencyNanos.sum() / samples;
    }
}
