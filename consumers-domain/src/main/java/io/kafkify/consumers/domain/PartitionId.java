package io.kafkify.consumers.domain;

import java.util.Objects;

/**
 * A topic partition, named without Kafka's client types so that the domain stays free of them.
 *
 * @param topic the topic
 * @param partition the partition number
 */
public record PartitionId(String topic, int partition) implements Comparable<PartitionId> {
    /**
     * Checks and normalizes the components.
     *
     * @param topic see {@link #topic()}
     * @param partition see {@link #partition()}
     */
    public PartitionId {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
    }

    @Override
    public int compareTo(PartitionId other) {
        int byTopic = topic.compareTo(other.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
    }

    /** @return {@code topic-partition}, as Kafka writes it */
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
