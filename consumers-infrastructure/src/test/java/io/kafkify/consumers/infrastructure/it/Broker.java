package io.kafkify.consumers.infrastructure.it;

import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** The one real broker of this test JVM, and small helpers around it. */
final class Broker {

    private Broker() {
    }

    static EmbeddedKafkaBroker broker() {
        return EmbeddedKafkaBroker.shared();
    }

    /** @return a fresh name, so that tests sharing the broker never see each other's records */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String topic(String prefix, int partitions) {
        String topic = unique(prefix);
        broker().createTopic(topic, partitions);
        return topic;
    }

    static KafkaConsumerConfig.Builder config(String groupId) {
        return KafkaConsumerConfig.builder()
                .bootstrapServers(broker().bootstrapServers())
                .groupId(groupId)
                .shutdownTimeout(Duration.ofSeconds(10))
                .revokeTimeout(Duration.ofSeconds(5))
                .retryBackoffMs(100)
                .recordRetryBackoffMs(100);
    }

    /**
     * A producer that keeps the order of its records through retries without idempotence: right
     * after a topic is created the broker may answer NOT_LEADER once, and an idempotent producer
     * with several batches in flight can then stall on OUT_OF_ORDER_SEQUENCE_NUMBER.
     */
    static KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> properties = broker().producerProperties();
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(properties);
    }

    static void produce(String topic, Integer partition, String key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, partition, key == null ? null : utf8(key), value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Produces {@code count} JSON records round-robin over {@code partitions}, keyed and numbered. */
    static void produceNumbered(String topic, int partitions, int from, int count) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int n = from; n < from + count; n++) {
                producer.send(new ProducerRecord<>(topic, n % partitions, utf8("key-" + n),
                        utf8("{\"code\":\"NUMBERED\",\"n\":" + n + "}")));
            }
            producer.flush();
        }
    }

    static Map<TopicPartition, Long> committed(String groupId) {
        try (Admin admin = broker().newAdmin()) {
            return committed(admin, groupId);
        }
    }

    /** The same with an admin client of the caller's, for watchers that read offsets in a loop. */
    static Map<TopicPartition, Long> committed(Admin admin, String groupId) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the offsets of group " + groupId, e);
        }
    }

    /** Reads every record of a topic (a dead-letter topic, say) until {@code count} arrived. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int count, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = broker().newConsumer(unique("reader"))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Counts the rebalance callbacks that moved at least one partition. */
    record CountingRebalances(AtomicInteger assignments, AtomicInteger revocations)
            implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                revocations.incrementAndGet();
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                assignments.incrementAndGet();
            }
        }
    }

    /** An adapter listening on a thread of its own. */
    static final class Running implements AutoCloseable {
        final KafkaBaseConsumerAdapter adapter;
        final CompletableFuture<Void> loop;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Running(KafkaBaseConsumerAdapter adapter) {
            this.adapter = adapter;
            adapter.start();
            this.loop = CompletableFuture.runAsync(() -> {
                try {
                    adapter.listen();
                } catch (RuntimeException e) {
                    failure.set(e);
                    throw e;
                }
            }, runnable -> {
                Thread thread = new Thread(runnable, "kafkify-listener-test");
                thread.setDaemon(true);
                thread.start();
            });
        }

        Running awaitAssignment() {
            await().atMost(Duration.ofSeconds(30)).until(() -> !adapter.state().assignedPartitions().isEmpty());
            return this;
        }

        @Override
        public void close() {
            adapter.stop();
            loop.orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
