package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommitIT {

    @Test
    void commits_the_last_handled_offset_plus_one_of_every_partition_on_stop() {
        String topic = Broker.topic("commits", 4);
        String group = Broker.unique("commits");
        List<Message> handled = new CopyOnWriteArrayList<>();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(group).build());
        adapter.get(topic, handled::add);
        Broker.produceNumbered(topic, 4, 0, 200);

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 200);
        }

        Map<TopicPartition, Long> expected = new HashMap<>();
        for (Message message : handled) {
            expected.merge(new TopicPartition(topic, message.partition()), message.offset() + 1, Math::max);
        }
        assertThat(expected).hasSize(4);
        assertThat(Broker.committed(group)).isEqualTo(expected);
    }

    @Test
    void a_new_consumer_in_the_group_handles_only_what_was_not_committed() {
        String topic = Broker.topic("resume", 2);
        String group = Broker.unique("resume");
        List<Integer> first = new CopyOnWriteArrayList<>();
        KafkaBaseConsumerAdapter firstAdapter = new KafkaBaseConsumerAdapter(Broker.config(group).build());
        firstAdapter.get(topic, message -> first.add(number(message)));
        Broker.produceNumbered(topic, 2, 0, 50);
        try (Broker.Running running = new Broker.Running(firstAdapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.size() == 50);
        }

        Broker.produceNumbered(topic, 2, 50, 30);
        List<Integer> second = new CopyOnWriteArrayList<>();
        KafkaBaseConsumerAdapter secondAdapter = new KafkaBaseConsumerAdapter(Broker.config(group).build());
        secondAdapter.get(topic, message -> second.add(number(message)));
        try (Broker.Running running = new Broker.Running(secondAdapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.size() >= 30);
        }

        assertThat(first).containsExactlyInAnyOrderElementsOf(range(0, 50));
        assertThat(second).containsExactlyInAnyOrderElementsOf(range(50, 80));
    }

    static int number(Message message) {
        return ((Number) ((Map<?, ?>) message.value()).get("n")).intValue();
    }

    static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).boxed().toList();
    }
}
