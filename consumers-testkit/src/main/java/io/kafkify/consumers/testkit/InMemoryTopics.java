package io.kafkify.consumers.testkit;

import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.engine.ProcessingEngine;
import io.kafkify.consumers.engine.spi.FlowControl;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The in-memory stand-in for a broker and a poll loop: topics of partitions whose offsets count
 * up from zero, the consumer's fetch position in each, and {@link #pump}, which does what the
 * Kafka adapter's poll loop does with the engine. Guarded by the {@link InMemoryConsumer}'s
 * monitor.
 */
final class InMemoryTopics {

    private final Map<String, Integer> partitionsPerTopic;
    private final int maxPollRecords;
    private final Map<PartitionId, List<RawRecord>> log = new TreeMap<>();
    private final Map<PartitionId, Integer> positions = new HashMap<>();
    private final Set<PartitionId> assigned = new LinkedHashSet<>();

    InMemoryTopics(Map<String, Integer> partitionsPerTopic, int maxPollRecords) {
        this.partitionsPerTopic = Map.copyOf(partitionsPerTopic);
        this.maxPollRecords = maxPollRecords;
    }

    /** Appends a record; a keyed record always lands in the same partition of its topic. */
    RawRecord append(String topic, byte[] key, byte[] value, List<MessageHeader> headers, Instant timestamp) {
        PartitionId partition = new PartitionId(topic, partitionOf(topic, key));
        List<RawRecord> records = log.computeIfAbsent(partition, p -> new ArrayList<>());
        RawRecord record = new RawRecord(topic, partition.partition(), records.size(), timestamp,
                key == null ? null : key.clone(), value == null ? null : value.clone(),
                headers == null ? List.of() : List.copyOf(headers));
        records.add(record);
        return record;
    }

    /**
     * Until nothing moves: assigns the partitions of subscribed topics, applies the engine's flow
     * control (seeks, pauses), hands each partition it lets through up to one poll's worth of
     * records. Reentrant: a synchronous handler that sends comes back here, which is safe because
     * positions move before records are handed over.
     *
     * @param engine the engine
     * @param running whether the consumer still runs; checked between rounds
     * @param afterRound told after each round, to collect what may be committed
     */
    void pump(ProcessingEngine engine, java.util.function.BooleanSupplier running, Runnable afterRound) {
        for (PartitionId partition : log.keySet()) {
            if (engine.topics().contains(partition.topic()) && assigned.add(partition)) {
                engine.assign(List.of(partition));
            }
        }
        boolean moved = true;
        while (moved && running.getAsBoolean()) {
            moved = false;
            FlowControl flow = engine.flowControl();
            flow.seeks().forEach((partition, offset) -> positions.put(partition, offset.intValue()));
            for (PartitionId partition : List.copyOf(assigned)) {
                List<RawRecord> records = log.get(partition);
                int position = positions.getOrDefault(partition, 0);
                if (flow.paused().contains(partition) || position >= records.size()) {
                    continue;
                }
                int end = Math.min(records.size(), position + maxPollRecords);
                positions.put(partition, end);
                engine.accept(partition, List.copyOf(records.subList(position, end)));
                moved = true;
            }
            afterRound.run();
        }
    }

    /** @return whether every assigned partition not in {@code stopped} has been fetched to its end */
    boolean caughtUp(Set<PartitionId> stopped) {
        for (PartitionId partition : assigned) {
            if (positions.getOrDefault(partition, 0) < log.get(partition).size() && !stopped.contains(partition)) {
                return false;
            }
        }
        return true;
    }

    /** @return the partitions of subscribed topics that have records, in the order they appeared */
    List<PartitionId> assigned() {
        return List.copyOf(assigned);
    }

    private int partitionOf(String topic, byte[] key) {
        int partitions = partitionsPerTopic.getOrDefault(topic, 1);
        if (key == null || partitions == 1) {
            return 0;
        }
        return (Arrays.hashCode(key) & Integer.MAX_VALUE) % partitions;
    }
}
