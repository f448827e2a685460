package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production configurations of docs/security.md, built and validated here, so that the page
 * shows code that compiles and passes {@code build()}, with its secrets masked.
 */
class SecurityConfigurationExamplesTest {

    private final Map<String, String> environment = Map.of(
            "KAFKA_PASSWORD", "scram-secret", "KEYSTORE_PASSWORD", "keystore-secret",
            "TRUSTSTORE_PASSWORD", "truststore-secret", "OAUTH_CLIENT_SECRET", "oauth-secret");

    @Test
    void sasl_ssl_with_scram() {
        // tag::sasl-ssl-scram[]
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .bootstrapServers("broker-1.example.com:9093,broker-2.example.com:9093")
                .groupId("orders-service")
                .property("security.protocol", "SASL_SSL")
                .property("sasl.mechanism", "SCRAM-SHA-512")
                .property("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"orders-service\" password=\"" + env("KAFKA_PASSWORD") + "\";")
                // only if the brokers' certificates are not signed by a CA the JDK trusts:
                .property("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .property("ssl.truststore.password", env("TRUSTSTORE_PASSWORD"))
                .build();
        // end::sasl-ssl-scram[]

        assertMasked(config, "scram-secret", "truststore-secret");
    }

    @Test
    void mutual_tls() {
        // tag::mutual-tls[]
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .bootstrapServers("broker-1.example.com:9094")
                .groupId("billing-service")
                .property("security.protocol", "SSL")
                .property("ssl.keystore.location", "/etc/kafka/billing-service.p12") // the client's key and certificate
                .property("ssl.keystore.password", env("KEYSTORE_PASSWORD"))
                .property("ssl.key.password", env("KEYSTORE_PASSWORD"))
                .property("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .property("ssl.truststore.password", env("TRUSTSTORE_PASSWORD"))
                .build();
        // end::mutual-tls[]

        assertMasked(config, "keystore-secret", "truststore-secret");
    }

    @Test
    void sasl_ssl_with_oauth() {
        // tag::oauth[]
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .bootstrapServers("broker-1.example.com:9093")
                .groupId("orders-service")
                .property("security.protocol", "SASL_SSL")
                .property("sasl.mechanism", "OAUTHBEARER")
                .property("sasl.oauthbearer.token.endpoint.url", "https://login.example.com/oauth2/token")
                .property("sasl.login.callback.handler.class",
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler")
                .property("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule "
                        + "required clientId=\"orders-service\" clientSecret=\"" + env("OAUTH_CLIENT_SECRET") + "\";")
                .build();
        // end::oauth[]

        assertMasked(config, "oauth-secret");
    }

    private String env(String name) {
        return environment.get(name); // System.getenv(name) in an application
    }

    private static void assertMasked(KafkaConsumerConfig config, String... secrets) {
        for (String secret : secrets) {
            assertThat(config.toString()).doesNotContain(secret);
            assertThat(config.toMaskedMap().toString()).doesNotContain(secret);
            assertThat(config.toConsumerProperties().toString()).contains(secret);
        }
    }
}
