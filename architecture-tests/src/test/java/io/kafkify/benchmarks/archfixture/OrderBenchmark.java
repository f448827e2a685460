package io.kafkify.benchmarks.archfixture;

import io.kafkify.consumers.infrastructure.archfixture.KafkaOrderAdapter;
import io.kafkify.consumers.testkit.broker.archfixture.EmbeddedOrderBroker;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Architecture fixture, compliant: a benchmark comparing the adapter with a raw consumer. */
public final class OrderBenchmark {

    private EmbeddedOrderBroker broker;
    private KafkaOrderAdapter adapter;
    private KafkaConsumer<String, byte[]> rawConsumer;
}
