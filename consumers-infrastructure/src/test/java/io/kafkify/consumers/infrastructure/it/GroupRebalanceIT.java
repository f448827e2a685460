package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupRebalanceIT {

    private static final int RECORDS = 2_000;

    @ParameterizedTest(name = "group.protocol={0}")
    @ValueSource(strings = {"classic", "consumer"})
    void a_second_member_takes_over_the_partitions_of_one_that_stops_and_loses_nothing(String protocol) {
        String topic = Broker.topic("group-" + protocol, 4);
        String group = Broker.unique("group-" + protocol);
        Map<Integer, AtomicInteger> timesHandled = new ConcurrentHashMap<>();
        AtomicInteger inFlightHighWater = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        KafkaBaseConsumerAdapter first = adapter(group, protocol);
        KafkaBaseConsumerAdapter second = adapter(group, protocol);
        first.get(topic, message -> handle(message, timesHandled, inFlight, inFlightHighWater));
        second.get(topic, message -> handle(message, timesHandled, inFlight, inFlightHighWater));
        Broker.produceNumbered(topic, 4, 0, RECORDS);

        try (Broker.Running one = new Broker.Running(first); Broker.Running two = new Broker.Running(second)) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    !first.state().assignedPartitions().isEmpty() && !second.state().assignedPartitions().isEmpty());
            Set<PartitionId> split = new HashSet<>(first.state().assignedPartitions());
            split.addAll(second.state().assignedPartitions());
            assertThat(split).hasSize(4);
            await().atMost(Duration.ofSeconds(60)).until(() -> timesHandled.size() >= RECORDS / 4);

            one.close();

            await().atMost(Duration.ofSeconds(60)).until(() -> second.state().assignedPartitions().size() == 4);
            await().atMost(Duration.ofSeconds(60)).until(() -> timesHandled.size() == RECORDS);
        }

        long duplicates = timesHandled.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1)
                .mapToLong(n -> n - 1).sum();
        System.out.printf("group.protocol=%s: %d records, %d duplicates%n", protocol, RECORDS, duplicates);
        assertThat(timesHandled).hasSize(RECORDS);
        // A duplicate is a record that was running, not yet committed, when its partition moved;
        // partitions moved twice (when the second member joined, when the first left), and at
        // most inFlightHighWater records were ever running at once.
        assertThat(duplicates).isLessThanOrEqualTo(2L * inFlightHighWater.get());
    }

    private static KafkaBaseConsumerAdapter adapter(String group, String protocol) {
        KafkaConsumerConfig.Builder config = Broker.config(group).maxPollRecords(50);
        if (protocol.equals("classic")) {
            config.property("partition.assignment.strategy",
                    "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        } else {
            config.property("group.protocol", "consumer");
        }
        return new KafkaBaseConsumerAdapter(config.build());
    }

    private static void handle(io.kafkify.consumers.domain.Message message, Map<Integer, AtomicInteger> times,
                               AtomicInteger inFlight, AtomicInteger highWater) {
        highWater.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
            times.computeIfAbsent(CommitIT.number(message), n -> new AtomicInteger()).incrementAndGet();
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
