package io.kafkify.consumers.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The properties of the producer that publishes dead letters, derived from the consumer's
 * configuration: its brokers and every pass-through property a producer also understands
 * (security, SASL, TLS, client DNS...), with byte-array serializers, {@code acks=all},
 * idempotence and bounded waits, so that a broker that does not answer fails a publish instead
 * of holding a handler thread.
 */
final class DeadLetterProducerProperties {

    private DeadLetterProducerProperties() {
    }

    /**
     * @param config the consumer's configuration
     * @return a new, mutable map; holds secrets in clear
     */
    static Map<String, Object> of(KafkaConsumerConfig config) {
        Map<String, Object> properties = new LinkedHashMap<>();
        Set<String> producerNames = ProducerConfig.configNames();
        config.extraProperties().forEach((name, value) -> {
            if (producerNames.contains(name) && !name.startsWith("key.") && !name.startsWith("value.")) {
                properties.put(name, value);
            }
        });
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId().orElse(config.groupId()) + "-dead-letters");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        return properties;
    }
}
