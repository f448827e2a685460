package io.kafkify.examples.springboot;

import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** With {@value #ENABLED}{@code =true} (the embedded broker sets it), produces a few orders once the application runs. */
@Component
@ConditionalOnBooleanProperty(SampleOrders.ENABLED)
public class SampleOrders implements ApplicationRunner {

    static final String ENABLED = "example.sample-orders";

    /** Key (the customer, so that one customer's orders stay in order) and value of each sample record. */
    static final List<Map.Entry<String, String>> RECORDS = List.of(
            Map.entry("ada", placed("A-1001", "ada", "129.90")),
            Map.entry("grace", placed("A-1002", "grace", "42.00")),
            Map.entry("alan", placed("A-1003", "alan", "7.50")),
            Map.entry("ada", "{\"code\":\"ORDER_CANCELLED\",\"data\":{\"id\":\"A-1001\"}}"),
            Map.entry("grace", placed("A-1004", "grace", "310.00")));

    private final KafkaConsumerConfig config;

    public SampleOrders(KafkaConsumerConfig config) {
        this.config = config;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Map<String, Object> properties = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            for (Map.Entry<String, String> record : RECORDS) {
                producer.send(new ProducerRecord<>(LocalBroker.TOPIC, record.getKey(), record.getValue())).get();
            }
        }
    }

    private static String placed(String id, String customer, String amount) {
        return "{\"code\":\"ORDER_PLACED\",\"data\":{\"id\":\"" + id + "\",\"customer\":\"" + customer
                + "\",\"amount\":" + amount + "}}";
    }
}
