package io.kafkify.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.router.ConsumerRouter;
import io.kafkify.consumers.router.Handles;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;

/**
 * A Boot application on the embedded broker: routed records reach a {@code @Handles} bean and a
 * {@code ConsumerRouter} bean, {@code /actuator/health} shows {@code kafkify} UP over HTTP, and closing the
 * context commits what was handled: the group's offsets equal the partitions' ends. With an
 * {@code OpenTelemetry} bean (a real SDK, exporting to memory), every record's span continues the
 * trace its producer put in the {@code traceparent} header.
 */
@SpringBootTest(classes = KafkifyStarterIT.OrdersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kafkify.group-id=starter-it", "kafkify.shutdown-timeout=10s",
                "management.endpoints.web.exposure.include=health", "management.endpoint.health.show-components=always"})
// The test closes the context itself; the listeners that would use it after the test are left out.
@TestExecutionListeners(listeners = DependencyInjectionTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.REPLACE_DEFAULTS)
class KafkifyStarterIT {

    private static final String ORDERS = "starter-it-orders";
    private static final String PAYMENTS = "starter-it-payments";
    private static final int RECORDS = 20;
    /** The producer's trace: every record carries it in its traceparent header. */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Autowired
    private ConfigurableApplicationContext context;
    @Autowired
    private Handled handled;
    @Autowired
    private InMemorySpanExporter spans;
    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        broker.createTopic(ORDERS, 2);
        broker.createTopic(PAYMENTS, 1);
        registry.add("kafkify.bootstrap-servers", broker::bootstrapServers);
    }

    @Test
    void routed_records_are_handled_the_health_is_up_and_closing_commits_them() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        try (KafkaProducer<byte[], byte[]> producer = broker.newProducer()) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(record(ORDERS, "order-" + i, "{\"code\":\"ORDER_PLACED\",\"id\":\"" + i + "\"}"));
                producer.send(record(PAYMENTS, "payment-" + i, "{\"code\":\"PAID\",\"id\":\"" + i + "\"}"));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(handled.orders).hasSize(RECORDS);
            assertThat(handled.payments).hasSize(RECORDS);
        });

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health/kafkify")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(spans.getFinishedSpanItems()).hasSize(2 * RECORDS));
        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getTraceId).containsOnly(TRACE_ID);
        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
                .containsOnly("process " + ORDERS, "process " + PAYMENTS);

        context.close();
        try (Admin admin = broker.newAdmin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("starter-it")
                    .partitionsToOffsetAndMetadata().get();
            Set<TopicPartition> partitions = Set.of(new TopicPartition(ORDERS, 0), new TopicPartition(ORDERS, 1),
                    new TopicPartition(PAYMENTS, 0));
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2L * RECORDS);
            assertThat(committed.entrySet().stream().filter(entry -> ends.getOrDefault(entry.getKey(), 0L) > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset())))
                    .isEqualTo(ends.entrySet().stream().filter(entry -> entry.getValue() > 0)
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** What the handlers took. */
    static final class Handled {
        final Set<String> orders = ConcurrentHashMap.newKeySet();
        final Set<String> payments = ConcurrentHashMap.newKeySet();
    }

    /** Orders through an annotated bean. */
    @Component
    static class OrderHandlers {
        private final Handled handled;

        OrderHandlers(Handled handled) {
            this.handled = handled;
        }

        @Handles(topic = ORDERS, codes = "ORDER_PLACED")
        void placed(Map<String, Object> order, Message message) {
            handled.orders.add(String.valueOf(order.get("id")));
        }
    }

    /** A Boot application: the starter, an annotated handler bean and a router bean. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class OrdersApplication {
        @Bean
        Handled handled() {
            return new Handled();
        }

        @Bean
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }

        @Bean
        OpenTelemetry openTelemetry(InMemorySpanExporter spans) {
            return OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
                            .build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                    .build();
        }

        @Bean
        OrderHandlers orderHandlers(Handled handled) {
            return new OrderHandlers(handled);
        }

        @Bean
        ConsumerRouter paymentsRouter(Handled handled) {
            ConsumerRouter payments = new ConsumerRouter();
            payments.get(PAYMENTS, List.of("PAID"), message -> handled.payments.add(String.valueOf(message.key())));
            return payments;
        }
    }
}
