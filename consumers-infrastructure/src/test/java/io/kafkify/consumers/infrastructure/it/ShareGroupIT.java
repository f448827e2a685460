package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.Listening;
import io.kafkify.consumers.domain.NonRetryableException;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.infrastructure.KafkaShareConsumerAdapter;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.junit.jupiter.api.Test;

/** The share-group adapter on the real broker: sharing one partition, locks, retries, dead letters, stop. */
class ShareGroupIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void three_members_share_one_partition_and_handle_every_record_once() throws Exception {
        String topic = Broker.topic("share-three", 1);
        String group = shareGroup("share-three", Map.of());
        Broker.produceNumbered(topic, 1, 0, 90);
        Map<Integer, List<Integer>> byMember = new ConcurrentHashMap<>();
        List<Listening> members = new CopyOnWriteArrayList<>();
        for (int member = 0; member < 3; member++) {
            int me = member;
            KafkaShareConsumerAdapter adapter = adapter(config(group).maxPollRecords(3)
                    .property("share.acquire.mode", "record_limit").maxConcurrency(2));
            adapter.get(topic, message -> {
                byMember.computeIfAbsent(me, m -> new CopyOnWriteArrayList<>()).add(number(message.value()));
                sleep(10);
            });
            members.add(adapter.listenInBackground());
        }
        try {
            await().atMost(DEADLINE).until(() -> byMember.values().stream().mapToInt(List::size).sum() >= 90);
        } finally {
            members.forEach(Listening::stop);
        }

