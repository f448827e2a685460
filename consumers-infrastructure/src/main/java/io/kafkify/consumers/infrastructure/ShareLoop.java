package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.engine.AcknowledgingEngine;
import io.kafkify.consumers.engine.spi.Acknowledgement;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.kafkify.consumers.infrastructure.HeldRecords.Delivery;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The share adapter's poll loop, on the thread that called {@code listen()}, the only one that
 * uses the {@code ShareConsumer}: poll, start each new delivery on a handler thread (at most
 * {@code maxConcurrency} at once), acknowledge each record once the engine has decided, and renew
 * the lock of every record still running or waiting for its retry's backoff. In explicit mode the
 * client wants every record of a poll acknowledged before the next poll, so the loop polls again
 * once the records of the last poll are all acknowledged, or renews the unfinished ones (which the
 * client then returns again, and the loop recognizes by their coordinates) when half the lock has
 * passed, or earlier when handler threads are idle.
 */
final class ShareLoop {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaShareConsumerAdapter.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long DEFAULT_LOCK_MILLIS = 30_000;
    private static final long MIN_RENEW_MILLIS = 100;
    /** How often, at most, idle handler threads make the loop renew running records to fetch more. */
    private static final long EARLY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final Delivery WAKE = new Delivery("wake", null, 0);
    private static final ThreadLocal<ShareLoop> HANDLING = new ThreadLocal<>();
    /** A share member has no assignment to wait for: once a broker answers again, it runs. */
    private static final Supplier<ConsumerStatus> REGAINED = () -> ConsumerStatus.RUNNING;
    /** How long, at most, the loop waits for handlers before it looks at the connection again. */
    private static final long WATCH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ShareConsumer<byte[], byte[]> consumer;
    private final AcknowledgingEngine engine;
    private final Executor executor;
    private final Status status;
    private final KafkaConsumerConfig config;
    private final int deliveryLimit;
    /** Every delivery not acknowledged yet, by coordinates and by partition. */
    private final HeldRecords tracked;
    private final Connectivity connectivity;
    /** The deliveries the last poll returned and not acknowledged yet: the ones the client waits for. */
    private final Map<String, Delivery> awaiting = new LinkedHashMap<>();
    private final ArrayDeque<Delivery> waiting = new ArrayDeque<>();
    private final LinkedBlockingQueue<Delivery> completed = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private volatile int held;
    private int running;
    private long lastPollNanos;

    ShareLoop(ShareConsumer<byte[], byte[]> consumer, AcknowledgingEngine engine, Executor executor, Status status,
              KafkaConsumerConfig config, int deliveryLimit) {
        this.consumer = consumer;
        this.engine = engine;
        this.executor = executor;
        this.status = status;
        this.config = config;
        this.deliveryLimit = deliveryLimit;
        this.tracked = new HeldRecords(config.maxUnfinishedAge());
        this.connectivity = new Connectivity(consumer::metrics, status, engine::reportError, config,
                KafkaShareConsumerAdapter.class, "share consumer");
        consumer.setAcknowledgementCommitCallback(this::acknowledged);
    }

    /** @return deliveries fetched and not started; any thread */
    int held() {
        return held;
    }

    /** @return the partitions this member holds records of, their progress and the stuck ones; any thread */
    HeldRecords.Snapshot heldRecords() {
        return tracked.snapshot(System.nanoTime());
    }

    /** Wakes the loop from its wait for handlers; any thread. */
    void wake() {
        completed.add(WAKE);
    }

    /**
     * Runs until a stop is asked and every delivery is acknowledged (or the shutdown timeout passed).
     *
     * @param stopRequested read once per round
     * @throws ConsumerStateException when the consumer failed for good
     */
    void run(BooleanSupplier stopRequested) {
        try {
            runRounds(stopRequested);
        } finally {
            tracked.clear();
        }
    }

    private void runRounds(BooleanSupplier stopRequested) {
        long deadline = 0;
        while (true) {
            if (!stopping && stopRequested.getAsBoolean()) {
                stopping = true;
                deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
                releaseWaiting();
            }
            if (stopping && (tracked.isEmpty() || System.nanoTime() - deadline > 0)) {
                return;
            }
            Throwable fatal = engine.fatal();
            if (fatal != null) {
                throw fail("A handler threw " + fatal + ", which is not a record's failure: the consumer stops. The "
                        + "record was released, not acknowledged.", fatal, false);
            }
            connectivity.watch(REGAINED);
            if (awaiting.isEmpty() && !poll()) {
                continue;
            }
            settle(stopRequested, deadline);
        }
    }

