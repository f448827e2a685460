package io.kafkify.consumers.testkit;

import static io.kafkify.consumers.testkit.Records.PEOPLE;
import static io.kafkify.consumers.testkit.Records.PURCHASES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.PayloadException;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.router.ConsumerRouter;
import jakarta.validation.constraints.Email;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InMemoryConsumerTest {

    record PersonUpdated(String code, int id, String name, @Email String email) {
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final InMemoryConsumer consumer = new InMemoryConsumer();

    private void registerPeopleAndPurchases() {
        ConsumerRouter people = new ConsumerRouter();
        people.get(PEOPLE, List.of("PERSON_CREATED"), message -> calls.add("created " + message.offset()));
        people.get(PEOPLE, List.of("PERSON_UPDATED"), PersonUpdated.class,
                (event, message) -> calls.add("updated " + event.id()));
        people.get(PEOPLE, message -> calls.add("people default " + message.offset()));
        ConsumerRouter app = new ConsumerRouter();
        app.includeRouter(people);
        app.get(PURCHASES, message -> calls.add("purchase " + message.offset()));
        app.registerHandlers(consumer);
        consumer.start();
    }

    @Test
    void routes_a_record_with_a_registered_code_to_its_handler() {
        registerPeopleAndPurchases();

        consumer.sendJson(PEOPLE, "1", Records.personCreated(1));

        assertThat(calls).containsExactly("created 0");
        assertThat(consumer.handled()).singleElement().extracting(Message::code).isEqualTo("PERSON_CREATED");
    }

    @Test
    void binds_a_typed_payload_before_its_handler_runs() {
        registerPeopleAndPurchases();

        consumer.sendJson(PEOPLE, "7", Records.personUpdated(7));

        assertThat(calls).containsExactly("updated 7");
    }

    @Test
    void routes_record_without_code_to_default_handler() {
        registerPeopleAndPurchases();

        consumer.sendJson(PEOPLE, "1", Map.of("id", 1));

        assertThat(calls).containsExactly("people default 0");
    }

    @Test
    void routes_a_record_whose_code_is_not_a_string_to_the_default_handler() {
        registerPeopleAndPurchases();

        consumer.sendJson(PEOPLE, "1", Map.of("code", 12));
        consumer.sendJson(PEOPLE, "1", Map.of("code", Map.of("value", "PERSON_CREATED")));

        assertThat(calls).containsExactly("people default 0", "people default 1");
    }

    @Test
    void routes_values_that_are_not_objects_to_the_default_handler() {
        registerPeopleAndPurchases();

        consumer.send(PEOPLE, "k", "[{\"code\":\"PERSON_CREATED\"}]");
        consumer.send(PEOPLE, "k", "\"PERSON_CREATED\"");
        consumer.send(PEOPLE, "k", "42");
        consumer.send(PEOPLE, "k", "PERSON_CREATED");
        consumer.send(PEOPLE, null, new byte[] {(byte) 0xFF, 0x01}, List.of());
        consumer.send(PEOPLE, "k", null);
        consumer.send(PEOPLE, "k", "");

        assertThat(calls).hasSize(7).allMatch(call -> call.startsWith("people default"));
        assertThat(consumer.handled()).extracting(Message::value).containsExactly(
                List.of(Map.of("code", "PERSON_CREATED")), "PERSON_CREATED", 42, "PERSON_CREATED",
                new byte[] {(byte) 0xFF, 0x01}, null, null);
    }

    @Test
    void routes_an_unknown_code_to_the_default_handler() {
        registerPeopleAndPurchases();

        consumer.sendJson(PEOPLE, "1", Records.person("PERSON_DELETED", 1));

        assertThat(calls).containsExactly("people default 0");
    }

    @Test
    void skips_and_commits_an_unknown_code_when_the_topic_has_no_default_handler() {
        consumer.get(PEOPLE, "PERSON_CREATED", message -> calls.add("created"));
        consumer.start();

        consumer.sendJson(PEOPLE, "1", Records.person("PERSON_DELETED", 1));
        consumer.sendJson(PEOPLE, "2", Map.of("id", 2));

        assertThat(calls).isEmpty();
        assertThat(consumer.unrouted()).extracting(Message::offset).containsExactly(0L, 1L);
        assertThat(consumer.committedOffset(PEOPLE, 0)).hasValue(2);
    }

    @Test
    void never_consumes_a_topic_without_handlers() {
        registerPeopleAndPurchases();

        assertThat(consumer.send("audit-events", "1", "{\"code\":\"X\"}")).isEmpty();

        assertThat(consumer.outcomes()).isEmpty();
        assertThat(consumer.committedOffset("audit-events", 0)).isEmpty();
    }

    @Test
    void keeps_the_key_and_headers_of_a_record() {
        registerPeopleAndPurchases();

        consumer.send(PURCHASES, "order-1".getBytes(), "{}".getBytes(), List.of(MessageHeader.of("trace", "abc")));

        Message message = consumer.handled().get(0);
        assertThat(message.key()).isEqualTo("order-1");
        assertThat(message.lastHeader("trace")).map(MessageHeader::valueAsString).contains("abc");
    }

    @Test
    void commits_each_partition_past_its_finished_records() {
        registerPeopleAndPurchases();

        consumer.sendJson(PEOPLE, "1", Records.personCreated(1));
        consumer.sendJson(PEOPLE, "2", Records.personCreated(2));
        consumer.sendJson(PURCHASES, "3", Records.purchase(3));

        assertThat(consumer.committedOffset(PEOPLE, 0)).hasValue(2);
        assertThat(consumer.committedOffset(PURCHASES, 0)).hasValue(1);
    }

    @Test
    void never_commits_past_a_record_whose_handler_failed() {
        consumer.get(PEOPLE, message -> {
            if (((Map<?, ?>) message.value()).get("id").equals(2)) {
                throw new IllegalStateException("database down");
            }
        });
        consumer.start();

        consumer.sendJson(PEOPLE, "1", Records.personCreated(1));
        consumer.sendJson(PEOPLE, "2", Records.personCreated(2));
        consumer.sendJson(PEOPLE, "3", Records.personCreated(3));

        assertThat(consumer.committedOffset(PEOPLE, 0)).hasValue(1);
        assertThat(consumer.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.coordinates()).isEqualTo(PEOPLE + "-0@1");
            assertThat(failure.cause()).hasMessage("database down");
            assertThat(failure.retryable()).isTrue();
        });
    }

    @Test
    void reports_an_invalid_typed_payload_as_a_failure_that_is_not_retried() {
        registerPeopleAndPurchases();
        Map<String, Object> invalid = Records.personUpdated(5);
        invalid.put("email", "not-an-email");

        RecordOutcome outcome = consumer.sendJson(PEOPLE, "5", invalid).orElseThrow();

        assertThat(calls).isEmpty();
        assertThat(outcome).isInstanceOfSatisfying(RecordOutcome.Failed.class, failed -> {
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.cause()).isInstanceOf(PayloadException.class)
                    .hasMessageContaining("email: must be a well-formed email address");
        });
    }

    @Test
    void handles_records_sent_before_start_when_it_starts() {
        consumer.get(PURCHASES, message -> calls.add("purchase " + message.offset()));
        consumer.sendJson(PURCHASES, "1", Records.purchase(1));
        consumer.sendJson(PURCHASES, "2", Records.purchase(2));
        assertThat(calls).isEmpty();

        consumer.start();

        assertThat(calls).containsExactly("purchase 0", "purchase 1");
    }

    @Test
    void spreads_keyed_records_over_partitions_keeping_a_key_on_one_partition() {
        InMemoryConsumer partitioned = InMemoryConsumer.builder().partitions(PEOPLE, 4).build();
        List<Message> seen = new ArrayList<>();
        partitioned.get(PEOPLE, seen::add);
        partitioned.start();

        for (int i = 0; i < 40; i++) {
            partitioned.sendJson(PEOPLE, "key-" + (i % 5), Records.personCreated(i));
        }

        assertThat(seen).hasSize(40);
        assertThat(seen.stream().map(Message::partition).distinct().count()).isGreaterThan(1);
        assertThat(seen.stream().collect(java.util.stream.Collectors.groupingBy(Message::key,
                java.util.stream.Collectors.mapping(Message::partition, java.util.stream.Collectors.toSet()))))
                .allSatisfy((key, partitions) -> assertThat(partitions).hasSize(1));
    }

    @Test
    void reports_its_state_for_health_checks() {
        assertThat(consumer.state().status()).isEqualTo(io.kafkify.consumers.domain.ConsumerStatus.STARTING);
        registerPeopleAndPurchases();
        consumer.sendJson(PEOPLE, "1", Records.personCreated(1));
        consumer.sendJson(PURCHASES, "2", Records.purchase(2));

        assertThat(consumer.state().status()).isEqualTo(io.kafkify.consumers.domain.ConsumerStatus.RUNNING);
        assertThat(consumer.state().assignedPartitions()).containsExactly(
                new io.kafkify.consumers.domain.PartitionId(PEOPLE, 0),
                new io.kafkify.consumers.domain.PartitionId(PURCHASES, 0));
        assertThat(consumer.state().handled()).isEqualTo(2);

        consumer.stop();
        assertThat(consumer.state().status()).isEqualTo(io.kafkify.consumers.domain.ConsumerStatus.STOPPED);
    }

    @Test
    void rejects_listen_before_start() {
        assertThatThrownBy(consumer::listen)
                .isInstanceOf(ConsumerStateException.class)
                .hasMessageContaining("Call start() first");
    }

    @Test
    void rejects_registration_after_start() {
        consumer.get(PURCHASES, message -> { });
        consumer.start();

        assertThatThrownBy(() -> consumer.get(PEOPLE, message -> { }))
                .isInstanceOf(ConsumerStateException.class);
    }

    @Test
    void listen_returns_once_stopped_from_another_thread() throws Exception {
        consumer.get(PURCHASES, message -> { });
        consumer.start();
        Thread listener = new Thread(consumer::listen);
        listener.start();

        consumer.stop();
        consumer.stop();

        listener.join(10_000);
        assertThat(listener.isAlive()).isFalse();
    }
}
