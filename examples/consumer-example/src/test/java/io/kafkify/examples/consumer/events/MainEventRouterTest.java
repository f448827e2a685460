package io.kafkify.examples.consumer.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.testkit.InMemoryConsumer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example's handlers, tested without Kafka: the in-memory consumer runs the same routing. */
class MainEventRouterTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final HandledEvents handled = new HandledEvents(new PrintStream(printed, true, StandardCharsets.UTF_8));
    private InMemoryConsumer consumer;

    @BeforeEach
    void registers_the_main_router_on_an_in_memory_consumer() {
        consumer = started();
    }

    private InMemoryConsumer started() {
        // tag::in-memory-setup[]
        InMemoryConsumer consumer = new InMemoryConsumer();
        MainEventRouter.create(handled).registerHandlers(consumer);
        consumer.start();
        // end::in-memory-setup[]
        return consumer;
    }

    @Test
    void routes_person_created_to_its_typed_handler() {
        // tag::in-memory-handled[]
        consumer.sendJson("people-events", "42", Events.personCreated("42", "Ada Lovelace", "ada@example.com"));

        assertThat(consumer.handled()).singleElement()
                .satisfies(message -> assertThat(message.code()).isEqualTo("PERSON_CREATED"));
        assertThat(consumer.committedOffset("people-events", 0)).isEqualTo(OptionalLong.of(1));
        // end::in-memory-handled[]
        assertThat(handled.counts()).containsExactly(Map.entry(PeopleEvents.PERSON_CREATED, 1L));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("created Ada Lovelace <ada@example.com>");
    }

    @Test
    void routes_person_updated_to_its_typed_handler() {
        consumer.sendJson("people-events", "42", Events.event("PERSON_UPDATED", Map.of("id", "42", "email", "ada@lovelace.dev")));

        assertThat(handled.counts()).containsExactly(Map.entry(PeopleEvents.PERSON_UPDATED, 1L));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("updated 42: email ada@lovelace.dev");
    }

    @Test
    void routes_every_purchase_to_the_default_handler_whatever_its_code() {
        consumer.sendJson("purchase-events", "A-1", Map.of("code", "PURCHASE_COMPLETED", "order", Map.of("id", "A-1")));
        consumer.sendJson("purchase-events", "A-2", Map.of("order", Map.of("id", "A-2")));
        consumer.send("purchase-events", "A-3", "not JSON at all");

        assertThat(handled.counts()).containsExactly(Map.entry(PurchaseEvents.DEFAULT_HANDLER, 3L));
    }

    @Test
    void skips_and_commits_a_person_event_with_a_code_nobody_handles() {
        // tag::in-memory-unrouted[]
        consumer.sendJson("people-events", "42", Events.event("PERSON_DELETED", Map.of("id", "42")));

        assertThat(consumer.unrouted()).hasSize(1);
        assertThat(consumer.committedOffset("people-events", 0)).isEqualTo(OptionalLong.of(1));
        // end::in-memory-unrouted[]
        assertThat(handled.total()).isZero();
    }

    @Test
    void dead_letters_a_person_whose_email_is_invalid_without_calling_the_handler() {
        // tag::in-memory-invalid[]
        consumer.sendJson("people-events", "45", Events.personCreated("45", "Alan Turing", "not-an-email"));

        assertThat(consumer.failures()).singleElement()
                .satisfies(failure -> assertThat(failure.reason()).contains("data.email"));
        assertThat(consumer.outcomes()).last().isInstanceOf(RecordOutcome.DeadLettered.class);
        assertThat(consumer.committedOffset("people-events", 0)).isEqualTo(OptionalLong.of(1));
        // end::in-memory-invalid[]
        assertThat(handled.total()).isZero();
    }

    @Test
    void stops_the_partition_at_an_invalid_person_under_the_stop_policy() {
        // tag::in-memory-builder[]
        InMemoryConsumer stopping = InMemoryConsumer.builder()
                .partitions("people-events", 2)                // a key always lands in the same partition
                .settings(s -> s.failurePolicy(FailurePolicy.STOP)) // KafkaConsumerConfig's own builder
                .build();
        // end::in-memory-builder[]
        MainEventRouter.create(handled).registerHandlers(stopping);
        stopping.start();

        stopping.sendJson("people-events", "45", Events.personCreated("45", "Alan Turing", "not-an-email"));
        stopping.sendJson("people-events", "45", Events.personCreated("45", "Alan Turing", "alan@example.com"));

        assertThat(stopping.state().stoppedPartitions()).singleElement()
                .satisfies(stopped -> assertThat(stopped.offset()).isZero());
        assertThat(handled.total()).as("the valid record waits behind the invalid one").isZero();
    }

    /** Payloads in the documented message structure. */
    static final class Events {
        static Map<String, Object> personCreated(String id, String name, String email) {
            return event("PERSON_CREATED", Map.of("id", id, "name", name, "email", email));
        }

        static Map<String, Object> event(String code, Map<String, Object> data) {
            return Map.of("code", code, "data", data, "timestamp", "2024-05-01T10:00:00Z");
        }
    }
}
