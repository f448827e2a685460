package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class SecretsNeverLoggedIT {

    private static final String SECRET = "s3cr3t-" + UUID.randomUUID();

    @Test
    void a_secret_property_never_appears_in_the_adapter_logs_or_its_config_text() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        String topic = "secrets-" + UUID.randomUUID();
        broker.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> producer = broker.newProducer()) {
            producer.send(new ProducerRecord<>(topic, "{}".getBytes(StandardCharsets.UTF_8))).get();
        }
        List<Object> handled = new CopyOnWriteArrayList<>();
        String logged;
        KafkaConsumerConfig config;
        try (KafkaConsumerConfigLogCapture capture = new KafkaConsumerConfigLogCapture()) {
            config = KafkaConsumerConfig.builder()
                    .bootstrapServers(broker.bootstrapServers())
                    .groupId("secrets-" + UUID.randomUUID())
                    .property("ssl.key.password", SECRET)
                    .property("my.own.token", SECRET)
                    .secret("my.own.token")
                    .build();
            KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(config);
            adapter.get(topic, handled::add);
            adapter.start();
            CompletableFuture<Void> loop = CompletableFuture.runAsync(adapter::listen);
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 1);
            adapter.stop();
            loop.join();
            logged = capture.text();
        }

        assertThat(logged).contains("subscribed to [" + topic + "]").doesNotContain(SECRET);
        assertThat(config.toString()).doesNotContain(SECRET);
    }
}
