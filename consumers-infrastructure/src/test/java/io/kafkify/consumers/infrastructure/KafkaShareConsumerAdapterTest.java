package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.domain.Listening;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockShareConsumer;
import org.junit.jupiter.api.Test;

/**
 * What the share-group adapter refuses to be built with, the client properties it gives the share
 * consumer, and what its state says of the records it holds (against Kafka's {@link MockShareConsumer}).
 */
class KafkaShareConsumerAdapterTest {

    private static KafkaConsumerConfig.Builder config() {
        return KafkaConsumerConfig.builder().bootstrapServers("localhost:9092").groupId("mailer")
                .ordering(Ordering.UNORDERED);
    }

    @Test
    void an_ordering_a_share_group_cannot_keep_is_refused_saying_why() {
        assertThatThrownBy(() -> new KafkaShareConsumerAdapter(config().ordering(Ordering.KEY).build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ordering is KEY, and a share group cannot keep it")
                .hasMessageContaining("Set ordering(Ordering.UNORDERED)");
        assertThatThrownBy(() -> new KafkaShareConsumerAdapter(KafkaConsumerConfig.builder()
                .bootstrapServers("localhost:9092").build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ordering is PARTITION")
                .hasMessageContaining("the default PARTITION counts as asked");
    }

    @Test
    void the_stop_policy_and_implicit_acknowledgement_are_refused() {
        assertThatThrownBy(() -> new KafkaShareConsumerAdapter(config().failurePolicy(FailurePolicy.STOP)
                .property("share.acknowledgement.mode", "implicit").build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("failurePolicy STOP halts a partition")
                .hasMessageContaining("share.acknowledgement.mode is implicit");
    }

    @Test
    void reject_is_a_share_group_policy_that_the_classic_adapter_refuses() {
        KafkaConsumerConfig rejecting = config().failurePolicy(FailurePolicy.REJECT).build();

        assertThatCode(() -> new KafkaShareConsumerAdapter(rejecting).stop()).doesNotThrowAnyException();
        assertThatThrownBy(() -> new KafkaBaseConsumerAdapter(rejecting))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The REJECT failure policy needs a share group");
    }

    @Test
    void the_share_consumer_acknowledges_explicitly_without_the_classic_groups_properties() {
        assertThat(ShareGroupSettings.consumerProperties(config().build()))
                .containsEntry("share.acknowledgement.mode", "explicit")
                .containsEntry("group.id", "mailer")
                .doesNotContainKeys("enable.auto.commit", "auto.offset.reset", "isolation.level");
    }

    @Test
    void a_handler_that_hangs_makes_its_partition_stuck_and_the_state_healthy_again_once_it_returns() {
        MockShareConsumer<byte[], byte[]> client = new RenewingMockShareConsumer();
        client.subscribe(List.of("mail"));
        client.addRecord(new ConsumerRecord<>("mail", 2, 5L, null, "{\"code\":\"X\"}".getBytes(StandardCharsets.UTF_8)));
        CountDownLatch release = new CountDownLatch(1);
        KafkaShareConsumerAdapter adapter = KafkaShareConsumerAdapter.builder(config()
                        .maxUnfinishedAge(Duration.ofMillis(300)).build())
                .consumerFactory(properties -> client).deliveryLimit(5).deadLetterPublisher(letter -> { })
                .build();
        adapter.get("mail", message -> release.await(30, TimeUnit.SECONDS));
        PartitionId mail2 = new PartitionId("mail", 2);

        try (Listening listening = adapter.listenInBackground()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !adapter.state().healthy());
            ConsumerState hung = adapter.state();
            assertThat(hung.assignedPartitions()).containsExactly(mail2);
            assertThat(hung.partitions()).singleElement().satisfies(progress -> {
                assertThat(progress.partition()).isEqualTo(mail2);
                assertThat(progress.buffered()).isEqualTo(1);
                assertThat(progress.oldestUnfinishedAge()).isGreaterThan(Duration.ofMillis(300));
            });
            assertThat(hung.unhealthyReasons()).singleElement().asString()
                    .startsWith("mail-2 is stuck: its oldest unfinished record (offset 5) has been held");

            release.countDown();

            await().atMost(Duration.ofSeconds(10)).until(() -> adapter.state().handled() == 1
                    && adapter.state().healthy());
            assertThat(adapter.state().assignedPartitions()).isEmpty();
            assertThat(adapter.state().partitions()).isEmpty();
        }
    }

    /** Returns a renewed record again on the next poll, as the real client does. */
    private static final class RenewingMockShareConsumer extends MockShareConsumer<byte[], byte[]> {
        @Override
        public synchronized void acknowledge(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
            super.acknowledge(record, type);
            if (type == AcknowledgeType.RENEW) {
                addRecord(record);
            }
        }
    }
}
