package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FailureRedeliveryIT {

    @Test
    void never_commits_past_a_failing_record_and_delivers_it_again() throws Exception {
        String topic = Broker.topic("failing", 1);
        String group = Broker.unique("failing");
        TopicPartition partition = new TopicPartition(topic, 0);
        AtomicInteger attemptsOfFive = new AtomicInteger();
        AtomicBoolean fiveHandled = new AtomicBoolean();
        List<Integer> handled = new CopyOnWriteArrayList<>();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(group).build());
        adapter.get(topic, message -> {
            int n = CommitIT.number(message);
            if (n == 5 && attemptsOfFive.incrementAndGet() <= 3) {
                throw new IllegalStateException("database down for record 5");
            }
            if (n == 5) {
                fiveHandled.set(true);
            }
            handled.add(n);
        });
        Broker.produceNumbered(topic, 1, 0, 20);
        AtomicLong highestCommittedWhileFailing = new AtomicLong(-1);
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                boolean failingNow = !fiveHandled.get();
                Long committed = Broker.committed(group).get(partition);
                if (failingNow && committed != null) {
                    highestCommittedWhileFailing.accumulateAndGet(committed, Math::max);
                }
            }
        });
        watcher.start();

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() >= 20);
        } finally {
            watching.set(false);
            watcher.join();
        }

        assertThat(attemptsOfFive).hasValue(4);
        assertThat(highestCommittedWhileFailing.get()).as("committed while record 5 was failing").isLessThanOrEqualTo(5);
        assertThat(handled).as("in order, each once").containsExactlyElementsOf(CommitIT.range(0, 20));
        assertThat(Broker.committed(group)).containsEntry(partition, 20L);
        assertThat(adapter.state().failed()).isEqualTo(3);
        assertThat(adapter.state().lastError()).contains("database down for record 5");
    }

    @Test
    void keeps_other_partitions_going_while_one_waits_for_its_failed_record() {
        String topic = Broker.topic("failing-one", 2);
        String group = Broker.unique("failing-one");
        AtomicBoolean healed = new AtomicBoolean();
        List<Integer> handled = new CopyOnWriteArrayList<>();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(group).build());
        adapter.get(topic, message -> {
            if (message.partition() == 0 && !healed.get()) {
                throw new IllegalStateException("partition 0 cannot be handled yet");
            }
            handled.add(CommitIT.number(message));
        });
        Broker.produceNumbered(topic, 2, 0, 40);

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 20);
            assertThat(handled).allMatch(n -> n % 2 == 1);
            assertThat(Broker.committed(group)).doesNotContainKey(new TopicPartition(topic, 0));

            healed.set(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 40);
        }

        assertThat(Broker.committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 20L,
                new TopicPartition(topic, 1), 20L));
    }
}
