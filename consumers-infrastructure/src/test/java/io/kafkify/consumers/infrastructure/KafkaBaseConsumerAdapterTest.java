package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.PartitionId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * The adapter's lifecycle and poll loop against Kafka's own {@link MockConsumer}; the real
 * broker is exercised by the {@code *IT} tests.
 */
class KafkaBaseConsumerAdapterTest {

    private static final String TOPIC = "people-events";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final RecordingMockConsumer mock = new RecordingMockConsumer();
    private final KafkaConsumerConfig config = KafkaConsumerConfig.builder()
            .bootstrapServers("localhost:9092")
            .groupId("people-service")
            .shutdownTimeout(Duration.ofSeconds(5))
            .build();
    private final KafkaBaseConsumerAdapter adapter = KafkaBaseConsumerAdapter.builder(config)
            .consumerFactory(properties -> mock)
            .build();
    private final List<Long> handled = new CopyOnWriteArrayList<>();

    @Test
    void rejects_listen_before_start_with_a_clear_error() {
        assertThatThrownBy(adapter::listen)
                .isInstanceOf(ConsumerStateException.class)
                .hasMessageContaining("listen() was called before start()");
    }

    @Test
    void does_not_start_without_handlers_and_listen_returns_at_once() {
        adapter.start();
        adapter.listen();

        assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.STOPPED);
        assertThat(mock.subscription()).isEmpty();
    }

    @Test
    void subscribes_to_the_topics_that_have_handlers_and_starting_twice_is_harmless() {
        adapter.get(TOPIC, message -> { });
        adapter.get("purchase-events", message -> { });

        adapter.start();
        adapter.start();

        assertThat(mock.subscription()).containsExactlyInAnyOrder(TOPIC, "purchase-events");
    }

    @Test
    void handles_polled_records_and_commits_after_them() {
        adapter.get(TOPIC, message -> handled.add(message.offset()));
        adapter.start();
        assignAndAdd(0, 1, 2);

        CompletableFuture<Void> loop = CompletableFuture.runAsync(adapter::listen);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 3);
        adapter.stop();
        loop.join();

        assertThat(handled).containsExactly(0L, 1L, 2L);
        assertThat(mock.committedAtClose).containsEntry(PARTITION, new OffsetAndMetadata(3));
        assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.STOPPED);
        assertThat(adapter.state().handled()).isEqualTo(3);
    }

    @Test
    void reports_assigned_partitions_while_running() {
        adapter.get(TOPIC, message -> handled.add(message.offset()));
        adapter.start();
        assignAndAdd(0);

        CompletableFuture<Void> loop = CompletableFuture.runAsync(adapter::listen);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 1);

        assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.RUNNING);
        assertThat(adapter.state().assignedPartitions()).containsExactly(new PartitionId(TOPIC, 0));
        adapter.stop();
        loop.join();
        assertThat(adapter.state().assignedPartitions()).isEmpty();
    }

    @Test
    void fails_for_good_naming_the_group_when_authorization_is_denied() {
        adapter.get(TOPIC, message -> { });
        adapter.start();
        mock.setPollException(new GroupAuthorizationException("Not authorized", "people-service"));

        assertThatThrownBy(adapter::listen)
                .isInstanceOf(ConsumerStateException.class)
                .hasMessageContaining("Not authorized to use consumer group \"people-service\"");
        assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.FAILED);
        assertThat(adapter.state().lastError()).contains("people-service");
    }

    @Test
    void fails_for_good_naming_the_topics_when_reading_them_is_denied() {
        adapter.get(TOPIC, message -> { });
        adapter.start();
        mock.setPollException(new TopicAuthorizationException(Set.of(TOPIC)));

        assertThatThrownBy(adapter::listen)
                .isInstanceOf(ConsumerStateException.class)
                .hasMessageContaining("Not authorized to read topics [" + TOPIC + "]");
    }

    @Test
    void stop_is_idempotent_and_callable_before_listen() {
        adapter.get(TOPIC, message -> { });
        adapter.start();

        adapter.stop();
        adapter.stop();
        adapter.close();

        assertThat(mock.closed()).isTrue();
        assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.STOPPED);
        adapter.listen();
    }

    @Test
    void rejects_registration_after_start() {
        adapter.get(TOPIC, message -> { });
        adapter.start();

        assertThatThrownBy(() -> adapter.get("other", message -> { }))
                .isInstanceOf(ConsumerStateException.class)
                .hasMessageContaining("before start()");
    }

    @Test
    void stop_from_a_handler_returns_at_once_and_the_handlers_record_is_committed() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        adapter.get(TOPIC, message -> {
            if (message.offset() == 1) {
                adapter.stop();
                events.add("stop() returned in the handler");
            }
            handled.add(message.offset());
        });
        adapter.start();
        assignAndAdd(0, 1);

        CompletableFuture<Void> loop = CompletableFuture.runAsync(adapter::listen);
        loop.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(events).containsExactly("stop() returned in the handler");
        assertThat(handled).containsExactly(0L, 1L);
        assertThat(mock.committedAtClose).containsEntry(PARTITION, new OffsetAndMetadata(2));
        assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.STOPPED);
    }

    @Test
    void concurrent_stops_before_listen_close_the_client_exactly_once() throws Exception {
        adapter.get(TOPIC, message -> { });
        adapter.start();
        mock.holdFirstCloseForASecondOne = true;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> awaitThen(go, adapter::stop));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> awaitThen(go, adapter::stop));

        go.countDown();
        first.get(30, java.util.concurrent.TimeUnit.SECONDS);
        second.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(mock.closeCalls).hasValue(1);
        assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.STOPPED);
    }

    @Test
    void restarts_a_partition_whose_position_moved_back_instead_of_failing() {
        adapter.get(TOPIC, message -> handled.add(message.offset()));
        adapter.start();
        assignAndAdd(0, 1, 2, 3, 4);
        CompletableFuture<Void> loop = CompletableFuture.runAsync(adapter::listen);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 5);

        mock.schedulePollTask(() -> {
            mock.seek(PARTITION, 2);
            addRecords(2, 3, 4);
        });
        mock.schedulePollTask(() -> { });
        mock.schedulePollTask(() -> addRecords(2, 3, 4));
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 8);
        adapter.stop();
        loop.join();

        assertThat(handled).containsExactly(0L, 1L, 2L, 3L, 4L, 2L, 3L, 4L);
        assertThat(mock.committedAtClose).containsEntry(PARTITION, new OffsetAndMetadata(5));
        assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.STOPPED);
    }

    private static void awaitThen(java.util.concurrent.CountDownLatch go, Runnable action) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        action.run();
    }

    /** Kafka's mock, remembering what was committed when the adapter closed it, and how often it was closed. */
    private static final class RecordingMockConsumer extends MockConsumer<byte[], byte[]> {
        volatile Map<TopicPartition, OffsetAndMetadata> committedAtClose = Map.of();
        final java.util.concurrent.atomic.AtomicInteger closeCalls = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.CountDownLatch secondClose = new java.util.concurrent.CountDownLatch(1);
        volatile boolean holdFirstCloseForASecondOne;

        RecordingMockConsumer() {
            super("earliest");
        }

        @Override
        public void close(Duration timeout) {
            if (closeCalls.incrementAndGet() == 1 && holdFirstCloseForASecondOne) {
                // Gives a second, concurrent close the time to happen, if the adapter lets it.
                try {
                    secondClose.await(500, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                secondClose.countDown();
            }
            synchronized (this) {
                committedAtClose = committed(Set.of(PARTITION));
                super.close(timeout);
            }
        }
    }

    private void addRecords(long... offsets) {
        for (long offset : offsets) {
            mock.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null,
                    ("{\"n\":" + offset + "}").getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void assignAndAdd(long... offsets) {
        mock.schedulePollTask(() -> {
            mock.rebalance(List.of(PARTITION));
            mock.updateBeginningOffsets(Map.of(PARTITION, 0L));
            mock.seek(PARTITION, 0);
            for (long offset : offsets) {
                mock.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null,
                        ("{\"n\":" + offset + "}").getBytes(StandardCharsets.UTF_8)));
            }
        });
    }
}
