package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.engine.SystemScheduler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The threads a Kafka adapter owns besides the polling one: the retry scheduler, and the handler
 * pool of {@code maxConcurrency} daemon threads unless the application gave its own executor,
 * which the adapter then never shuts down.
 */
final class HandlerThreads {

    private final SystemScheduler scheduler;
    private final @Nullable ExecutorService ownPool;
    private final Executor executor;

    /**
     * @param config names the threads after the group and sizes the pool
     * @param given the application's executor, or {@code null} for a pool of the adapter's own
     */
    HandlerThreads(KafkaConsumerConfig config, @Nullable Executor given) {
        this.scheduler = new SystemScheduler("kafkify-retry-" + config.groupId());
        this.ownPool = given == null ? pool(config) : null;
        this.executor = given != null ? given : ownPool;
    }

    SystemScheduler scheduler() {
        return scheduler;
    }

    Executor executor() {
        return executor;
    }

    /** Stops the scheduler, and the own pool after waiting up to {@code wait} for running handlers. */
    void close(Duration wait) {
        scheduler.close();
        if (ownPool == null) {
            return;
        }
        ownPool.shutdown();
        try {
            if (!ownPool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                ownPool.shutdownNow();
            }
        } catch (InterruptedException e) {
            ownPool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ExecutorService pool(KafkaConsumerConfig config) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(config.maxConcurrency(), runnable -> {
            Thread thread = new Thread(runnable, "kafkify-handler-" + config.groupId() + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
