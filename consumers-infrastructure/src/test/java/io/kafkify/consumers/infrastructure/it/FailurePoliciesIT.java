package io.kafkify.consumers.infrastructure.it;

import static io.kafkify.consumers.infrastructure.it.Broker.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.infrastructure.internal.KafkaDeadLetterPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FailurePoliciesIT {

    @Test
    void handles_a_record_that_fails_twice_then_succeeds_once_and_dead_letters_nothing() {
        String topic = Broker.topic("flaky", 1);
        Broker.broker().createTopic(topic + ".DLT", 1);
        AtomicInteger attempts = new AtomicInteger();
        List<Integer> handled = new CopyOnWriteArrayList<>();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(Broker.unique("flaky")).build());
        adapter.get(topic, message -> {
            int n = CommitIT.number(message);
            if (n == 3 && attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("database down");
            }
            handled.add(n);
        });
        Broker.produceNumbered(topic, 1, 0, 6);

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 6);
        }

        assertThat(handled).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(attempts).hasValue(3);
        assertThat(adapter.state().deadLettered()).isZero();
        assertThat(Broker.readAll(topic + ".DLT", 1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void dead_letters_a_record_that_always_fails_with_every_header_and_commits_it_only_after_the_publish() {
        String topic = Broker.topic("always-failing", 1);
        String group = Broker.unique("always-failing");
        Broker.broker().createTopic(topic + ".DLT", 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        AtomicBoolean published = new AtomicBoolean();
        AtomicLong committedBeforePublish = new AtomicLong(-1);
        KafkaDeadLetterPublisher real = new KafkaDeadLetterPublisher(
                Broker.config(group).build().toDeadLetterProducerProperties(), false);
        KafkaBaseConsumerAdapter adapter = KafkaBaseConsumerAdapter.builder(Broker.config(group).build())
                .deadLetterPublisher(deadLetter -> {
                    Long committed = Broker.committed(group).get(partition);
                    committedBeforePublish.set(committed == null ? -1 : committed);
                    real.publish(deadLetter);
                    published.set(true);
                })
                .build();
        adapter.get(topic, message -> {
            if (CommitIT.number(message) == 1) {
                throw new IllegalStateException("always broken");
            }
        });
        Broker.produce(topic, 0, "k0", Broker.utf8("{\"n\":0}"));
        Broker.produce(topic, 0, "k1", Broker.utf8("{\"n\":1}"));
        Broker.produce(topic, 0, "k2", Broker.utf8("{\"n\":2}"));

        try (real; Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> adapter.state().handled() == 2 && published.get());
            await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(3).equals(Broker.committed(group).get(partition)));
        }

        assertThat(committedBeforePublish.get()).as("committed when the dead letter was published").isLessThanOrEqualTo(1);
        List<ConsumerRecord<byte[], byte[]>> dead = Broker.readAll(topic + ".DLT", 1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(new String(record.key())).isEqualTo("k1");
            assertThat(new String(record.value())).isEqualTo("{\"n\":1}");
            assertThat(header(record, DeadLetter.ORIGINAL_TOPIC)).isEqualTo(topic);
            assertThat(header(record, DeadLetter.ORIGINAL_PARTITION)).isEqualTo("0");
            assertThat(header(record, DeadLetter.ORIGINAL_OFFSET)).isEqualTo("1");
            assertThat(header(record, DeadLetter.ORIGINAL_TIMESTAMP)).matches("\\d+");
            assertThat(header(record, DeadLetter.EXCEPTION_CLASS)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(record, DeadLetter.EXCEPTION_MESSAGE)).isEqualTo("always broken");
            assertThat(header(record, DeadLetter.ATTEMPTS)).isEqualTo("3");
        });
        assertThat(adapter.state().deadLettered()).isEqualTo(1);
        assertThat(adapter.state().failed()).isEqualTo(3);
    }

    @Test
    void waits_for_retries_longer_than_max_poll_interval_without_leaving_the_group() {
        String topic = Broker.topic("slow-retry", 1);
        Broker.broker().createTopic(topic + ".DLT", 1);
        AtomicInteger assignments = new AtomicInteger();
        AtomicInteger revocations = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        List<Integer> handled = new CopyOnWriteArrayList<>();
        KafkaBaseConsumerAdapter adapter = KafkaBaseConsumerAdapter.builder(Broker.config(Broker.unique("slow-retry"))
                        .maxPollIntervalMs(2_000)
                        .revokeTimeout(Duration.ofSeconds(1))
                        .recordRetryBackoffMs(3_000)
                        .maxRetryBackoffMs(3_000)
                        .build())
                .rebalanceListener(new Broker.CountingRebalances(assignments, revocations))
                .build();
        adapter.get(topic, message -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("not yet");
            }
            handled.add(CommitIT.number(message));
        });
        Broker.produceNumbered(topic, 1, 0, 1);

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == 1);
            assertThat(revocations).as("revocations while retrying").hasValue(0);
        }

        assertThat(assignments).hasValue(1);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void stop_policy_halts_one_partition_at_its_failed_record_while_the_others_go_on() {
        String topic = Broker.topic("stopping", 2);
        String group = Broker.unique("stopping");
        AtomicBoolean fixed = new AtomicBoolean();
        List<Integer> handled = new CopyOnWriteArrayList<>();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(group)
                .failurePolicy(FailurePolicy.STOP).maxAttempts(2).build());
        adapter.get(topic, message -> {
            int n = CommitIT.number(message);
            if (n == 4 && !fixed.get()) {
                throw new IllegalStateException("bug for record 4");
            }
            handled.add(n);
        });
        Broker.produceNumbered(topic, 2, 0, 20);

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !adapter.state().stoppedPartitions().isEmpty()
                    && handled.stream().filter(n -> n % 2 == 1).count() == 10);
            assertThat(handled).filteredOn(n -> n % 2 == 0).containsExactly(0, 2);
            assertThat(adapter.state().stoppedPartitions()).singleElement().satisfies(stopped -> {
                assertThat(stopped.partition()).isEqualTo(new PartitionId(topic, 0));
                assertThat(stopped.offset()).isEqualTo(2);
                assertThat(stopped.reason()).contains("bug for record 4");
            });
            assertThat(adapter.state().healthy()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Long.valueOf(10).equals(Broker.committed(group).get(new TopicPartition(topic, 1))));
            assertThat(Broker.committed(group).get(new TopicPartition(topic, 0))).isEqualTo(2L);

            fixed.set(true);
            adapter.resume(new PartitionId(topic, 0));
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 20);
            assertThat(adapter.state().stoppedPartitions()).isEmpty();
        }

        assertThat(handled).filteredOn(n -> n % 2 == 0).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
        assertThat(Broker.committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 10L,
                new TopicPartition(topic, 1), 10L));
    }
}
