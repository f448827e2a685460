package io.kafkify.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.kafkify.consumers.domain.Payload;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.infrastructure.JsonDefaults;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.testkit.InMemoryConsumer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed binding as docs/consumer.md and docs/testing.md show it: tolerant, java.time, parts, strict. */
class PayloadBindingTest {

    // tag::types[]
    record Order(@NotBlank String id, @Positive BigDecimal amount) {
    }

    record OrderPlaced(String code, @Valid Order data, Instant timestamp) {
    }
    // end::types[]

    private static final String PLACED = "{\"code\": \"ORDER_PLACED\", \"data\": {\"id\": \"A-1\", \"amount\": 12.5,"
            + " \"currency\": \"EUR\"}, \"timestamp\": \"2023-10-27T10:00:00Z\"}";

    private final List<Object> received = new ArrayList<>();

    @Test
    void binds_the_whole_envelope_ignoring_a_field_the_producer_added() {
        InMemoryConsumer consumer = new InMemoryConsumer();
        // tag::whole-value[]
        consumer.get("orders", List.of("ORDER_PLACED"), OrderPlaced.class,
                (placed, message) -> ship(placed.data(), placed.timestamp()));
        // end::whole-value[]
        consumer.start();

        consumer.send("orders", "A-1", PLACED);

        assertThat(received).containsExactly(new Order("A-1", new BigDecimal("12.5")),
                Instant.parse("2023-10-27T10:00:00Z"));
    }

    @Test
    void binds_the_data_part_alone_and_reports_violations_with_their_path() {
        InMemoryConsumer consumer = new InMemoryConsumer();
        // tag::data-part[]
        consumer.get("orders", List.of("ORDER_PLACED"), Payload.of(Order.class).at("/data"),
                (order, message) -> ship(order, message.timestamp()));
        // end::data-part[]
        consumer.start();

        // tag::data-part-invalid[]
        consumer.send("orders", "A-2", "{\"code\": \"ORDER_PLACED\", \"data\": {\"id\": \"A-2\", \"amount\": -1}}");

        assertThat(consumer.failures()).singleElement()
                .satisfies(failure -> assertThat(failure.reason())
                        .endsWith("Order at /data is invalid: data.amount: must be greater than 0"));
        assertThat(consumer.outcomes()).last().isInstanceOf(RecordOutcome.DeadLettered.class);
        // end::data-part-invalid[]
        assertThat(received).isEmpty();
    }

    @Test
    void fails_a_strict_handler_on_a_field_its_type_does_not_declare() {
        InMemoryConsumer consumer = new InMemoryConsumer();
        // tag::strict-handler[]
        consumer.get("orders", List.of("ORDER_PLACED"), Payload.of(Order.class).at("/data").strict(),
                (order, message) -> ship(order, message.timestamp()));
        // end::strict-handler[]
        consumer.start();

        consumer.send("orders", "A-1", PLACED);

        assertThat(consumer.failures()).singleElement().satisfies(failure -> assertThat(failure.reason())
                .contains("at data.currency").contains("unknown property \"currency\""));
    }

    @Test
    void makes_every_handler_strict_from_the_configuration_and_the_in_memory_consumer_follows_it() {
        // tag::strict-consumer[]
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .bootstrapServers("localhost:9092")
                .strictPayloads(true)                    // kafkify.strict-payloads; default false
                .build();
        // end::strict-consumer[]
        InMemoryConsumer consumer = InMemoryConsumer.builder().config(config).build();
        consumer.get("orders", List.of("ORDER_PLACED"), OrderPlaced.class, (placed, message) -> received.add(placed));
        consumer.start();

        consumer.send("orders", "A-1", PLACED);

        assertThat(consumer.failures()).singleElement()
                .satisfies(failure -> assertThat(failure.reason()).contains("unknown property \"currency\""));
    }

    @Test
    void configures_one_mapper_for_both_adapters_and_the_in_memory_consumer() {
        // tag::one-mapper[]
        ObjectMapper mapper = JsonDefaults.objectMapper()          // java.time, records, tolerant
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .bootstrapServers("localhost:9092")
                .objectMapper(mapper)                    // the one mapper, configured once
                .build();

        KafkaBaseConsumerAdapter production = new KafkaBaseConsumerAdapter(config);
        InMemoryConsumer test = InMemoryConsumer.builder().config(config).build();
        // end::one-mapper[]
        record Refund(String orderId, Instant refundedAt) {
        }
        test.get("refunds", Refund.class, (refund, message) -> received.add(refund));
        test.start();

        test.send("refunds", "A-1", "{\"order_id\": \"A-1\", \"refunded_at\": \"2023-10-27T10:00:00Z\"}");

        assertThat(received).containsExactly(new Refund("A-1", Instant.parse("2023-10-27T10:00:00Z")));
        assertThat(production.config().objectMapper()).isSameAs(mapper);
        production.stop();
    }

    private void ship(Order order, Instant at) {
        received.add(order);
        received.add(at);
    }
}
