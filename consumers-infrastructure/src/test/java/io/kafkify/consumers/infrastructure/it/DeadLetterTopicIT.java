package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A dead-letter topic that does not exist, on the real broker (which does not create topics on its own). */
class DeadLetterTopicIT {

    @Test
    void a_missing_dead_letter_topic_is_named_with_what_to_do_and_nothing_past_the_record_is_committed() {
        String topic = Broker.topic("no-dlt", 1);
        String group = Broker.unique("no-dlt");
        KafkaBaseConsumerAdapter adapter = KafkaBaseConsumerAdapter.builder(Broker.config(group)
                        .maxAttempts(1)
                        .build())
                .build();
        adapter.get(topic, message -> {
            throw new IllegalStateException("always broken");
        });
        Broker.produce(topic, 0, "k0", Broker.utf8("{\"n\":0}"));

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(40)).until(() -> String.valueOf(adapter.state().lastError())
                    .contains("does not exist"));
            assertThat(adapter.state().lastError())
                    .contains("the dead-letter topic " + topic + ".DLT does not exist")
                    .contains("Create it (with as many partitions as " + topic + ")")
                    .contains("createDeadLetterTopics");
            assertThat(adapter.state().deadLettered()).isZero();
            assertThat(Broker.committed(group).get(new TopicPartition(topic, 0))).isNull();
        }
    }

    @Test
    void creates_a_missing_dead_letter_topic_with_the_partitions_of_its_source_when_asked() throws Exception {
        String topic = Broker.topic("create-dlt", 3);
        String group = Broker.unique("create-dlt");
        KafkaBaseConsumerAdapter adapter = KafkaBaseConsumerAdapter.builder(Broker.config(group)
                        .maxAttempts(1)
                        .createDeadLetterTopics(true)
                        .build())
                .build();
        adapter.get(topic, message -> {
            throw new IllegalStateException("always broken");
        });
        Broker.produce(topic, 2, "k0", Broker.utf8("{\"n\":0}"));

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> adapter.state().deadLettered() == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Long.valueOf(1).equals(Broker.committed(group).get(new TopicPartition(topic, 2))));
        }

        try (Admin admin = Broker.broker().newAdmin()) {
            assertThat(admin.describeTopics(List.of(topic + ".DLT")).allTopicNames().get().get(topic + ".DLT")
                    .partitions()).hasSize(3);
        }
        List<ConsumerRecord<byte[], byte[]>> dead = Broker.readAll(topic + ".DLT", 1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(record -> assertThat(new String(record.key())).isEqualTo("k0"));
    }
}
