package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kafkify.consumers.domain.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConsumerConfigSecretsTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"svc\" password=\"s3cr3t-jaas\";";

    /** Every secret value below contains this, so that one search finds any leak. */
    private static final String SECRET_MARK = "s3cr3t";

    private static KafkaConsumerConfig.Builder withSecrets() {
        return KafkaConsumerConfig.builder()
                .bootstrapServers("kafka:9094")
                .property("security.protocol", "SASL_SSL")
                .property("sasl.mechanism", "PLAIN")
                .property("sasl.jaas.config", JAAS)
                .property("ssl.truststore.password", "s3cr3t-truststore")
                .property("ssl.key.password", "s3cr3t-key")
                .property("my.plugin.db-password", "s3cr3t-by-name")
                .property("my.plugin.api.token", "s3cr3t-marked")
                .secret("my.plugin.api.token");
    }

    /** A value whose text is a secret but whose type Kafka rejects for a password property. */
    private static Object notAString() {
        return new Object() {
            @Override
            public String toString() {
                return "s3cr3t-of-the-wrong-type";
            }
        };
    }

    private static KafkaConsumerConfig.Builder invalidWithSecretsInViolations() {
        return withSecrets()
                .secret("bootstrap.servers")
                .bootstrapServers("s3cr3t-host-without-port")
                .property("ssl.keystore.password", notAString())
                .property("kafkify.vault-secret", "s3cr3t-unknown-kafkify-name")
                .secret("kafkify.max-concurrency")
                .property("kafkify.max-concurrency", "s3cr3t-not-a-number")
                .environment(Map.of("KAFKIFY_DB_PASSWORD", "s3cr3t-env"));
    }

    @Test
    void knows_the_properties_kafka_types_as_passwords() {
        KafkaConsumerConfig config = withSecrets().build();

        assertThat(config.isSecret("sasl.jaas.config")).isTrue();
        assertThat(config.isSecret("ssl.key.password")).isTrue();
        assertThat(config.isSecret("ssl.keystore.password")).isTrue();
        assertThat(config.isSecret("ssl.truststore.password")).isTrue();
        assertThat(config.isSecret("sasl.oauthbearer.client.credentials.client.secret")).isTrue();
        assertThat(config.isSecret("my.plugin.db-password")).isTrue();
        assertThat(config.isSecret("my.plugin.api.token")).isTrue();
        assertThat(config.isSecret("sasl.mechanism")).isFalse();
        assertThat(config.isSecret("groupId")).isFalse();
    }

    @Test
    void passes_secrets_to_kafka_in_clear() {
        assertThat(withSecrets().build().toConsumerProperties())
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.password", "s3cr3t-truststore")
                .containsEntry("my.plugin.api.token", "s3cr3t-marked");
    }

    @Test
    void masks_secrets_in_to_string() {
        String text = withSecrets().build().toString();

        assertThat(text).doesNotContain(SECRET_MARK)
                .contains("sasl.jaas.config=[hidden]", "ssl.truststore.password=[hidden]",
                        "my.plugin.db-password=[hidden]", "my.plugin.api.token=[hidden]")
                .contains("sasl.mechanism=PLAIN");
    }

    @Test
    void masks_secrets_in_the_masked_map() {
        Map<String, Object> masked = withSecrets().build().toMaskedMap();

        assertThat(masked)
                .containsEntry("sasl.jaas.config", "[hidden]")
                .containsEntry("ssl.key.password", "[hidden]")
                .containsEntry("my.plugin.api.token", "[hidden]")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(masked.values()).noneSatisfy(value -> assertThat(String.valueOf(value)).contains(SECRET_MARK));
    }

    @Test
    void masks_a_typed_setting_marked_secret_under_any_of_its_names() {
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .bootstrapServers("s3cr3t-host:9092")
                .secret("KAFKIFY_BOOTSTRAP_SERVERS")
                .build();

        assertThat(config.toString()).doesNotContain(SECRET_MARK).contains("bootstrap.servers=[hidden]");
    }

    @Test
    void never_shows_a_secret_in_violation_messages() {
        InvalidConfigurationException failure = catchThrowableOfType(InvalidConfigurationException.class,
                () -> invalidWithSecretsInViolations().build());

        assertThat(failure.getMessage()).doesNotContain(SECRET_MARK);
        assertThat(failure.violations()).satisfiesExactly(
                violation -> assertThat(violation)
                        .startsWith("KAFKIFY_DB_PASSWORD: is not a Kafkify environment variable;")
                        .endsWith(", was [hidden]"),
                violation -> assertThat(violation).isEqualTo(
                        "bootstrapServers: must be a comma-separated list of host:port with a port from 1 to 65535"
                                + " (entry 1 is not), was [hidden]"),
                violation -> assertThat(violation)
                        .startsWith("kafkify.vault-secret: is not a Kafkify setting;")
                        .endsWith(", was [hidden]"),
                violation -> assertThat(violation).isEqualTo(
                        "maxConcurrency: must be an integer (given as kafkify.max-concurrency), was [hidden]"),
                violation -> assertThat(violation).isEqualTo(
                        "ssl.keystore.password: must be a valid PASSWORD for Kafka, was [hidden]"));
    }

    @Test
    void never_logs_a_secret() {
        String logged;
        try (KafkaConsumerConfigLogCapture log = new KafkaConsumerConfigLogCapture()) {
            withSecrets()
                    .enableAutoCommit(true)
                    .property("my.unknown.password.setting", "s3cr3t-unknown-to-kafka")
                    .build();
            catchThrowableOfType(InvalidConfigurationException.class, () -> invalidWithSecretsInViolations().build());
            logged = log.text();
        }

        assertThat(logged)
                .as("the capture works: the warnings were logged")
                .contains("enable.auto.commit is true", "my.unknown.password.setting")
                .doesNotContain(SECRET_MARK);
    }
}
