package io.kafkify.benchmarks;

import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Samples a running adapter for scenario 3 on a thread of its own: its buffered count and the
 * used heap every 5 ms, and at fixed intervals the live heap (used heap right after a forced
 * full GC), the buffered count and a progress counter of the caller's at that moment.
 */
final class MemorySampler implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 5;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicReference<@Nullable KafkaBaseConsumerAdapter> adapter = new AtomicReference<>();
    private final AtomicInteger maxBuffered = new AtomicInteger();
    private final AtomicLong peakHeap = new AtomicLong();
    private final List<Long> liveHeap = new ArrayList<>();
    private final List<Integer> bufferedAtGc = new ArrayList<>();
    private final List<Long> progressAtGc = new ArrayList<>();
    private final long baseline;
    private final Thread thread;

    /**
     * @param gcEveryMillis how often to force a full GC and read the live heap
     * @param progress read at each forced GC (e.g. records handled so far)
     */
    MemorySampler(long gcEveryMillis, LongSupplier progress) {
        System.gc();
        this.baseline = memory.getHeapMemoryUsage().getUsed();
        this.thread = new Thread(() -> sample(gcEveryMillis, progress), "bench-memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** @param running the adapter to sample from now on */
    void watch(KafkaBaseConsumerAdapter running) {
        adapter.set(running);
    }

    private void sample(long gcEveryMillis, LongSupplier progress) {
        long nextGc = System.nanoTime() + gcEveryMillis * 1_000_000;
        while (!Thread.currentThread().isInterrupted()) {
            KafkaBaseConsumerAdapter current = adapter.get();
            if (current != null) {
                maxBuffered.accumulateAndGet(current.state().buffered(), Math::max);
            }
            peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            if (current != null && System.nanoTime() - nextGc >= 0) {
                System.gc();
                synchronized (liveHeap) {
                    liveHeap.add(memory.getHeapMemoryUsage().getUsed());
                    bufferedAtGc.add(current.state().buffered());
                    progressAtGc.add(progress.getAsLong());
                }
                nextGc = System.nanoTime() + gcEveryMillis * 1_000_000;
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long baseline() {
        return baseline;
    }

    int maxBuffered() {
        return maxBuffered.get();
    }

    long peakHeap() {
        return peakHeap.get();
    }

    List<Long> liveHeap() {
        synchronized (liveHeap) {
            return List.copyOf(liveHeap);
        }
    }

    List<Integer> bufferedAtGc() {
        synchronized (liveHeap) {
            return List.copyOf(bufferedAtGc);
        }
    }

    List<Long> progressAtGc() {
        synchronized (liveHeap) {
            return List.copyOf(progressAtGc);
        }
    }
}
