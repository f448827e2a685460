package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PartitionProgress;
import io.kafkify.consumers.domain.StuckPartition;
import io.kafkify.consumers.engine.spi.Acknowledgement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * The deliveries a share consumer holds: acquired from the broker and not acknowledged yet, by
 * coordinates for the share loop and by partition for {@code state()}. A share consumer does not
 * expose its assignment, so the partitions it holds records of are the ones the member reports as
 * its own, and the age of the oldest record it holds in each tells a handler that hangs: past
 * {@code maxUnfinishedAge} the partition is stuck. A share group commits no offset per member, so
 * the progress has no committable or end offset (both -1, a committed lag of 0).
 *
 * <p>Threading: changed by the polling thread; {@link #snapshot} is read from any thread, so
 * every method holds the lock (uncontended but for a health check).
 */
final class HeldRecords {

    private final long maxUnfinishedNanos;
    private final Map<String, Delivery> byKey = new HashMap<>();
    /** Per partition in the order acquired, so the first is the oldest. */
    private final Map<PartitionId, LinkedHashSet<Delivery>> byPartition = new HashMap<>();

    /** One delivery of a record: the record as the client last returned it, and what the engine decided. */
    static final class Delivery {
        final String key;
        final @Nullable PartitionId partition;
        /** When this member acquired it ({@code System.nanoTime()}); a renewal keeps it. */
        final long acquiredAt;
        @Nullable ConsumerRecord<byte[], byte[]> record;
        volatile @Nullable Acknowledgement result;
        boolean done;
        long releaseAt;

        Delivery(String key, @Nullable ConsumerRecord<byte[], byte[]> record, long acquiredAt) {
            this.key = key;
            this.record = record;
            this.partition = record == null ? null : new PartitionId(record.topic(), record.partition());
            this.acquiredAt = acquiredAt;
        }

        static String key(ConsumerRecord<?, ?> record) {
            return key(record.topic(), record.partition(), record.offset());
        }

        static String key(String topic, int partition, long offset) {
            return topic + "-" + partition + "@" + offset;
        }
    }

    /** What {@code state()} reports of the held records. */
    record Snapshot(List<PartitionId> partitions, List<PartitionProgress> progress, List<StuckPartition> stuck) {
        static final Snapshot NONE = new Snapshot(List.of(), List.of(), List.of());
    }

    /** @param maxUnfinishedAge how long a record may be held before its partition counts as stuck */
    HeldRecords(Duration maxUnfinishedAge) {
        this.maxUnfinishedNanos = maxUnfinishedAge.toNanos();
    }

    synchronized @Nullable Delivery get(String key) {
        return byKey.get(key);
    }

    synchronized void add(Delivery delivery) {
        byKey.put(delivery.key, delivery);
        byPartition.computeIfAbsent(delivery.partition, p -> new LinkedHashSet<>()).add(delivery);
    }

    /** Forgets a delivery: acknowledged, or its acknowledgement refused (the broker delivers it again). */
    synchronized void remove(String key) {
        Delivery delivery = byKey.remove(key);
        if (delivery == null) {
            return;
        }
        LinkedHashSet<Delivery> partition = byPartition.get(delivery.partition);
        partition.remove(delivery);
        if (partition.isEmpty()) {
            byPartition.remove(delivery.partition);
        }
    }

    synchronized boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** Every held delivery's retry is due now: the stop releases them. */
    synchronized void releaseAllNow() {
        for (Delivery delivery : byKey.values()) {
            delivery.releaseAt = 0;
        }
    }

    /** Forgets everything: the consumer is closed, which releases what it held. */
    synchronized void clear() {
        byKey.clear();
        byPartition.clear();
    }

    /**
     * @param now {@code System.nanoTime()}
     * @return the partitions held, sorted, their progress, and the stuck ones
     */
    synchronized Snapshot snapshot(long now) {
        if (byPartition.isEmpty()) {
            return Snapshot.NONE;
        }
        Map<PartitionId, LinkedHashSet<Delivery>> sorted = new TreeMap<>(byPartition);
        List<PartitionProgress> progress = new ArrayList<>(sorted.size());
        List<StuckPartition> stuck = new ArrayList<>();
        for (Map.Entry<PartitionId, LinkedHashSet<Delivery>> entry : sorted.entrySet()) {
            Delivery oldest = entry.getValue().iterator().next();
            long age = Math.max(0, now - oldest.acquiredAt);
            progress.add(new PartitionProgress(entry.getKey(), entry.getValue().size(), -1, -1, Duration.ofNanos(age),
                    Duration.ZERO));
            if (age > maxUnfinishedNanos) {
                long offset = oldest.record == null ? -1 : oldest.record.offset();
                stuck.add(new StuckPartition(entry.getKey(), "its oldest unfinished record (offset " + offset
                        + ") has been held " + Duration.ofNanos(age).toMillis() + " ms, longer than maxUnfinishedAge ("
                        + Duration.ofNanos(maxUnfinishedNanos).toMillis() + " ms)"));
            }
        }
        return new Snapshot(List.copyOf(sorted.keySet()), progress, stuck);
    }
}
