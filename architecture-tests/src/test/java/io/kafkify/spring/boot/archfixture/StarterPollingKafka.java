package io.kafkify.spring.boot.archfixture;

import org.apache.kafka.clients.consumer.Consumer;

/** Architecture fixture, violation: the starter drives a Kafka client itself instead of the Kafka adapter. */
public final class StarterPollingKafka {

    public int assigned(Consumer<byte[], byte[]> consumer) {
        return consumer.assignment().size();
    }
}
