package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer's process killed with SIGKILL in the middle of a stream, nothing shut down: what
 * it had handled but not committed is delivered again to the consumer that takes its place, and
 * no record is lost.
 */
class KilledConsumerIT {

    private static final int RECORDS = 1_000;
    private static final int PARTITIONS = 2;

    @Test
    void a_consumer_killed_mid_stream_loses_no_record_once_it_is_restarted(@TempDir Path directory) throws Exception {
        String topic = Broker.topic("killed-consumer", PARTITIONS);
        String group = Broker.unique("killed-consumer");
        Broker.produceNumbered(topic, PARTITIONS, 0, RECORDS);
        Path handledByKilled = directory.resolve("handled");
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledConsumerMain.class.getName(),
                Broker.broker().bootstrapServers(), topic, group, "instance-1", handledByKilled.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("killed-consumer.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> lines(handledByKilled).size() >= RECORDS / 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> !Broker.committed(group).isEmpty());
        } finally {
            killed.destroyForcibly(); // SIGKILL
            assertThat(killed.waitFor(15, TimeUnit.SECONDS)).isTrue();
        }
        Map<TopicPartition, Long> committedAtKill = Broker.committed(group);
        Set<Integer> handledBeforeKill = new HashSet<>(lines(handledByKilled));
        // Nothing was committed that the killed consumer had not handled: record n is offset n / 2 of partition n % 2.
        committedAtKill.forEach((partition, offset) -> {
            for (long below = 0; below < offset; below++) {
                assertThat(handledBeforeKill).contains((int) below * PARTITIONS + partition.partition());
            }
        });
        long committedTotal = committedAtKill.values().stream().mapToLong(Long::longValue).sum();
        assertThat(committedTotal).isLessThan(RECORDS);

        Set<Integer> handledAfter = ConcurrentHashMap.newKeySet();
        KafkaBaseConsumerAdapter restarted = new KafkaBaseConsumerAdapter(
                KilledConsumerMain.config(Broker.broker().bootstrapServers(), group, "instance-1"));
        restarted.get(topic, message -> handledAfter.add(CommitIT.number(message)));
        try (Broker.Running running = new Broker.Running(restarted)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> Broker.committed(group).values().stream()
                    .mapToLong(Long::longValue).sum() == RECORDS);
        }

        Set<Integer> all = new HashSet<>(handledBeforeKill);
        all.addAll(handledAfter);
        assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, RECORDS).boxed().toList());
        // It resumed from the committed offsets: whatever was not committed at the kill was handled again.
        assertThat(handledAfter).hasSizeGreaterThanOrEqualTo(RECORDS - (int) committedTotal);
    }

    private static List<Integer> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
                .map(Integer::parseInt).collect(Collectors.toList());
    }
}
