// tag::broker-test[]
package com.example.orders;

import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.Listening;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.testkit.broker.EmbeddedKafka;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@EmbeddedKafka(topics = {"orders", "orders.DLT"}, partitions = 2)
class OrdersServiceIT {

    @Test
    void keeps_an_order_placed_on_a_real_broker(EmbeddedKafkaBroker broker) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.newProducer()) {
            producer.send(new ProducerRecord<>("orders", bytes("A-1"),
                    bytes("{\"code\": \"ORDER_PLACED\", \"data\": {\"id\": \"A-1\"}}"))).get();
        }
        OrdersService service = new OrdersService();
        KafkaBaseConsumerAdapter consumer = new KafkaBaseConsumerAdapter(
                OrdersService.config(Map.of("KAFKIFY_BOOTSTRAP_SERVERS", broker.bootstrapServers())));
        service.router().registerHandlers(consumer);

        try (Listening listening = consumer.listenInBackground()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> service.orders().containsKey("A-1"));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
// end::broker-test[]
