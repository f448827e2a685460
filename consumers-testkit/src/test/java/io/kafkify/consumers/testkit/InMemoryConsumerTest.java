package io.kafkify.consumers.testkit;

import static io.kafkify.consumers.testkit.Records.PEOPLE;
import static io.kafkify.consumers.testkit.Records.PURCHASES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.PayloadException;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetter;
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
    void retries_a_failing_handler_and_dead_letters_the_record_after_the_last_attempt() {
        consumer.get(PEOPLE, message -> {
            if (((Map<?, ?>) message.value()).get("id").equals(2)) {
                throw new IllegalStateException("database down");
            }
        });
        consumer.start();

        consumer.sendJson(PEOPLE, "1", Records.personCreated(1));
        RecordOutcome outcome = consumer.sendJson(PEOPLE, "2", Records.personCreated(2)).orElseThrow();
        consumer.sendJson(PEOPLE, "3", Records.personCreated(3));

        assertThat(consumer.failures()).extracting(RecordOutcome.Failed::attempt, RecordOutcome.Failed::willRetry)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, true),
                        org.assertj.core.groups.Tuple.tuple(2, true),
                        org.assertj.core.groups.Tuple.tuple(3, false));
        assertThat(outcome).isInstanceOf(RecordOutcome.DeadLettered.class);
        assertThat(consumer.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(PEOPLE + ".DLT");
            assertThat(dead.header(DeadLetter.EXCEPTION_MESSAGE)).isEqualTo("database down");
            assertThat(dead.header(DeadLetter.ATTEMPTS)).isEqualTo("3");
        });
        assertThat(consumer.committedOffset(PEOPLE, 0)).hasValue(3);
        assertThat(consumer.state().deadLettered()).isEqualTo(1);
    }

    @Test
    void handles_a_record_that_fails_twice_then_succeeds_once_and_dead_letters_nothing() {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        consumer.get(PEOPLE, message -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("flaky");
            }
        });
        consumer.start();

        RecordOutcome outcome = consumer.sendJson(PEOPLE, "1", Records.personCreated(1)).orElseThrow();

        assertThat(outcome).isInstanceOf(RecordOutcome.Handled.class);
        assertThat(consumer.handled()).hasSize(1);
        assertThat(consumer.deadLetters()).isEmpty();
    }

    @Test
    void stop_policy_halts_the_partition_until_it_is_resumed() {
        InMemoryConsumer stopping = InMemoryConsumer.builder().settings(s -> s.failurePolicy(FailurePolicy.STOP)).build();
        java.util.concurrent.atomic.AtomicBoolean fixed = new java.util.concurrent.atomic.AtomicBoolean();
        List<Integer> seen = new ArrayList<>();
        stopping.get(PEOPLE, message -> {
            int id = (Integer) ((Map<?, ?>) message.value()).get("id");
            if (id == 2 && !fixed.get()) {
                throw new IllegalStateException("bug in the handler");
            }
            seen.add(id);
        });
        stopping.start();
        for (int id = 1; id <= 4; id++) {
            stopping.sendJson(PEOPLE, "k", Records.personCreated(id));
        }

        assertThat(seen).containsExactly(1);
        assertThat(stopping.committedOffset(PEOPLE, 0)).hasValue(1);
        assertThat(stopping.state().stoppedPartitions()).singleElement().satisfies(stopped -> {
            assertThat(stopped.offset()).isEqualTo(1);
            assertThat(stopped.reason()).contains("bug in the handler");
        });
        assertThat(stopping.state().healthy()).isFalse();

        fixed.set(true);
        stopping.resume(new PartitionId(PEOPLE, 0));

        assertThat(seen).containsExactly(1, 2, 3, 4);
        assertThat(stopping.committedOffset(PEOPLE, 0)).hasValue(4);
        assertThat(stopping.state().stoppedPartitions()).isEmpty();
    }

    @Test
    void skip_policy_commits_past_a_failed_record() {
        InMemoryConsumer skipping = InMemoryConsumer.builder()
                .settings(s -> s.failurePolicy(FailurePolicy.SKIP).maxAttempts(1)).build();
        skipping.get(PEOPLE, message -> {
            throw new IllegalStateException("unwanted");
        });
        skipping.start();

        RecordOutcome outcome = skipping.sendJson(PEOPLE, "1", Records.personCreated(1)).orElseThrow();

        assertThat(outcome).isInstanceOf(RecordOutcome.Skipped.class);
        assertThat(skipping.committedOffset(PEOPLE, 0)).hasValue(1);
        assertThat(skipping.deadLetters()).isEmpty();
    }

    @Test
    void keeps_order_per_key_when_handlers_run_in_parallel() {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            InMemoryConsumer parallel = InMemoryConsumer.builder().settings(s -> s.ordering(Ordering.KEY).maxConcurrency(8))
                    .executor(pool).build();
            Map<Object, List<Integer>> perKey = new java.util.concurrent.ConcurrentHashMap<>();
            parallel.get(PEOPLE, message -> {
                java.util.concurrent.locks.LockSupport.parkNanos(
                        java.util.concurrent.ThreadLocalRandom.current().nextLong(100_000));
                perKey.computeIfAbsent(message.key(), k -> new CopyOnWriteArrayList<>())
                        .add((Integer) ((Map<?, ?>) message.value()).get("id"));
            });
            parallel.start();
            for (int id = 0; id < 500; id++) {
                parallel.sendJson(PEOPLE, "key-" + (id % 10), Records.personCreated(id));
            }

            assertThat(parallel.awaitIdle(java.time.Duration.ofSeconds(30))).isTrue();

            assertThat(perKey).hasSize(10).allSatisfy((key, ids) -> assertThat(ids).hasSize(50).isSorted());
            assertThat(parallel.committedOffset(PEOPLE, 0)).hasValue(500);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dead_letters_an_invalid_typed_payload_at_once_with_the_reason() {
        registerPeopleAndPurchases();
        Map<String, Object> invalid = Records.personUpdated(5);
        invalid.put("email", "not-an-email");

        RecordOutcome outcome = consumer.sendJson(PEOPLE, "5", invalid).orElseThrow();

        assertThat(calls).isEmpty();
        assertThat(outcome).isInstanceOfSatisfying(RecordOutcome.DeadLettered.class, dead -> {
            assertThat(dead.failure().retryable()).isFalse();
            assertThat(dead.failure().attempt()).isEqualTo(1);
            assertThat(dead.failure().cause()).isInstanceOf(PayloadException.class)
                    .hasMessageContaining("email: must be a well-formed email address");
        });
        assertThat(consumer.deadLetters()).singleElement()
                .extracting(dead -> dead.header(DeadLetter.EXCEPTION_MESSAGE)).asString()
                .contains("email: must be a well-formed email address");
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

    @Test
    void a_synchronous_handler_may_send_a_record_even_when_one_handler_runs_at_a_time() {
        InMemoryConsumer single = InMemoryConsumer.builder().settings(s -> s.maxConcurrency(1)).build();
        single.get(PEOPLE, message -> {
            calls.add("person " + message.offset());
            single.sendJson(PURCHASES, "1", Records.purchase(1));
        });
        single.get(PURCHASES, message -> calls.add("purchase " + message.offset()));
        single.start();

        java.util.Optional<RecordOutcome> outcome = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10), () -> single.sendJson(PEOPLE, "1", Records.personCreated(1)),
                "a handler that sends must not wait for the permit it holds");

        assertThat(outcome).containsInstanceOf(RecordOutcome.Handled.class);
        assertThat(calls).containsExactly("person 0", "purchase 0");
        assertThat(single.committedOffset(PURCHASES, 0)).hasValue(1);
    }

    @Test
    void stop_from_a_handler_lets_that_handlers_record_finish_and_be_committed() throws Exception {
        InMemoryConsumer stopping = InMemoryConsumer.builder().build();
        stopping.get(PEOPLE, message -> {
            calls.add("person " + message.offset());
            if (message.offset() == 1) {
                stopping.stop();
                calls.add("stop() returned");
            }
        });
        stopping.start();
        Thread listener = new Thread(stopping::listen);
        listener.start();

        stopping.sendJson(PEOPLE, "1", Records.personCreated(1));
        stopping.sendJson(PEOPLE, "1", Records.personCreated(2));
        stopping.sendJson(PEOPLE, "1", Records.personCreated(3));
        listener.join(10_000);

        assertThat(listener.isAlive()).isFalse();
        assertThat(calls).containsExactly("person 0", "person 1", "stop() returned");
        assertThat(stopping.committedOffset(PEOPLE, 0)).hasValue(2);
    }

    @Test
    void resume_after_stop_restarts_from_a_record_queued_behind_the_failed_one() {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicBoolean fixed = new java.util.concurrent.atomic.AtomicBoolean();
            InMemoryConsumer keyed = InMemoryConsumer.builder()
                    .settings(s -> s.ordering(Ordering.KEY).failurePolicy(FailurePolicy.STOP).maxAttempts(1).maxConcurrency(2))
                    .executor(pool).build();
            keyed.get(PEOPLE, message -> {
                int id = (Integer) ((Map<?, ?>) message.value()).get("id");
                if (id == 0) {
                    awaitQuietly(release);
                }
                if (id == 2 && !fixed.get()) {
                    throw new IllegalStateException("bug in the handler");
                }
                calls.add("person " + id);
            });
            keyed.start();
            keyed.sendJson(PEOPLE, "A", Records.personCreated(0));
            keyed.sendJson(PEOPLE, "A", Records.personCreated(1));
            keyed.sendJson(PEOPLE, "B", Records.personCreated(2));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> !keyed.state().stoppedPartitions().isEmpty());
            release.countDown();
            assertThat(keyed.awaitIdle(java.time.Duration.ofSeconds(10))).isTrue();
            assertThat(calls).as("person 1 waited behind person 0 when the partition stopped").containsExactly("person 0");
            assertThat(keyed.committedOffset(PEOPLE, 0)).hasValue(1);

            fixed.set(true);
            keyed.resume(new PartitionId(PEOPLE, 0));

            assertThat(keyed.awaitIdle(java.time.Duration.ofSeconds(10))).isTrue();
            assertThat(calls).containsExactlyInAnyOrder("person 0", "person 1", "person 2");
            assertThat(keyed.committedOffset(PEOPLE, 0)).hasValue(3);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
