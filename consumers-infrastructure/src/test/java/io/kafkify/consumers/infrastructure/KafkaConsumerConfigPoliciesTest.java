package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConsumerConfigPoliciesTest {

    private static KafkaConsumerConfig.Builder builder() {
        return KafkaConsumerConfig.builder().bootstrapServers("localhost:9092");
    }

    @Test
    void defaults_to_three_attempts_and_dead_letters() {
        ProcessingPolicy policy = builder().build().toProcessingPolicy();

        assertThat(policy.maxAttempts()).isEqualTo(3);
        assertThat(policy.failurePolicy()).isEqualTo(FailurePolicy.DEAD_LETTER);
        assertThat(policy.deadLetterTopic("t")).isEqualTo("t.DLT");
        assertThat(policy.retryBackoff()).isEqualTo(Duration.ofMillis(2_000));
        assertThat(policy.maxRetryBackoff()).isEqualTo(Duration.ofMillis(30_000));
        assertThat(policy.deadLetterUnrouted()).isFalse();
    }

    @Test
    void the_delay_between_attempts_at_a_record_is_not_the_kafka_clients_retry_backoff() {
        KafkaConsumerConfig config = builder().retryBackoffMs(100).recordRetryBackoffMs(5_000).build();

        assertThat(config.toProcessingPolicy().retryBackoff()).isEqualTo(Duration.ofMillis(5_000));
        assertThat(config.toConsumerProperties()).containsEntry("retry.backoff.ms", 100L);
        assertThat(builder().retryBackoffMs(100).build().toProcessingPolicy().retryBackoff())
                .isEqualTo(Duration.ofMillis(KafkaConsumerConfig.DEFAULT_RECORD_RETRY_BACKOFF_MS));
        assertThat(KafkaConsumerConfig.fromEnvironment(Map.of("KAFKIFY_BOOTSTRAP_SERVERS", "localhost:9092",
                "KAFKIFY_RECORD_RETRY_BACKOFF_MS", "750")).recordRetryBackoffMs()).isEqualTo(750L);
    }

    @Test
    void loads_the_failure_settings_from_the_environment() {
        KafkaConsumerConfig config = KafkaConsumerConfig.fromEnvironment(Map.of(
                "KAFKIFY_BOOTSTRAP_SERVERS", "localhost:9092",
                "KAFKIFY_MAX_ATTEMPTS", "5",
                "KAFKIFY_FAILURE_POLICY", "stop",
                "KAFKIFY_DEAD_LETTER_SUFFIX", "-dlq",
                "KAFKIFY_DEAD_LETTER_UNROUTED", "true",
                "KAFKIFY_MAX_RETRY_BACKOFF_MS", "60000"));

        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThat(config.failurePolicy()).isEqualTo(FailurePolicy.STOP);
        assertThat(config.deadLetterSuffix()).isEqualTo("-dlq");
        assertThat(config.deadLetterUnrouted()).isTrue();
        assertThat(config.maxRetryBackoffMs()).isEqualTo(60_000);
    }

    @Test
    void rejects_invalid_failure_settings_in_one_exception() {
        assertThatThrownBy(() -> builder().maxAttempts(0).deadLetterSuffix("  ").maxRetryBackoffMs(-1).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).violations())
                        .anySatisfy(v -> assertThat(v).startsWith("deadLetterSuffix: must not be blank"))
                        .anySatisfy(v -> assertThat(v).startsWith("maxAttempts: must be between 1 and 100"))
                        .anySatisfy(v -> assertThat(v).startsWith("maxRetryBackoffMs: must not be negative")));
    }

    @Test
    void passes_declared_non_retryable_exceptions_to_the_policy() {
        ProcessingPolicy policy = builder().nonRetryable(IllegalArgumentException.class).build().toProcessingPolicy();

        assertThat(policy.nonRetryable()).containsExactly(IllegalArgumentException.class);
    }

    @Test
    void gives_the_dead_letter_producer_the_connection_and_security_properties_only() {
        Map<String, Object> producer = builder()
                .property("security.protocol", "SASL_SSL")
                .property("sasl.mechanism", "PLAIN")
                .property("fetch.min.bytes", 1)
                .build()
                .toDeadLetterProducerProperties();

        assertThat(producer).containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("acks", "all")
                .doesNotContainKey("fetch.min.bytes");
    }
}
