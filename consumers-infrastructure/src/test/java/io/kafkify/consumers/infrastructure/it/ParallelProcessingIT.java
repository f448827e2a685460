package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParallelProcessingIT {

    private static final int KEYS = 1_000;
    private static final int PER_KEY = 2;
    private static String keyedTopic;

    @BeforeAll
    static void produceKeyedRecords() {
        keyedTopic = Broker.topic("keyed", 1);
        try (KafkaProducer<byte[], byte[]> producer = Broker.producer()) {
            for (int n = 0; n < KEYS * PER_KEY; n++) {
                producer.send(new ProducerRecord<>(keyedTopic, 0, Broker.utf8("key-" + (n % KEYS)),
                        Broker.utf8("{\"n\":" + n + "}")));
            }
            producer.flush();
        }
    }

    @Test
    void key_ordering_keeps_order_per_key_with_64_handlers_sleeping_10_ms() {
        Map<Object, List<Long>> offsetsPerKey = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(Broker.unique("key-order"))
                .ordering(Ordering.KEY).maxConcurrency(64).build());
        adapter.get(keyedTopic, message -> {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(10); // the I/O-bound handler of the issue
                offsetsPerKey.computeIfAbsent(message.key(), k -> new CopyOnWriteArrayList<>()).add(message.offset());
            } finally {
                running.decrementAndGet();
            }
        });

        try (Broker.Running listening = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> adapter.state().handled() == KEYS * PER_KEY);
        }

        assertThat(offsetsPerKey).hasSize(KEYS)
                .allSatisfy((key, offsets) -> assertThat(offsets).hasSize(PER_KEY).isSorted());
        assertThat(mostRunning.get()).isBetween(2, 64);
    }

    @Test
    void partition_ordering_handles_the_same_topic_strictly_in_offset_order() {
        List<Long> offsets = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(Broker.unique("partition-order"))
                .ordering(Ordering.PARTITION).maxConcurrency(64).build());
        adapter.get(keyedTopic, message -> {
            if (running.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            Thread.sleep(10);
            offsets.add(message.offset());
            running.decrementAndGet();
        });

        try (Broker.Running listening = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> offsets.size() == KEYS * PER_KEY);
        }

        assertThat(overlapped).isFalse();
        assertThat(offsets).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void backpressure_keeps_the_buffer_under_its_bound_through_a_200000_record_backlog_without_leaving_the_group() {
        String topic = Broker.topic("backlog", 4);
        Broker.produceNumbered(topic, 4, 0, 200_000);
        AtomicInteger revocations = new AtomicInteger();
        AtomicInteger highestBuffered = new AtomicInteger();
        int bound = 2_000;
        KafkaBaseConsumerAdapter adapter = KafkaBaseConsumerAdapter.builder(Broker.config(Broker.unique("backlog"))
                        .maxBufferedRecords(bound).maxPollRecords(500).maxPollIntervalMs(5_000)
                        .revokeTimeout(Duration.ofSeconds(1)).build())
                .rebalanceListener(new Broker.CountingRebalances(new AtomicInteger(), revocations))
                .build();
        adapter.get(topic, message -> Thread.sleep(1));

        int revokedWhileRunning;
        try (Broker.Running listening = new Broker.Running(adapter)) {
            long until = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            while (System.nanoTime() < until) {
                highestBuffered.accumulateAndGet(adapter.state().buffered(), Math::max);
                Thread.onSpinWait();
            }
            revokedWhileRunning = revocations.get();
        }

        System.out.printf("backpressure: bound %d, highest buffered %d, handled %d of 200000%n", bound,
                highestBuffered.get(), adapter.state().handled());
        assertThat(highestBuffered.get()).isPositive().isLessThanOrEqualTo(bound);
        assertThat(adapter.state().handled()).isBetween(1_000L, 199_999L);
        assertThat(revokedWhileRunning).as("partitions revoked while paused").isZero();
    }

    @Test
    void a_member_joining_while_records_run_loses_nothing_and_never_commits_past_an_unfinished_record() {
        String topic = Broker.topic("mid-flight", 4);
        String group = Broker.unique("mid-flight");
        int records = 4_000;
        Broker.produceNumbered(topic, 4, 0, records);
        Map<TopicPartition, Map<Long, Boolean>> finished = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> times = new ConcurrentHashMap<>();
        AtomicReference<String> violation = new AtomicReference<>();
        KafkaBaseConsumerAdapter first = keyed(group, topic, finished, times);
        KafkaBaseConsumerAdapter second = keyed(group, topic, finished, times);
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            try (org.apache.kafka.clients.admin.Admin admin = Broker.broker().newAdmin()) {
                watch(admin, group, finished, violation, watching);
            }
        });
        watcher.start();

        try (Broker.Running one = new Broker.Running(first)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> times.size() >= records / 10);
            try (Broker.Running two = new Broker.Running(second)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !second.state().assignedPartitions().isEmpty());
                await().atMost(Duration.ofSeconds(120)).until(() -> times.size() == records);
            }
        } finally {
            watching.set(false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !watcher.isAlive());

        assertThat(violation.get()).isNull();
        assertThat(times).hasSize(records);
    }

    /** Reads the group's commits until told to stop; records the first commit past an unfinished record. */
    private static void watch(org.apache.kafka.clients.admin.Admin admin, String group,
                              Map<TopicPartition, Map<Long, Boolean>> finished, AtomicReference<String> violation,
                              AtomicBoolean watching) {
        while (watching.get()) {
            Broker.committed(admin, group).forEach((partition, committed) -> {
                Map<Long, Boolean> done = finished.getOrDefault(partition, Map.of());
                for (long offset = 0; offset < committed; offset++) {
                    if (!done.containsKey(offset)) {
                        violation.compareAndSet(null, partition + " committed at " + committed
                                + " before offset " + offset + " finished");
                    }
                }
            });
        }
    }

    private static KafkaBaseConsumerAdapter keyed(String group, String topic,
                                                 Map<TopicPartition, Map<Long, Boolean>> finished,
                                                 Map<Integer, AtomicInteger> times) {
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(group)
                .ordering(Ordering.KEY).maxConcurrency(32).maxPollRecords(100).build());
        adapter.get(topic, (Message message) -> {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(3));
            times.computeIfAbsent(CommitIT.number(message), n -> new AtomicInteger()).incrementAndGet();
            finished.computeIfAbsent(new TopicPartition(message.topic(), message.partition()),
                    p -> new ConcurrentHashMap<>()).put(message.offset(), true);
        });
        return adapter;
    }
}
