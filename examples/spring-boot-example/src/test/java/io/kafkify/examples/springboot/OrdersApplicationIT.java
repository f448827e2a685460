package io.kafkify.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example application on the embedded broker: the sample orders are handled by the annotated
 * handlers, {@code /orders} shows them, {@code /actuator/health} shows the consumer UP, and payloads are
 * bound with the application's Jackson 2 mapper.
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {SampleOrders.ENABLED + "=true", "kafkify.shutdown-timeout=5s"})
class OrdersApplicationIT {

    @Autowired
    private Orders orders;
    @Autowired
    private KafkaConsumerConfig config;
    @Autowired
    private ObjectMapper objectMapper;
    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        broker.createTopic(LocalBroker.TOPIC, LocalBroker.PARTITIONS);
        broker.createTopic(LocalBroker.TOPIC + ".DLT", 1);
        registry.add("kafkify.bootstrap-servers", broker::bootstrapServers);
    }

    @Test
    void the_sample_orders_are_handled_shown_and_the_consumer_is_healthy() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(orders.all()).containsOnlyKeys("A-1002", "A-1003", "A-1004"));

        assertThat(get("/orders")).contains("\"A-1004\"").contains("\"customer\":\"grace\"").doesNotContain("A-1001");
        assertThat(get("/actuator/health")).contains("\"kafkify\":{").contains("\"handled\":5");
        assertThat(get("/actuator/health/kafkify")).contains("\"status\":\"UP\"").contains("\"status\":\"RUNNING\"");
        // Boot 4's Jackson 2 bean (spring-boot-jackson2) is the mapper Kafkify binds payloads with
        assertThat(config.objectMapper()).isSameAs(objectMapper);
        assertThat(config.groupId()).isEqualTo("orders-service");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
