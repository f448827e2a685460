package io.kafkify.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The ways to configure a consumer that docs/configuration.md shows, each checked. */
class ConfigurationExamplesTest {

    @Test
    void builds_a_configuration_with_the_builder() {
        // tag::builder[]
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .bootstrapServers("broker-1:9092,broker-2:9092")
                .groupId("people-service")
                .ordering(Ordering.KEY)                        // in order per key, in parallel across keys
                .maxConcurrency(32)
                .maxAttempts(5)                                // then the failure policy takes the record
                .failurePolicy(FailurePolicy.DEAD_LETTER)      // the default: <topic>.DLT
                .shutdownTimeout(Duration.ofSeconds(20))
                .property("security.protocol", "SASL_SSL")     // any Kafka client property reaches the client
                .property("sasl.mechanism", "PLAIN")
                .build();
        // end::builder[]

        assertThat(config.ordering()).isEqualTo(Ordering.KEY);
        assertThat(config.toConsumerProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void reads_a_properties_file_by_kafka_and_kafkify_names() throws IOException {
        String file = String.join("\n",
                "bootstrap.servers=localhost:9092",
                "group.id=people-service",
                "max.poll.records=200",
                "kafkify.ordering=KEY",
                "kafkify.shutdown-timeout=PT20S",
                "security.protocol=SASL_SSL");
        Properties properties = new Properties();
        properties.load(new StringReader(file));

        // tag::from-properties[]
        KafkaConsumerConfig config = KafkaConsumerConfig.fromProperties(properties);
        // end::from-properties[]

        assertThat(config.maxPollRecords()).isEqualTo(200);
        assertThat(config.ordering()).isEqualTo(Ordering.KEY);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void lets_a_file_and_then_the_environment_override_the_defaults_written_in_code() {
        Properties file = new Properties();
        file.setProperty("kafkify.max-concurrency", "16");
        file.setProperty("kafkify.ordering", "KEY");
        Map<String, String> environment = Map.of(
                "KAFKIFY_BOOTSTRAP_SERVERS", "localhost:9092",
                "KAFKIFY_MAX_CONCURRENCY", "8",
                "KAFKIFY_KAFKA_SASL_MECHANISM", "PLAIN");

        // tag::precedence[]
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .groupId("people-service")  // defaults written in code first,
                .maxConcurrency(32)
                .properties(file)           // then a properties file overrides them,
                .environment(environment)   // and the KAFKIFY_* variables override both
                .build();
        // end::precedence[]

        assertThat(config.maxConcurrency()).isEqualTo(8);
        assertThat(config.ordering()).isEqualTo(Ordering.KEY);
        assertThat(config.groupId()).isEqualTo("people-service");
        assertThat(config.extraProperties()).containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void a_setter_called_after_builder_from_environment_wins_over_the_variable() {
        Map<String, String> environment = Map.of(
                "KAFKIFY_BOOTSTRAP_SERVERS", "localhost:9092",
                "KAFKIFY_MAX_CONCURRENCY", "8");

        // tag::from-environment[]
        KafkaConsumerConfig config = KafkaConsumerConfig.builderFromEnvironment(environment) // KAFKIFY_* variables
                .groupId("people-service")  // completes them: KAFKIFY_GROUP_ID, if set, is overridden
                .build();
        // end::from-environment[]

        assertThat(config.maxConcurrency()).isEqualTo(8);
        assertThat(config.groupId()).isEqualTo("people-service");
        assertThat(KafkaConsumerConfig.builderFromEnvironment(environment).maxConcurrency(32).build().maxConcurrency())
                .isEqualTo(32);
    }

    @Test
    void lists_every_violation_in_one_exception() {
        // tag::violations[]
        assertThatThrownBy(() -> KafkaConsumerConfig.builder()
                .bootstrapServers("localhost")                 // no port
                .maxPollRecords(0)
                .property("sasl.jaas.config", "")
                .build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("bootstrapServers")
                .hasMessageContaining("maxPollRecords: must be between 1 and 100000, was \"0\"");
        // end::violations[]
    }
}
