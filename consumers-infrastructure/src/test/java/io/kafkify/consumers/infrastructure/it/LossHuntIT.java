package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * Tries hard to lose a record: random transient failures, permanent failures, a member that
 * joins halfway, and a member that goes away without its final commits. Every record must end
 * up handled or dead-lettered.
 */
class LossHuntIT {

    private static final int RECORDS = 100_000;
    private static final int PARTITIONS = 4;

    @Test
    void every_record_is_handled_or_dead_lettered_through_failures_and_a_crashed_member() {
        String topic = Broker.topic("loss-hunt", PARTITIONS);
        Broker.broker().createTopic(topic + ".DLT", PARTITIONS);
        String group = Broker.unique("loss-hunt");
        Map<Integer, AtomicInteger> handled = new ConcurrentHashMap<>();
        Broker.produceNumbered(topic, PARTITIONS, 0, RECORDS);

        AtomicBoolean commitsLost = new AtomicBoolean();
        KafkaBaseConsumerAdapter first = KafkaBaseConsumerAdapter.builder(config(group))
                .consumerFactory(properties -> losingCommits(new KafkaConsumer<>(properties), commitsLost))
                .build();
        KafkaBaseConsumerAdapter second = new KafkaBaseConsumerAdapter(config(group));
        first.get(topic, message -> handle(message, handled));
        second.get(topic, message -> handle(message, handled));

        Broker.Running one = new Broker.Running(first);
        await().atMost(Duration.ofSeconds(120)).until(() -> handled.size() >= RECORDS / 2);
        // From here on the first member's commits vanish, those of the rebalance included, as if
        // it crashed before each of them reached the broker.
        commitsLost.set(true);
        long handledByFirstAtCrash = first.state().handled();
        try (Broker.Running two = new Broker.Running(second)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !second.state().assignedPartitions().isEmpty()
                    && first.state().handled() >= handledByFirstAtCrash + 2_000);
            one.close();
            await().atMost(Duration.ofSeconds(180)).until(() ->
                    handled.size() + first.state().deadLettered() + second.state().deadLettered() >= RECORDS
                            && second.state().buffered() == 0);
        }

        Set<Integer> missing = new HashSet<>();
        for (int n = 0; n < RECORDS; n++) {
            if (!handled.containsKey(n)) {
                missing.add(n);
            }
        }
        Set<Integer> deadLettered = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : Broker.readAll(topic + ".DLT", missing.size(), Duration.ofSeconds(60))) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            deadLettered.add(Integer.parseInt(value.replaceAll("\\D+", " ").trim().split(" ")[0]));
        }
        long duplicates = handled.values().stream().mapToInt(AtomicInteger::get).filter(times -> times > 1)
                .mapToLong(times -> times - 1).sum();
        System.out.printf("loss hunt: %d records, %d handled, %d dead-lettered, %d duplicates%n", RECORDS,
                handled.size(), deadLettered.size(), duplicates);
        assertThat(deadLettered).containsAll(missing);
        assertThat(missing).as("permanent failures are dead-lettered").hasSizeGreaterThanOrEqualTo(RECORDS / 200);
    }

    private static KafkaConsumerConfig config(String group) {
        return Broker.config(group).recordRetryBackoffMs(5).maxRetryBackoffMs(20).maxPollRecords(500).build();
    }

    private static void handle(Message message, Map<Integer, AtomicInteger> handled) {
        int n = CommitIT.number(message);
        if (n % 200 == 0) {
            throw new IllegalStateException("record " + n + " can never be handled");
        }
        if (ThreadLocalRandom.current().nextInt(100) < 5) {
            throw new IllegalStateException("transient failure of record " + n);
        }
        handled.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A consumer whose commits silently vanish once {@code lost} is set: a crash, as far as offsets go. */
    @SuppressWarnings("unchecked")
    private static Consumer<byte[], byte[]> losingCommits(Consumer<byte[], byte[]> real, AtomicBoolean lost) {
        return (Consumer<byte[], byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, (proxy, method, arguments) -> {
                    if (lost.get() && method.getName().startsWith("commit")) {
                        return null;
                    }
                    try {
                        return method.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
