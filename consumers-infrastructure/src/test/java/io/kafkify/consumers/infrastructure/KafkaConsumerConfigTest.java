package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.Ordering;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.kafkify.consumers.domain.InvalidConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KafkaConsumerConfigTest {

    /** A builder that builds: the one required setting is set. */
    static KafkaConsumerConfig.Builder validBuilder() {
        return KafkaConsumerConfig.builder().bootstrapServers("localhost:9092");
    }

    static List<String> violationsOf(KafkaConsumerConfig.Builder builder) {
        InvalidConfigurationException failure = catchThrowableOfType(InvalidConfigurationException.class, builder::build);
        assertThat(failure).as("build() must fail").isNotNull();
        return failure.violations();
    }

    @Nested
    class Defaults {

        @Test
        void keeps_the_documented_library_defaults() {
            KafkaConsumerConfig config = validBuilder().build();

            assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
            assertThat(config.groupId()).isEqualTo("my-app-consumer");
            assertThat(config.enableAutoCommit()).isFalse();
            assertThat(config.autoOffsetReset()).isEqualTo("earliest");
            assertThat(config.isolationLevel()).isEqualTo("read_committed");
            assertThat(config.maxPollIntervalMs()).isEqualTo(300_000);
            assertThat(config.retryBackoffMs()).isEqualTo(2_000L);
        }

        @Test
        void defaults_the_framework_settings() {
            KafkaConsumerConfig config = validBuilder().build();

            assertThat(config.maxPollRecords()).isEqualTo(500);
            assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.clientId()).isEmpty();
            assertThat(config.ordering()).isEqualTo(Ordering.PARTITION);
            assertThat(config.maxConcurrency()).isEqualTo(16);
            assertThat(config.maxBufferedRecords()).isEqualTo(10_000);
            assertThat(config.revokeTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(config.extraProperties()).isEmpty();
        }

        @Test
        void keeps_every_typed_setting_given_to_the_builder() {
            KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                    .bootstrapServers("kafka-1:9092,kafka-2:9093")
                    .groupId("people-service")
                    .enableAutoCommit(true)
                    .autoOffsetReset("latest")
                    .isolationLevel("read_uncommitted")
                    .maxPollIntervalMs(60_000)
                    .retryBackoffMs(0)
                    .maxPollRecords(100)
                    .clientId("people-1")
                    .ordering(Ordering.KEY)
                    .maxConcurrency(64)
                    .maxBufferedRecords(1_000)
                    .shutdownTimeout(Duration.ofSeconds(5))
                    .revokeTimeout(Duration.ZERO)
                    .build();

            assertThat(config.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9093");
            assertThat(config.groupId()).isEqualTo("people-service");
            assertThat(config.enableAutoCommit()).isTrue();
            assertThat(config.autoOffsetReset()).isEqualTo("latest");
            assertThat(config.isolationLevel()).isEqualTo("read_uncommitted");
            assertThat(config.maxPollIntervalMs()).isEqualTo(60_000);
            assertThat(config.retryBackoffMs()).isZero();
            assertThat(config.maxPollRecords()).isEqualTo(100);
            assertThat(config.clientId()).contains("people-1");
            assertThat(config.ordering()).isEqualTo(Ordering.KEY);
            assertThat(config.maxConcurrency()).isEqualTo(64);
            assertThat(config.maxBufferedRecords()).isEqualTo(1_000);
            assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.revokeTimeout()).isEqualTo(Duration.ZERO);
        }
    }

    @Nested
    class Rules {

        @Test
        void requires_bootstrap_servers_naming_every_way_to_set_them() {
            assertThat(violationsOf(KafkaConsumerConfig.builder()))
                    .containsExactly("bootstrapServers: must not be blank; set it with bootstrapServers(...), the property bootstrap.servers"
                            + " or the environment variable KAFKIFY_BOOTSTRAP_SERVERS, was null");
        }

        @Test
        void rejects_bootstrap_server_without_port_naming_the_entry_by_position() {
            assertThat(violationsOf(validBuilder().bootstrapServers("kafka-1:9092,kafka-2")))
                    .containsExactly("bootstrapServers: must be a comma-separated list of host:port with a port"
                            + " from 1 to 65535 (entry 2 is not), was \"kafka-1:9092,kafka-2\"");
        }

        @Test
        void rejects_bootstrap_server_ports_outside_1_to_65535() {
            assertThat(violationsOf(validBuilder().bootstrapServers("a:0, b:65536 ,c:65535")))
                    .containsExactly("bootstrapServers: must be a comma-separated list of host:port with a port"
                            + " from 1 to 65535 (entries 1, 2 are not), was \"a:0, b:65536 ,c:65535\"");
        }

        @Test
        void accepts_ipv6_addresses_protocol_prefixes_and_spaces_around_entries() {
            KafkaConsumerConfig config = validBuilder()
                    .bootstrapServers(" [::1]:9092 , SASL_SSL://broker.example.com:9094,10.0.0.1:19092,")
                    .build();

            assertThat(config.bootstrapServers()).contains("[::1]:9092");
        }

        @Test
        void rejects_blank_group_id() {
            assertThat(violationsOf(validBuilder().groupId(" ")))
                    .containsExactly("groupId: must not be blank, was \" \"");
        }

        @Test
        void rejects_unknown_auto_offset_reset_naming_the_value() {
            assertThat(violationsOf(validBuilder().autoOffsetReset("oldest")))
                    .containsExactly("autoOffsetReset: must be one of [earliest, latest, none], was \"oldest\"");
        }

        @Test
        void rejects_unknown_isolation_level_naming_the_value() {
            assertThat(violationsOf(validBuilder().isolationLevel("READ_COMMITTED")))
                    .containsExactly("isolationLevel: must be one of [read_committed, read_uncommitted],"
                            + " was \"READ_COMMITTED\"");
        }

        @Test
        void rejects_max_poll_interval_that_is_not_positive() {
            assertThat(violationsOf(validBuilder().maxPollIntervalMs(0)))
                    .containsExactly("maxPollIntervalMs: must be greater than 0, was \"0\"");
        }

        @Test
        void rejects_negative_retry_backoff() {
            assertThat(violationsOf(validBuilder().retryBackoffMs(-1)))
                    .containsExactly("retryBackoffMs: must not be negative, was \"-1\"");
        }

        @Test
        void rejects_max_poll_records_outside_1_to_100000() {
            assertThat(violationsOf(validBuilder().maxPollRecords(0)))
                    .containsExactly("maxPollRecords: must be between 1 and 100000, was \"0\"");
            assertThat(violationsOf(validBuilder().maxPollRecords(100_001).maxBufferedRecords(300_000)))
                    .containsExactly("maxPollRecords: must be between 1 and 100000, was \"100001\"");
        }

        @Test
        void rejects_max_concurrency_outside_1_to_10000() {
            assertThat(violationsOf(validBuilder().maxConcurrency(0)))
                    .containsExactly("maxConcurrency: must be between 1 and 10000, was \"0\"");
            assertThat(violationsOf(validBuilder().maxConcurrency(10_001)))
                    .containsExactly("maxConcurrency: must be between 1 and 10000, was \"10001\"");
        }

        @Test
        void rejects_max_buffered_records_below_one() {
            assertThat(violationsOf(validBuilder().maxBufferedRecords(0)))
                    .containsExactly("maxBufferedRecords: must be at least 1, was \"0\"");
        }

        @Test
        void rejects_a_buffer_smaller_than_two_polls() {
            assertThat(violationsOf(validBuilder().maxPollRecords(500).maxBufferedRecords(999)))
                    .containsExactly("maxBufferedRecords: must be at least twice maxPollRecords (500): a partition"
                            + " stuck behind one record may hold a poll's worth, and the other partitions need room"
                            + " for the next poll; raise it or lower maxPollRecords, was \"999\"");
            assertThat(validBuilder().maxPollRecords(500).maxBufferedRecords(1_000).build().maxBufferedRecords())
                    .isEqualTo(1_000);
        }

        @Test
        void rejects_shutdown_timeout_that_is_not_positive() {
            assertThat(violationsOf(validBuilder().shutdownTimeout(Duration.ZERO)))
                    .containsExactly("shutdownTimeout: must be greater than 0, was \"PT0S\"");
            assertThat(violationsOf(validBuilder().shutdownTimeout(null)))
                    .containsExactly("shutdownTimeout: must not be null, was null");
        }

        @Test
        void rejects_negative_revoke_timeout() {
            assertThat(violationsOf(validBuilder().revokeTimeout(Duration.ofMillis(-1))))
                    .containsExactly("revokeTimeout: must not be negative, was \"PT-0.001S\"");
        }

        @Test
        void rejects_revoke_timeout_that_outlasts_the_poll_interval() {
            assertThat(violationsOf(validBuilder().maxPollIntervalMs(10_000).revokeTimeout(Duration.ofSeconds(10))))
                    .containsExactly("revokeTimeout: must be shorter than maxPollIntervalMs (10000 ms) since the"
                            + " wait runs inside poll() and a consumer that does not poll in time leaves the group,"
                            + " was \"PT10S\"");
        }

        @Test
        void rejects_blank_client_id_but_accepts_none() {
            assertThat(violationsOf(validBuilder().clientId("")))
                    .containsExactly("clientId: must not be blank when set, was \"\"");
            assertThat(validBuilder().clientId("x").clientId(null).build().clientId()).isEmpty();
        }

        @Test
        void rejects_missing_ordering() {
            assertThat(violationsOf(validBuilder().ordering(null)))
                    .containsExactly("ordering: must not be null, was null");
        }

        @Test
        void lists_every_violation_in_one_exception_sorted_by_property() {
            InvalidConfigurationException failure = catchThrowableOfType(InvalidConfigurationException.class,
                    () -> KafkaConsumerConfig.builder()
                            .groupId("")
                            .autoOffsetReset("oldest")
                            .maxConcurrency(0)
                            .property("fetch.min.bytes", "lots")
                            .property("value.deserializer", StringDeserializer.class)
                            .build());

            assertThat(failure.violations()).containsExactly(
                    "autoOffsetReset: must be one of [earliest, latest, none], was \"oldest\"",
                    "bootstrapServers: must not be blank; set it with bootstrapServers(...), the property"
                            + " bootstrap.servers or the environment variable KAFKIFY_BOOTSTRAP_SERVERS, was null",
                    "fetch.min.bytes: must be a valid INT for Kafka (Not a number of type INT), was \"lots\"",
                    "groupId: must not be blank, was \"\"",
                    "maxConcurrency: must be between 1 and 10000, was \"0\"",
                    "value.deserializer: is managed by Kafkify, which always reads raw bytes with"
                            + " ByteArrayDeserializer and decodes them itself; pass a decoder to"
                            + " KafkaBaseConsumerAdapter instead, was \"" + StringDeserializer.class.getName() + "\"");
            assertThat(failure).hasMessageStartingWith(
                    "Invalid KafkaConsumerConfig: 6 violations. Fix these properties and build it again:");
            assertThat(failure.getMessage()).contains("  - autoOffsetReset: must be one of [earliest, latest, none]");
        }

        @Test
        void a_later_call_replaces_a_rejected_value() {
            KafkaConsumerConfig config = validBuilder()
                    .property("max.poll.records", "many")
                    .maxPollRecords(50)
                    .property("key.deserializer", StringDeserializer.class.getName())
                    .property("key.deserializer", ByteArrayDeserializer.class)
                    .build();

            assertThat(config.maxPollRecords()).isEqualTo(50);
            assertThat(config.extraProperties()).isEmpty();
        }
    }

    @Nested
    class KafkaProperties {

        @Test
        void passes_other_kafka_properties_to_the_consumer_unchanged() {
            Object callbackHandler = new Object();
            KafkaConsumerConfig config = validBuilder()
                    .property("security.protocol", "SASL_SSL")
                    .property("sasl.mechanism", "PLAIN")
                    .property("fetch.min.bytes", 1_024)
                    .property("some.plugin.collaborator", callbackHandler)
                    .build();

            assertThat(config.toConsumerProperties())
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "PLAIN")
                    .containsEntry("fetch.min.bytes", 1_024)
                    .containsEntry("some.plugin.collaborator", callbackHandler);
            assertThat(config.extraProperties()).containsOnlyKeys(
                    "fetch.min.bytes", "sasl.mechanism", "security.protocol", "some.plugin.collaborator");
        }

        @Test
        void builds_the_full_consumer_property_map() {
            KafkaConsumerConfig config = validBuilder().clientId("people-1").property("fetch.max.wait.ms", "100").build();

            assertThat(config.toConsumerProperties()).containsExactly(
                    entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092"),
                    entry(ConsumerConfig.GROUP_ID_CONFIG, "my-app-consumer"),
                    entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    entry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000),
                    entry(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 2_000L),
                    entry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                    entry(ConsumerConfig.CLIENT_ID_CONFIG, "people-1"),
                    entry(ConsumerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 2_000L),
                    entry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class),
                    entry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class),
                    entry("fetch.max.wait.ms", "100"));
        }

        @Test
        void raises_kafkas_backoff_cap_so_that_the_retry_backoff_takes_effect() {
            ConsumerConfig parsed = new ConsumerConfig(validBuilder().retryBackoffMs(5_000).build().toConsumerProperties());

            assertThat(parsed.getLong(ConsumerConfig.RETRY_BACKOFF_MAX_MS_CONFIG)).isEqualTo(5_000L);
        }

        @Test
        void keeps_a_backoff_cap_given_by_the_user_or_not_needed() {
            assertThat(validBuilder().property("retry.backoff.max.ms", 1_500L).build().toConsumerProperties())
                    .containsEntry(ConsumerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 1_500L);
            assertThat(validBuilder().retryBackoffMs(100).build().toConsumerProperties())
                    .doesNotContainKey(ConsumerConfig.RETRY_BACKOFF_MAX_MS_CONFIG);
        }

        @Test
        void leaves_client_id_to_kafka_when_unset() {
            assertThat(validBuilder().build().toConsumerProperties()).doesNotContainKey(ConsumerConfig.CLIENT_ID_CONFIG);
        }

        @Test
        void produces_properties_kafka_itself_accepts() {
            KafkaConsumerConfig config = validBuilder().clientId("c").property("fetch.min.bytes", "10").build();

            // ConsumerConfig parses and validates every value as the KafkaConsumer constructor does.
            ConsumerConfig parsed = new ConsumerConfig(config.toConsumerProperties());

            assertThat(parsed.getString(ConsumerConfig.GROUP_ID_CONFIG)).isEqualTo("my-app-consumer");
            assertThat(parsed.getInt(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)).isEqualTo(500);
            assertThat(parsed.getClass(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)).isEqualTo(ByteArrayDeserializer.class);
        }

        @Test
        void maps_standard_kafka_names_onto_the_typed_settings() {
            KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                    .property("bootstrap.servers", "kafka:9092")
                    .property("group.id", "billing")
                    .property("enable.auto.commit", "false")
                    .property("auto.offset.reset", "latest")
                    .property("isolation.level", "read_uncommitted")
                    .property("max.poll.interval.ms", 120_000)
                    .property("retry.backoff.ms", "250")
                    .property("max.poll.records", "50")
                    .property("client.id", "billing-1")
                    .build();

            assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
            assertThat(config.groupId()).isEqualTo("billing");
            assertThat(config.autoOffsetReset()).isEqualTo("latest");
            assertThat(config.isolationLevel()).isEqualTo("read_uncommitted");
            assertThat(config.maxPollIntervalMs()).isEqualTo(120_000);
            assertThat(config.retryBackoffMs()).isEqualTo(250L);
            assertThat(config.maxPollRecords()).isEqualTo(50);
            assertThat(config.clientId()).contains("billing-1");
            assertThat(config.extraProperties()).isEmpty();
        }

        @Test
        void the_later_of_a_typed_setter_and_a_kafka_name_wins() {
            assertThat(validBuilder().groupId("a").property("group.id", "b").build().groupId()).isEqualTo("b");
            assertThat(validBuilder().property("group.id", "b").groupId("a").build().groupId()).isEqualTo("a");
        }

        @Test
        void rejects_key_deserializer_pointing_to_decoders() {
            assertThat(violationsOf(validBuilder().property("key.deserializer", StringDeserializer.class.getName())))
                    .containsExactly("key.deserializer: is managed by Kafkify, which always reads raw bytes with"
                            + " ByteArrayDeserializer and decodes them itself; pass a decoder to"
                            + " KafkaBaseConsumerAdapter instead, was \"" + StringDeserializer.class.getName() + "\"");
        }

        @Test
        void tolerates_the_byte_array_deserializer_kafkify_uses_anyway() {
            KafkaConsumerConfig config = validBuilder()
                    .property("key.deserializer", ByteArrayDeserializer.class)
                    .property("value.deserializer", ByteArrayDeserializer.class.getName())
                    .build();

            assertThat(config.extraProperties()).isEmpty();
            assertThat(config.toConsumerProperties())
                    .containsEntry("value.deserializer", ByteArrayDeserializer.class);
        }

        @Test
        void rejects_values_kafka_would_reject_with_kafkas_reason() {
            assertThat(violationsOf(validBuilder().property("security.protocol", "SASL_TLS")))
                    .containsExactly("security.protocol: must be a valid STRING for Kafka (String must be one of"
                            + " (case insensitive): SASL_SSL, PLAINTEXT, SSL, SASL_PLAINTEXT), was \"SASL_TLS\"");
        }

        @Test
        void rejects_null_property_values() {
            assertThat(violationsOf(validBuilder().property("fetch.min.bytes", null)))
                    .containsExactly("fetch.min.bytes: must not be null; leave the property out to get Kafka's"
                            + " default, was null");
        }

        @Test
        void rejects_unknown_kafkify_names_listing_the_known_ones() {
            assertThat(violationsOf(validBuilder().property("kafkify.max-concurency", 4)))
                    .singleElement().asString()
                    .startsWith("kafkify.max-concurency: is not a Kafkify setting; use one of kafkify.auto-offset-reset,")
                    .contains("kafkify.max-concurrency")
                    .endsWith(", was \"4\"");
        }

        @Test
        void keeps_properties_kafka_does_not_know() {
            KafkaConsumerConfig config = validBuilder().property("my.interceptor.setting", "x").build();

            assertThat(config.toConsumerProperties()).containsEntry("my.interceptor.setting", "x");
        }
    }

    @Nested
    class Values {

        @Test
        void equals_a_config_with_the_same_settings() {
            KafkaConsumerConfig one = validBuilder().property("fetch.min.bytes", 1).secret("x.y").build();
            KafkaConsumerConfig other = validBuilder().property("fetch.min.bytes", 1).secret("x.y").build();

            assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
            assertThat(one).isNotEqualTo(validBuilder().property("fetch.min.bytes", 2).build());
            assertThat(one).isNotEqualTo(validBuilder().ordering(Ordering.UNORDERED).build());
        }

        @Test
        void to_builder_derives_a_variant_and_leaves_the_original_alone() {
            KafkaConsumerConfig original = validBuilder().groupId("a").property("fetch.min.bytes", 1).build();

            KafkaConsumerConfig variant = original.toBuilder().groupId("b").build();

            assertThat(original.toBuilder().build()).isEqualTo(original);
            assertThat(variant.groupId()).isEqualTo("b");
            assertThat(variant.extraProperties()).containsEntry("fetch.min.bytes", 1);
            assertThat(original.groupId()).isEqualTo("a");
        }

        @Test
        void exposes_extra_properties_read_only() {
            Map<String, Object> extra = validBuilder().property("fetch.min.bytes", 1).build().extraProperties();

            assertThatThrownBy(() -> extra.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void to_string_shows_every_setting() {
            String text = validBuilder().ordering(Ordering.KEY).property("fetch.min.bytes", 7).build().toString();

            assertThat(text)
                    .startsWith("KafkaConsumerConfig{bootstrap.servers=localhost:9092, group.id=my-app-consumer,")
                    .contains("key.deserializer=" + ByteArrayDeserializer.class.getName())
                    .contains("fetch.min.bytes=7")
                    .contains("kafkify.ordering=KEY", "kafkify.max-concurrency=16", "kafkify.shutdown-timeout=PT30S");
        }
    }
}
