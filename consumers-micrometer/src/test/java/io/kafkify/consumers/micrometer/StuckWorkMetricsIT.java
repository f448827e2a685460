package io.kafkify.consumers.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** On a real broker: a handler that holds up 1,000 records shows in the gauges and in the health, and both recover. */
class StuckWorkMetricsIT {

    private static final int RECORDS = 2_000;
    private static final long HELD_AT = 1_000;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void lag_and_oldest_age_show_held_records_the_health_turns_false_and_all_return_once_released() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        String topic = "stuck-" + UUID.randomUUID();
        broker.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> producer = broker.newProducer()) {
            for (int i = 0; i < RECORDS; i++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                        ("{\"code\":\"PING\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                record.headers().add("traceparent", String.format("00-%032x-%016x-01", i + 1, i + 1)
                        .getBytes(StandardCharsets.UTF_8));
                // the first one waits for its acknowledgement, so that no retry of a fresh partition doubles the rest
                if (i == 0) {
                    producer.send(record).get();
                } else {
                    producer.send(record);
                }
            }
            producer.flush();
        }
        CountDownLatch release = new CountDownLatch(1);
        KafkifyMetrics metrics = new KafkifyMetrics(registry);
        KafkaConsumerConfig config = KafkaConsumerConfig.builder().bootstrapServers(broker.bootstrapServers())
                .groupId("stuck-" + UUID.randomUUID()).maxUnfinishedAge(Duration.ofSeconds(2)).build();
        KafkaBaseConsumerAdapter consumer = KafkaBaseConsumerAdapter.builder(config).observer(metrics).build();
        metrics.bindState(consumer::state);
        consumer.get(topic, message -> {
            if (message.offset() == HELD_AT) {
                release.await(60, TimeUnit.SECONDS);
            }
        });
        consumer.start();
        CompletableFuture<Void> loop = CompletableFuture.runAsync(consumer::listen);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                long end = endOffset(consumer);
                assertThat(end).isGreaterThanOrEqualTo(RECORDS);
                // Records that ran in the held record's batch (at most 64) are applied with it, so the
                // committable offset may stand up to 63 records before it.
                assertThat(gauge(KafkifyMetrics.LAG, topic)).isBetween((double) end - HELD_AT, end - HELD_AT + 63.0);
                assertThat(gauge(KafkifyMetrics.OLDEST_AGE, topic)).isGreaterThan(2.0);
                ConsumerState state = consumer.state();
                assertThat(state.healthy()).isFalse();
                assertThat(state.stuckPartitions()).singleElement()
                        .satisfies(stuck -> assertThat(stuck.reason()).contains("oldest unfinished record"));
            });
            assertThat(registry.get(KafkifyMetrics.IN_FLIGHT).gauge().value()).isEqualTo(1);

            release.countDown();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(gauge(KafkifyMetrics.LAG, topic)).isZero();
                assertThat(gauge(KafkifyMetrics.OLDEST_AGE, topic)).isZero();
                assertThat(consumer.state().healthy()).isTrue();
            });
            assertThat(registry.get(KafkifyMetrics.RECORDS).tags("topic", topic, "code", "PING", "outcome", "handled")
                    .counter().count()).isEqualTo(endOffset(consumer));
            Set<Set<String>> handlerTagKeys = registry.get(KafkifyMetrics.HANDLER).timers().stream()
                    .map(timer -> timer.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
                    .collect(Collectors.toSet());
            assertThat(handlerTagKeys).containsExactly(Set.of("topic", "code", "outcome"));
        } finally {
            release.countDown();
            consumer.stop();
            loop.join();
        }
    }

    private double gauge(String name, String topic) {
        io.micrometer.core.instrument.Gauge gauge = registry.find(name).tags("topic", topic, "partition", "0").gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static long endOffset(KafkaBaseConsumerAdapter consumer) {
        return consumer.state().partitions().stream().mapToLong(p -> p.endOffset()).findFirst().orElse(-1);
    }
}
