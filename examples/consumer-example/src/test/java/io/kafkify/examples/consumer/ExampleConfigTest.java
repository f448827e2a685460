package io.kafkify.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleConfigTest {

    @TempDir
    Path directory;

    @Test
    void asks_for_the_embedded_broker_when_no_source_names_bootstrap_servers() {
        ExampleConfig settings = ExampleConfig.load(null, Map.of("PATH", "/usr/bin"));

        assertThat(settings.hasBootstrapServers()).isFalse();
        KafkaConsumerConfig config = settings.buildFor("127.0.0.1:9092");
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.groupId()).isEqualTo(ExampleConfig.DEFAULT_GROUP_ID);
    }

    @Test
    void reads_kafkify_variables() {
        KafkaConsumerConfig config = ExampleConfig.load(null,
                Map.of("KAFKIFY_BOOTSTRAP_SERVERS", "kafkify:9092", "KAFKIFY_GROUP_ID", "people-service")).build();

        assertThat(config.bootstrapServers()).isEqualTo("kafkify:9092");
        assertThat(config.groupId()).isEqualTo("people-service");
    }

    @Test
    void prefers_kafka_bootstrap_servers_to_the_kafkify_variable() {
        ExampleConfig settings = ExampleConfig.load(null,
                Map.of("KAFKIFY_BOOTSTRAP_SERVERS", "kafkify:9092", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

        assertThat(settings.hasBootstrapServers()).isTrue();
        assertThat(settings.build().bootstrapServers()).isEqualTo("kafka:9092");
    }

    @Test
    void prefers_the_config_file_to_the_environment() throws IOException {
        Path file = Files.writeString(directory.resolve("consumer.properties"),
                "bootstrap.servers=file:9092\ngroup.id=from-file\nkafkify.max-concurrency=4\n");

        KafkaConsumerConfig config = ExampleConfig.load(file,
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "KAFKIFY_GROUP_ID", "from-env")).build();

        assertThat(config.bootstrapServers()).isEqualTo("file:9092");
        assertThat(config.groupId()).isEqualTo("from-file");
        assertThat(config.maxConcurrency()).isEqualTo(4);
    }

    @Test
    void reports_every_invalid_setting_at_once() throws IOException {
        Path file = Files.writeString(directory.resolve("consumer.properties"),
                "max.poll.records=0\nkafkify.ordering=SIDEWAYS\n");

        assertThatThrownBy(() -> ExampleConfig.load(file, Map.of()).buildFor("127.0.0.1:9092"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("maxPollRecords")
                .hasMessageContaining("SIDEWAYS");
    }
}
