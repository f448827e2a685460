package io.kafkify.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.testkit.InMemoryConsumer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final InMemoryConsumer consumer = new InMemoryConsumer();
    private HealthEndpoint health;

    @BeforeEach
    void serves_the_state_of_a_consumer() {
        consumer.get("purchase-events", message -> { });
        health = HealthEndpoint.start(0, consumer::state);
    }

    @AfterEach
    void stops_serving() {
        health.close();
    }

    @Test
    void answers_200_with_the_state_while_the_consumer_runs() throws Exception {
        consumer.start();
        consumer.sendJson("purchase-events", "A-1", Map.of("order", "A-1"));

        HttpResponse<String> response = get(health.uri());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("healthy").asBoolean()).isTrue();
        assertThat(body.get("status").asText()).isEqualTo("RUNNING");
        assertThat(body.get("assignedPartitions").get(0).get("topic").asText()).isEqualTo("purchase-events");
        assertThat(body.get("handled").asLong()).isEqualTo(1);
        assertThat(body.has("lastError")).isTrue();
    }

    @Test
    void answers_503_once_the_consumer_stopped() throws Exception {
        consumer.start();
        consumer.stop();

        HttpResponse<String> response = get(health.uri());

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("healthy").asBoolean()).isFalse();
        assertThat(body.get("status").asText()).isEqualTo("STOPPED");
    }

    @Test
    void answers_503_while_a_partition_is_stopped_at_a_failed_record() throws Exception {
        InMemoryConsumer stopping = InMemoryConsumer.builder().settings(s -> s.failurePolicy(FailurePolicy.STOP)).build();
        stopping.get("people-events", message -> {
            throw new IllegalStateException("database down");
        });
        stopping.start();
        stopping.send("people-events", "42", "{}");
        try (HealthEndpoint stoppedHealth = HealthEndpoint.start(0, stopping::state)) {
            HttpResponse<String> response = get(stoppedHealth.uri());

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("RUNNING");
            assertThat(body.get("stoppedPartitions").get(0).get("reason").asText()).contains("database down");
        }
    }

    @Test
    void answers_404_beside_the_health_check() throws Exception {
        assertThat(get(health.uri().resolve("/health-check/more")).statusCode()).isEqualTo(404);
    }

    @Test
    void answers_405_to_a_post() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(health.uri())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
