package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StopIT {

    @Test
    void stop_lets_the_running_record_finish_and_commits_it() throws Exception {
        String topic = Broker.topic("stop-finish", 1);
        String group = Broker.unique("stop-finish");
        CountDownLatch running = new CountDownLatch(1);
        List<Integer> finished = new CopyOnWriteArrayList<>();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(group).build());
        adapter.get(topic, message -> {
            running.countDown();
            Thread.sleep(500); // the work in hand when stop() is called
            finished.add(CommitIT.number(message));
        });
        Broker.produceNumbered(topic, 1, 0, 1);
        Broker.Running listening = new Broker.Running(adapter);
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        adapter.stop();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMillis).isLessThan(adapter.config().shutdownTimeout().toMillis());
        listening.loop.get(10, TimeUnit.SECONDS);
        assertThat(finished).containsExactly(0);
        assertThat(Broker.committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 1L));
        assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.STOPPED);
        adapter.stop();
    }

    @Test
    void stop_returns_within_its_timeout_and_an_unfinished_record_is_delivered_again() throws Exception {
        String topic = Broker.topic("stop-timeout", 1);
        String group = Broker.unique("stop-timeout");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        KafkaBaseConsumerAdapter stuck = new KafkaBaseConsumerAdapter(Broker.config(group)
                .shutdownTimeout(Duration.ofSeconds(1)).build());
        stuck.get(topic, message -> {
            running.countDown();
            never.await();
        });
        Broker.produceNumbered(topic, 1, 0, 1);
        Broker.Running listening = new Broker.Running(stuck);
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        stuck.stop();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        listening.loop.get(10, TimeUnit.SECONDS);

        assertThat(tookMillis).isLessThan(1_000 + 5_000 + 2_000);
        assertThat(Broker.committed(group)).doesNotContainKey(new TopicPartition(topic, 0));

        List<Integer> redelivered = new CopyOnWriteArrayList<>();
        KafkaBaseConsumerAdapter next = new KafkaBaseConsumerAdapter(Broker.config(group).build());
        next.get(topic, message -> redelivered.add(CommitIT.number(message)));
        try (Broker.Running again = new Broker.Running(next)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> redelivered.size() == 1);
        }
        assertThat(redelivered).containsExactly(0);
    }
}
