package io.kafkify.consumers.testkit.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void starts_a_broker_that_accepts_produce_and_consume() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        String topic = unique("greetings");
        broker.createTopic(topic, 3);

        produce(broker, topic, 0, 10);

        try (KafkaConsumer<byte[], byte[]> consumer = broker.newConsumer(unique("readers"))) {
            consumer.subscribe(List.of(topic));
            assertThat(values(pollUntil(consumer, 10))).containsExactlyInAnyOrderElementsOf(values(0, 10));
        }
    }

    @Test
    void restarts_on_the_same_port_and_keeps_committed_offsets() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            String address = broker.bootstrapServers();
            broker.createTopic("orders", 1);
            TopicPartition partition = new TopicPartition("orders", 0);
            produce(broker, "orders", 0, 10);
            try (KafkaConsumer<byte[], byte[]> consumer = broker.newConsumer("billing")) {
                consumer.subscribe(List.of("orders"));
                assertThat(pollUntil(consumer, 10)).hasSize(10);
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(6)));
            }

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            broker.restart();

            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo(address);
            produce(broker, "orders", 10, 12);
            try (KafkaConsumer<byte[], byte[]> consumer = broker.newConsumer("billing")) {
                consumer.subscribe(List.of("orders"));
                List<ConsumerRecord<byte[], byte[]>> resumed = pollUntil(consumer, 6);
                assertThat(resumed).extracting(ConsumerRecord::offset).containsExactly(6L, 7L, 8L, 9L, 10L, 11L);
                assertThat(values(resumed)).containsExactlyElementsOf(values(6, 12));
            }
        }
    }

    @Test
    void stops_gracefully_and_deletes_its_directory_on_close() {
        Path directory;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            directory = broker.logFile().getParent();

            broker.stop();

            assertThat(broker.isRunning()).isFalse();
            assertThat(broker.logFile()).content(UTF_8).contains("shut down completed");
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void shared_instance_is_started_once_per_jvm() {
        EmbeddedKafkaBroker first = EmbeddedKafkaBroker.shared();
        first.close(); // does nothing: the shared broker outlives its users

        EmbeddedKafkaBroker second = EmbeddedKafkaBroker.shared();

        assertThat(second).isSameAs(first);
        assertThat(second.isRunning()).isTrue();
        assertThat(second.bootstrapServers()).isEqualTo(first.bootstrapServers());
        assertThat(second.logFile()).content(UTF_8).containsOnlyOnce("--format");
    }

    @Test
    void reports_the_end_of_the_broker_log_when_the_broker_does_not_start() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .brokerProperty("log.retention.bytes", "a lot")
                .build()) {
            assertThatThrownBy(broker::start)
                    .isInstanceOf(EmbeddedKafkaBrokerException.class)
                    .hasMessageContaining("exited with code")
                    .hasMessageContaining("log.retention.bytes");
            assertThat(broker.isRunning()).isFalse();
        }
    }

    @Test
    void rejects_settings_that_define_the_node() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().brokerProperty("listeners", "PLAINTEXT://:9092").build())
                .hasMessageContaining("listeners: is set by EmbeddedKafkaBroker itself");
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, int from, int to) {
        try (KafkaProducer<byte[], byte[]> producer = broker.newProducer()) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, key(i), value(i)));
            }
            producer.flush();
        }
    }

    /** Polls until at least {@code count} records arrived, within the deadline. */
    private static List<ConsumerRecord<byte[], byte[]>> pollUntil(KafkaConsumer<byte[], byte[]> consumer, int count) {
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        await().atMost(DEADLINE).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.size() >= count;
        });
        return received;
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> new String(record.value(), UTF_8)).toList();
    }

    private static List<String> values(int from, int to) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add(new String(value(i), UTF_8));
        }
        return values;
    }

    private static byte[] key(int i) {
        return ("key-" + i).getBytes(UTF_8);
    }

    private static byte[] value(int i) {
        return ("value-" + i).getBytes(UTF_8);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
