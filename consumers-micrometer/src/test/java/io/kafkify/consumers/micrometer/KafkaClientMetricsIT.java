package io.kafkify.consumers.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** On a real broker and a real registry: one line on the builder binds the Kafka client's own metrics. */
class KafkaClientMetricsIT {

    private static final int RECORDS = 20;

    @Test
    void one_line_binds_the_clients_metrics_beside_kafkifys_and_stopping_removes_them() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        String topic = "client-metrics-" + UUID.randomUUID();
        broker.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> producer = broker.newProducer()) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaConsumerConfig config = KafkaConsumerConfig.builder().bootstrapServers(broker.bootstrapServers())
                .groupId("client-metrics-" + UUID.randomUUID()).build();
        // tag::client-metrics[]
        KafkifyMetrics metrics = new KafkifyMetrics(registry);
        KafkaBaseConsumerAdapter consumer = KafkaBaseConsumerAdapter.builder(config)
                .observer(metrics)
                .clientMetrics(client -> metrics.bind(new KafkaClientMetrics(client)))
                .build();
        metrics.bindState(consumer::state);
        // end::client-metrics[]
        consumer.get(topic, message -> { });
        consumer.start();
        CompletableFuture<Void> loop = CompletableFuture.runAsync(consumer::listen);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(consumer.state().handled()).isEqualTo(RECORDS);
                FunctionCounter consumed = consumedByClient(registry, config.groupId());
                assertThat(consumed).as("the client's own records-consumed-total").isNotNull();
                assertThat(consumed.count()).isEqualTo(RECORDS);
            });
            assertThat(registry.get(KafkifyMetrics.RECORDS).counter().count()).isEqualTo(RECORDS);
        } finally {
            consumer.stop();
            loop.join();
        }
        assertThat(consumedByClient(registry, config.groupId())).as("removed on stop").isNull();
        assertThat(registry.getMeters()).map(Meter::getId).map(Meter.Id::getName)
                .noneMatch(name -> name.startsWith("kafka.consumer"))
                .contains(KafkifyMetrics.RECORDS);
    }

    /**
     * The client's records-consumed-total, the client-wide series (not a topic's); its client id
     * ends with a number the Kafka client counts up per JVM, so only its start is known.
     */
    private static @Nullable FunctionCounter consumedByClient(SimpleMeterRegistry registry, String groupId) {
        return registry.find("kafka.consumer.fetch.manager.records.consumed.total").functionCounters().stream()
                .filter(counter -> counter.getId().getTag("topic") == null)
                .filter(counter -> String.valueOf(counter.getId().getTag("client.id"))
                        .startsWith("consumer-" + groupId + "-"))
                .findFirst().orElse(null);
    }
}
