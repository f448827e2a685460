package io.kafkify.consumers.engine.archfixture;

import org.apache.kafka.common.TopicPartition;

/** Architecture fixture, violation: the engine touching Kafka instead of the domain's partition type. */
public final class PartitionAwareOrderEngine {

    private TopicPartition partition;

    public TopicPartition partition() {
        return partition;
    }
}