    private boolean poll() {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
            return false;
        } catch (AuthenticationException | AuthorizationException e) {
            throw fail("The share group " + config.groupId() + " or its topics are denied: " + e.getMessage()
                    + ". Grant the principal READ on the group and READ and DESCRIBE on the topics.", e, true);
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            throw fail("The polling thread was interrupted", e, true);
        } catch (KafkaException e) {
            engine.reportError(e.toString());
            LOG.warn("Poll failed for share group {}; polling again: {}", config.groupId(), e.toString());
            return false;
        }
        lastPollNanos = System.nanoTime();
        if (status.get() == ConsumerStatus.STARTING) {
            status.set(ConsumerStatus.RUNNING);
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = Delivery.key(record);
            Delivery delivery = tracked.get(key);
            if (delivery == null) {
                if (stopping) {
                    consumer.acknowledge(record, AcknowledgeType.RELEASE);
                    continue;
                }
                delivery = new Delivery(key, record, lastPollNanos);
                tracked.add(delivery);
                waiting.add(delivery);
            } else {
                delivery.record = record;
            }
            awaiting.put(key, delivery);
        }
        return true;
    }

    /** Acknowledges what is decided, until the client may be polled again (or a stop is asked). */
    private void settle(BooleanSupplier stopRequested, long deadline) {
        long renewAt = System.nanoTime() + renewNanos();
        while (true) {
            Delivery next;
            while ((next = completed.poll()) != null) {
                finished(next);
            }
            dispatch();
            long now = System.nanoTime();
            long nextRelease = acknowledgeDecided(now);
            if (awaiting.isEmpty() || (!stopping && stopRequested.getAsBoolean())
                    || (stopping && now - deadline > 0)) {
                return;
            }
            boolean idle = !stopping && waiting.isEmpty() && running < config.maxConcurrency();
            if (now - renewAt >= 0 || (idle && now - lastPollNanos >= EARLY_POLL_NANOS)) {
                renewAwaiting();
                return;
            }
            connectivity.watch(REGAINED);
            long until = Math.min(Math.min(renewAt, nextRelease), now + WATCH_EVERY_NANOS);
            if (idle) {
                until = Math.min(until, lastPollNanos + EARLY_POLL_NANOS);
            }
            try {
                next = completed.poll(Math.max(1, until - now), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail("The polling thread was interrupted", e, true);
            }
            if (next != null) {
                finished(next);
            }
        }
    }

    private void finished(Delivery delivery) {
        if (delivery == WAKE) {
            return;
        }
        running--;
        Acknowledgement result = delivery.result;
        delivery.done = true;
        delivery.releaseAt = result != null && !stopping ? System.nanoTime() + result.releaseAfter().toNanos() : 0;
    }

    /** @return when the next retry's release is due, or {@code Long.MAX_VALUE} */
    private long acknowledgeDecided(long now) {
        long nextRelease = Long.MAX_VALUE;
        for (Iterator<Delivery> it = awaiting.values().iterator(); it.hasNext(); ) {
            Delivery delivery = it.next();
            if (!delivery.done) {
                continue;
            }
            if (!stopping && delivery.releaseAt - now > 0) {
                nextRelease = Math.min(nextRelease, delivery.releaseAt);
                continue;
            }
            Acknowledgement result = delivery.result;
            consumer.acknowledge(delivery.record, result == null ? AcknowledgeType.RELEASE : toKafka(result));
            tracked.remove(delivery.key);
            it.remove();
        }
        return nextRelease == Long.MAX_VALUE ? Long.MAX_VALUE : nextRelease;
    }

    private void renewAwaiting() {
        for (Delivery delivery : awaiting.values()) {
            consumer.acknowledge(delivery.record, AcknowledgeType.RENEW);
        }
        awaiting.clear();
    }

    private void dispatch() {
        while (running < config.maxConcurrency() && !waiting.isEmpty()) {
            Delivery delivery = waiting.poll();
            ConsumerRecord<byte[], byte[]> record = delivery.record;
            RawRecord raw = KafkaRecords.toRaw(record);
            int count = record.deliveryCount().map(Short::intValue).orElse(1);
            running++;
            try {
                executor.execute(() -> run(delivery, raw, count));
            } catch (RejectedExecutionException e) {
                engine.reportError("The handler executor refused " + delivery.key + ": " + e);
                delivery.result = Acknowledgement.RELEASE_NOW;
                completed.add(delivery);
            }
        }
        held = waiting.size();
    }

    /** @return whether the calling thread runs a handler of this loop now (so it must not wait for the loop) */
    boolean isHandlerThread() {
        return HANDLING.get() == this;
    }

    private void run(Delivery delivery, RawRecord raw, int count) {
        Acknowledgement result = Acknowledgement.RELEASE_NOW;
        HANDLING.set(this);
        try {
            result = engine.process(raw, count, deliveryLimit, () -> stopping);
        } finally {
            HANDLING.remove();
            delivery.result = result;
            completed.add(delivery);
        }
    }

    private void releaseWaiting() {
        for (Delivery delivery : waiting) {
            delivery.result = Acknowledgement.RELEASE_NOW;
            delivery.done = true;
        }
        waiting.clear();
        held = 0;
        tracked.releaseAllNow();
    }

    /** The client's callback, inside poll: acknowledgements the broker refused (a lock that expired). */
    private void acknowledged(Map<TopicIdPartition, Set<Long>> offsets, @Nullable Exception exception) {
        if (exception == null) {
            return;
        }
        engine.reportError("Acknowledging " + offsets + " failed: " + exception);
        LOG.warn("Share group {}: the broker refused acknowledgements of {} ({}); it delivers them again",
                config.groupId(), offsets, exception.toString());
        offsets.forEach((partition, numbers) -> numbers.forEach(offset -> {
            String key = Delivery.key(partition.topic(), partition.partition(), offset);
            if (!awaiting.containsKey(key)) {
                tracked.remove(key);
            }
        }));
    }

    private long renewNanos() {
        long lock = consumer.acquisitionLockTimeoutMs().map(Integer::longValue).orElse(DEFAULT_LOCK_MILLIS);
        return TimeUnit.MILLISECONDS.toNanos(Math.max(MIN_RENEW_MILLIS, lock / 2));
    }

    private static AcknowledgeType toKafka(Acknowledgement acknowledgement) {
        return switch (acknowledgement.type()) {
            case ACCEPT -> AcknowledgeType.ACCEPT;
            case REJECT -> AcknowledgeType.REJECT;
            case RELEASE -> AcknowledgeType.RELEASE;
        };
    }

    private ConsumerStateException fail(String reason, Throwable cause, boolean byTheClient) {
        status.failed(byTheClient);
        engine.reportError(reason);
        LOG.error("Share consumer of group {} failed and stops: {}", config.groupId(), reason, cause);
        return new ConsumerStateException(reason, cause);
    }
}