        List<Integer> all = byMember.values().stream().flatMap(List::stream).sorted().toList();
        assertThat(all).hasSize(90).doesNotHaveDuplicates();
        assertThat(byMember).as("every member made progress").hasSize(3)
                .allSatisfy((member, numbers) -> assertThat(numbers).isNotEmpty());
    }

    @Test
    void records_a_member_held_when_it_died_come_back_after_the_lock_and_are_handled() throws Exception {
        String topic = Broker.topic("share-killed", 1);
        String group = shareGroup("share-killed", Map.of("share.record.lock.duration.ms", "2000"));
        Broker.produceNumbered(topic, 1, 0, 10);
        Map<String, Object> properties = Broker.broker().consumerProperties(group);
        properties.keySet().removeAll(Set.of("auto.offset.reset", "enable.auto.commit"));
        properties.put("share.acknowledgement.mode", "explicit");
        Set<Integer> held = ConcurrentHashMap.newKeySet();
        // A member that acquires records and then hangs: it never acknowledges them and never polls again.
        try (KafkaShareConsumer<byte[], byte[]> hung = new KafkaShareConsumer<>(properties)) {
            hung.subscribe(List.of(topic));
            await().atMost(DEADLINE).until(() -> {
                ConsumerRecords<byte[], byte[]> records = hung.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    held.add(number(new String(record.value(), StandardCharsets.UTF_8)));
                }
                return !held.isEmpty();
            });
            Map<Integer, OptionalInt> seen = new ConcurrentHashMap<>();
            KafkaShareConsumerAdapter adapter = adapter(config(group));
            adapter.get(topic, message -> seen.put(number(message.value()), message.deliveryCount()));
            try (Listening listening = adapter.listenInBackground()) {
                await().atMost(DEADLINE).until(() -> seen.size() == 10);
            }
            assertThat(held).allSatisfy(n -> assertThat(seen.get(n)).as("record %s", n).hasValue(2));
        }
    }

    @Test
    void a_handler_longer_than_the_lock_keeps_its_record() throws Exception {
        String topic = Broker.topic("share-renew", 1);
        String group = shareGroup("share-renew", Map.of("share.record.lock.duration.ms", "1000"));
        Broker.produce(topic, 0, "k", Broker.utf8("{\"code\":\"X\",\"n\":1}"));
        List<OptionalInt> runs = new CopyOnWriteArrayList<>();
        List<Listening> members = new CopyOnWriteArrayList<>();
        List<KafkaShareConsumerAdapter> adapters = new CopyOnWriteArrayList<>();
        for (int member = 0; member < 2; member++) {
            KafkaShareConsumerAdapter adapter = adapter(config(group));
            adapter.get(topic, message -> {
                runs.add(message.deliveryCount());
                sleep(3_000);
            });
            adapters.add(adapter);
            members.add(adapter.listenInBackground());
        }
        try {
            await().atMost(DEADLINE).until(() -> adapters.stream().mapToLong(a -> a.state().handled()).sum() == 1);
        } finally {
            members.forEach(Listening::stop);
        }
        assertThat(runs).as("one run, on the first delivery: the lock was renewed, not lost")
                .containsExactly(OptionalInt.of(1));
        assertThat(adapters).allSatisfy(adapter -> assertThat(adapter.state().lastError()).isNull());
    }

    @Test
    void a_transient_failure_is_seen_again_with_delivery_count_two() throws Exception {
        String topic = Broker.topic("share-retry", 1);
        String group = shareGroup("share-retry", Map.of());
        String bootstrapServers = Broker.broker().bootstrapServers();
        Broker.produce(topic, 0, "k", Broker.utf8("{\"code\":\"X\",\"n\":1}"));
        List<OptionalInt> deliveries = new CopyOnWriteArrayList<>();

        // tag::share-consumer[]
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .bootstrapServers(bootstrapServers)
                .groupId(group)                        // the share group
                .ordering(Ordering.UNORDERED)          // required: a share group does not order records
                .maxAttempts(3)                        // deliveries per record, the first included
                .recordRetryBackoffMs(50)              // held (lock renewed) this long, then released
                .build();

        try (KafkaShareConsumerAdapter consumer = new KafkaShareConsumerAdapter(config)) {
            consumer.get(topic, message -> {
                deliveries.add(message.deliveryCount()); // 1, then 2 once the broker delivers it again
                if (deliveries.size() == 1) {
                    throw new IllegalStateException("database briefly away");   // retryable: released
                }
            });
            Listening listening = consumer.listenInBackground();
            await().atMost(DEADLINE).until(() -> consumer.state().handled() == 1);
            listening.stop();                         // drains, acknowledges, closes
        }
        // end::share-consumer[]
        assertThat(deliveries).containsExactly(OptionalInt.of(1), OptionalInt.of(2));
    }

    @Test
    void a_poison_record_ends_in_the_dead_letter_topic_with_the_usual_headers() {
        String topic = Broker.topic("share-poison", 1);
        Broker.broker().createTopic(topic + ".DLT", 1);
        String group = shareGroup("share-poison", Map.of());
        Broker.produce(topic, 0, "poison-key", Broker.utf8("{\"code\":\"X\",\"n\":1}"));
        KafkaShareConsumerAdapter adapter = adapter(config(group).maxAttempts(3));
        adapter.get(topic, message -> {
            throw new NonRetryableException("cannot ever be handled");
        });
        try (Listening listening = adapter.listenInBackground()) {
            await().atMost(DEADLINE).until(() -> adapter.state().deadLettered() == 1);
        }

        List<ConsumerRecord<byte[], byte[]>> dead = Broker.readAll(topic + ".DLT", 1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("poison-key");
            assertThat(Broker.header(record, DeadLetter.ORIGINAL_TOPIC)).isEqualTo(topic);
            assertThat(Broker.header(record, DeadLetter.ORIGINAL_PARTITION)).isEqualTo("0");
            assertThat(Broker.header(record, DeadLetter.ORIGINAL_OFFSET)).isEqualTo("0");
            assertThat(Broker.header(record, DeadLetter.EXCEPTION_CLASS)).isEqualTo(NonRetryableException.class.getName());
            assertThat(Broker.header(record, DeadLetter.ATTEMPTS)).isEqualTo("1");
        });
        assertThat(adapter.state().failed()).isEqualTo(1);
    }

    @Test
    void a_record_failing_on_the_groups_last_delivery_is_dead_lettered_rather_than_archived() {
        String topic = Broker.topic("share-limit", 1);
        Broker.broker().createTopic(topic + ".DLT", 1);
        String group = shareGroup("share-limit", Map.of("share.delivery.count.limit", "2"));
        Broker.produce(topic, 0, "k", Broker.utf8("{\"code\":\"X\",\"n\":1}"));
        // No deliveryLimit on the builder: the adapter reads the group's from the broker.
        KafkaShareConsumerAdapter adapter = KafkaShareConsumerAdapter.builder(config(group).maxAttempts(10).build())
                .build();
        adapter.get(topic, message -> {
            throw new IllegalStateException("still broken");
        });
        try (Listening listening = adapter.listenInBackground()) {
            await().atMost(DEADLINE).until(() -> adapter.state().deadLettered() == 1);
        }
        List<ConsumerRecord<byte[], byte[]>> dead = Broker.readAll(topic + ".DLT", 1, Duration.ofSeconds(30));
        assertThat(dead).singleElement()
                .satisfies(record -> assertThat(Broker.header(record, DeadLetter.ATTEMPTS)).isEqualTo("2"));
        assertThat(adapter.state().failed()).isEqualTo(2);
    }

    @Test
    void stop_finishes_and_acknowledges_running_records_and_gives_back_the_rest() throws Exception {
        String topic = Broker.topic("share-stop", 1);
        String group = shareGroup("share-stop", Map.of());
        Broker.produceNumbered(topic, 1, 0, 20);
        List<Integer> first = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(2);
        KafkaShareConsumerAdapter adapter = adapter(config(group).maxConcurrency(2));
        adapter.get(topic, message -> {
            started.countDown();
            sleep(300);
            first.add(number(message.value()));
        });
        Listening listening = adapter.listenInBackground();
        assertThat(started.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        listening.stop();
        assertThat(first).as("the running records finished").hasSizeGreaterThanOrEqualTo(2).hasSizeLessThan(20);

        List<Integer> second = new CopyOnWriteArrayList<>();
        KafkaShareConsumerAdapter next = adapter(config(group));
        next.get(topic, message -> second.add(number(message.value())));
        AtomicInteger total = new AtomicInteger();
        try (Listening again = next.listenInBackground()) {
            await().atMost(DEADLINE).until(() -> first.size() + second.size() >= 20);
            total.set(first.size() + second.size());
        }
        assertThat(second).as("what the first member acknowledged is not delivered again")
                .doesNotContainAnyElementsOf(first);
        assertThat(total).hasValue(20);
    }

    @Test
    void a_hung_handler_makes_the_member_unhealthy_naming_its_partition_until_it_returns() throws Exception {
        String topic = Broker.topic("share-stuck", 3);
        String group = shareGroup("share-stuck", Map.of());
        Broker.produce(topic, 1, "k", Broker.utf8("{\"code\":\"X\",\"n\":1}"));
        CountDownLatch release = new CountDownLatch(1);
        KafkaShareConsumerAdapter adapter = adapter(config(group).maxUnfinishedAge(Duration.ofMillis(500)));
        adapter.get(topic, message -> release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        PartitionId held = new PartitionId(topic, 1);

        try (Listening listening = adapter.listenInBackground()) {
            await().atMost(DEADLINE).until(() -> !adapter.state().healthy());
            ConsumerState hung = adapter.state();
            assertThat(hung.status()).isEqualTo(ConsumerStatus.RUNNING);
            assertThat(hung.assignedPartitions()).containsExactly(held);
            assertThat(hung.stuckPartitions()).singleElement().satisfies(stuck -> {
                assertThat(stuck.partition()).isEqualTo(held);
                assertThat(stuck.reason()).contains("(offset 0)").contains("longer than maxUnfinishedAge (500 ms)");
            });

            release.countDown();

            await().atMost(DEADLINE).until(() -> adapter.state().handled() == 1 && adapter.state().healthy());
            assertThat(adapter.state().assignedPartitions()).isEmpty();
            assertThat(adapter.state().stuckPartitions()).isEmpty();
        }
    }

    private static String shareGroup(String prefix, Map<String, String> configs) {
        String group = Broker.unique(prefix);
        EmbeddedKafkaBroker broker = Broker.broker();
        // tag::group-config[]
        broker.shareAutoOffsetReset(group, "earliest");   // a new share group starts at the end otherwise
        broker.configureGroup(group, configs);             // e.g. share.record.lock.duration.ms=2000
        // end::group-config[]
        return group;
    }

    private static KafkaConsumerConfig.Builder config(String group) {
        return Broker.config(group).ordering(Ordering.UNORDERED).recordRetryBackoffMs(50);
    }

    private static KafkaShareConsumerAdapter adapter(KafkaConsumerConfig.Builder config) {
        return KafkaShareConsumerAdapter.builder(config.build()).deliveryLimit(5).build();
    }

    private static int number(Object value) {
        if (value instanceof Map<?, ?> map) {
            return ((Number) map.get("n")).intValue();
        }
        String text = String.valueOf(value);
        return Integer.parseInt(text.replaceAll(".*\"n\":(\\d+).*", "$1"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
