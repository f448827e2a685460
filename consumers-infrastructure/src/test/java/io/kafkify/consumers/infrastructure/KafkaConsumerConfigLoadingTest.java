package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.Ordering;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kafkify.consumers.domain.InvalidConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KafkaConsumerConfigLoadingTest {

    static List<String> violationsOf(Runnable load) {
        InvalidConfigurationException failure = catchThrowableOfType(InvalidConfigurationException.class, load::run);
        assertThat(failure).as("loading must fail").isNotNull();
        return failure.violations();
    }

    @Nested
    class FromMap {

        @Test
        void reads_kafka_names_kafkify_names_and_other_kafka_properties() {
            KafkaConsumerConfig config = KafkaConsumerConfig.fromMap(Map.of(
                    "bootstrap.servers", List.of("kafka-1:9092", "kafka-2:9092"),
                    "group.id", "people-service",
                    "kafkify.ordering", "key",
                    "kafkify.max-concurrency", 32,
                    "kafkify.max-buffered-records", "2000",
                    "kafkify.shutdown-timeout", "PT45S",
                    "kafkify.revoke-timeout", "2500",
                    "kafkify.enable-auto-commit", false,
                    "security.protocol", "SSL"));

            assertThat(config.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
            assertThat(config.groupId()).isEqualTo("people-service");
            assertThat(config.ordering()).isEqualTo(Ordering.KEY);
            assertThat(config.maxConcurrency()).isEqualTo(32);
            assertThat(config.maxBufferedRecords()).isEqualTo(2_000);
            assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(45));
            assertThat(config.revokeTimeout()).isEqualTo(Duration.ofMillis(2_500));
            assertThat(config.extraProperties()).containsExactlyEntriesOf(Map.of("security.protocol", "SSL"));
        }

        @Test
        void the_kafkify_name_wins_over_the_kafka_name_of_one_setting() {
            KafkaConsumerConfig config = KafkaConsumerConfig.fromMap(Map.of(
                    "bootstrap.servers", "kafka:9092",
                    "group.id", "from-kafka-name",
                    "kafkify.group-id", "from-kafkify-name"));

            assertThat(config.groupId()).isEqualTo("from-kafkify-name");
        }

        @Test
        void reports_conversion_errors_as_violations_naming_the_key() {
            assertThat(violationsOf(() -> KafkaConsumerConfig.fromMap(Map.of(
                    "bootstrap.servers", "kafka:9092",
                    "max.poll.records", "lots",
                    "kafkify.shutdown-timeout", "30 seconds",
                    "kafkify.ordering", "random",
                    "kafkify.enable-auto-commit", "yes",
                    "kafkify.max-concurrency", 3_000_000_000L))))
                    .containsExactly(
                            "enableAutoCommit: must be true or false (given as kafkify.enable-auto-commit), was \"yes\"",
                            "maxConcurrency: must be an integer from -2147483648 to 2147483647"
                                    + " (given as kafkify.max-concurrency), was \"3000000000\"",
                            "maxPollRecords: must be an integer (given as max.poll.records), was \"lots\"",
                            "ordering: must be one of [PARTITION, KEY, UNORDERED] (given as kafkify.ordering),"
                                    + " was \"random\"",
                            "shutdownTimeout: must be an ISO-8601 duration such as PT30S, or a number of"
                                    + " milliseconds (given as kafkify.shutdown-timeout), was \"30 seconds\"");
        }
    }

    @Nested
    class FromProperties {

        @Test
        void reads_a_properties_file_with_its_defaults() {
            Properties defaults = new Properties();
            defaults.setProperty("group.id", "default-group");
            defaults.setProperty("kafkify.max-concurrency", "8");
            Properties properties = new Properties(defaults);
            properties.setProperty("bootstrap.servers", "kafka:9092");
            properties.setProperty("kafkify.max-concurrency", "4");
            properties.setProperty("max.partition.fetch.bytes", "2097152");

            KafkaConsumerConfig config = KafkaConsumerConfig.fromProperties(properties);

            assertThat(config.groupId()).isEqualTo("default-group");
            assertThat(config.maxConcurrency()).isEqualTo(4);
            assertThat(config.toConsumerProperties()).containsEntry("max.partition.fetch.bytes", "2097152");
        }
    }

    @Nested
    class FromEnvironment {

        @Test
        void reads_every_typed_setting_from_kafkify_variables() {
            Map<String, String> environment = new HashMap<>();
            environment.put("KAFKIFY_BOOTSTRAP_SERVERS", "kafka:9092");
            environment.put("KAFKIFY_GROUP_ID", "people-service");
            environment.put("KAFKIFY_ENABLE_AUTO_COMMIT", "FALSE");
            environment.put("KAFKIFY_AUTO_OFFSET_RESET", "latest");
            environment.put("KAFKIFY_ISOLATION_LEVEL", "read_uncommitted");
            environment.put("KAFKIFY_MAX_POLL_INTERVAL_MS", "60000");
            environment.put("KAFKIFY_RETRY_BACKOFF_MS", "500");
            environment.put("KAFKIFY_MAX_POLL_RECORDS", "200");
            environment.put("KAFKIFY_CLIENT_ID", "people-1");
            environment.put("KAFKIFY_ORDERING", "UNORDERED");
            environment.put("KAFKIFY_MAX_CONCURRENCY", "100");
            environment.put("KAFKIFY_MAX_BUFFERED_RECORDS", "5000");
            environment.put("KAFKIFY_SHUTDOWN_TIMEOUT", "PT1M");
            environment.put("KAFKIFY_REVOKE_TIMEOUT", "5000");
            environment.put("PATH", "/usr/bin");

            KafkaConsumerConfig config = KafkaConsumerConfig.fromEnvironment(environment);

            assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
            assertThat(config.groupId()).isEqualTo("people-service");
            assertThat(config.enableAutoCommit()).isFalse();
            assertThat(config.autoOffsetReset()).isEqualTo("latest");
            assertThat(config.isolationLevel()).isEqualTo("read_uncommitted");
            assertThat(config.maxPollIntervalMs()).isEqualTo(60_000);
            assertThat(config.retryBackoffMs()).isEqualTo(500L);
            assertThat(config.maxPollRecords()).isEqualTo(200);
            assertThat(config.clientId()).contains("people-1");
            assertThat(config.ordering()).isEqualTo(Ordering.UNORDERED);
            assertThat(config.maxConcurrency()).isEqualTo(100);
            assertThat(config.maxBufferedRecords()).isEqualTo(5_000);
            assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
            assertThat(config.revokeTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.extraProperties()).isEmpty();
        }

        @Test
        void maps_kafkify_kafka_variables_to_kafka_properties() {
            KafkaConsumerConfig config = KafkaConsumerConfig.fromEnvironment(Map.of(
                    "KAFKIFY_BOOTSTRAP_SERVERS", "kafka:9092",
                    "KAFKIFY_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                    "KAFKIFY_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                    "KAFKIFY_KAFKA_GROUP_ID", "via-kafka-variable"));

            assertThat(config.toConsumerProperties())
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("group.id", "via-kafka-variable");
        }

        @Test
        void the_typed_variable_wins_over_the_kafka_variable_of_one_setting() {
            KafkaConsumerConfig config = KafkaConsumerConfig.fromEnvironment(Map.of(
                    "KAFKIFY_BOOTSTRAP_SERVERS", "kafka:9092",
                    "KAFKIFY_KAFKA_GROUP_ID", "generic",
                    "KAFKIFY_GROUP_ID", "typed"));

            assertThat(config.groupId()).isEqualTo("typed");
        }

        @Test
        void reports_conversion_errors_in_one_exception_naming_the_variable() {
            assertThat(violationsOf(() -> KafkaConsumerConfig.fromEnvironment(Map.of(
                    "KAFKIFY_BOOTSTRAP_SERVERS", "kafka:9092",
                    "KAFKIFY_MAX_POLL_RECORDS", "abc",
                    "KAFKIFY_REVOKE_TIMEOUT", "10s",
                    "KAFKIFY_AUTO_OFFSET_RESET", "oldest"))))
                    .containsExactly(
                            "autoOffsetReset: must be one of [earliest, latest, none], was \"oldest\"",
                            "maxPollRecords: must be an integer (given as KAFKIFY_MAX_POLL_RECORDS), was \"abc\"",
                            "revokeTimeout: must be an ISO-8601 duration such as PT30S, or a number of"
                                    + " milliseconds (given as KAFKIFY_REVOKE_TIMEOUT), was \"10s\"");
        }

        @Test
        void rejects_unknown_kafkify_variables_listing_the_known_ones() {
            assertThat(violationsOf(() -> KafkaConsumerConfig.fromEnvironment(Map.of(
                    "KAFKIFY_BOOTSTRAP_SERVERS", "kafka:9092",
                    "KAFKIFY_MAX_POLL_RECORD", "100"))))
                    .singleElement().asString()
                    .startsWith("KAFKIFY_MAX_POLL_RECORD: is not a Kafkify environment variable; use one of"
                            + " KAFKIFY_AUTO_OFFSET_RESET,")
                    .contains("KAFKIFY_MAX_POLL_RECORDS", "or KAFKIFY_KAFKA_<PROPERTY> for any Kafka property")
                    .endsWith(", was \"100\"");
        }

        @Test
        void names_the_variable_of_a_rejected_deserializer() {
            assertThat(violationsOf(() -> KafkaConsumerConfig.fromEnvironment(Map.of(
                    "KAFKIFY_BOOTSTRAP_SERVERS", "kafka:9092",
                    "KAFKIFY_KAFKA_VALUE_DESERIALIZER", "org.apache.kafka.common.serialization.StringDeserializer"))))
                    .singleElement().asString()
                    .startsWith("value.deserializer: is managed by Kafkify")
                    .contains("(given as KAFKIFY_KAFKA_VALUE_DESERIALIZER)");
        }

        @Test
        void lets_code_override_the_environment_and_fix_its_errors() {
            KafkaConsumerConfig config = KafkaConsumerConfig.builderFromEnvironment(Map.of(
                            "KAFKIFY_BOOTSTRAP_SERVERS", "kafka:9092",
                            "KAFKIFY_GROUP_ID", "from-environment",
                            "KAFKIFY_MAX_POLL_RECORDS", "abc"))
                    .groupId("from-code")
                    .maxPollRecords(10)
                    .build();

            assertThat(config.groupId()).isEqualTo("from-code");
            assertThat(config.maxPollRecords()).isEqualTo(10);
        }
    }
}
