package io.kafkify.consumers.metrics.archfixture;

import org.apache.kafka.clients.consumer.Consumer;

/** Architecture fixture, violation: a class in a package that belongs to no known module. */
public final class KafkaLagGauge {

    public int assignedPartitions(Consumer<?, ?> consumer) {
        return consumer.assignment().size();
    }
}
