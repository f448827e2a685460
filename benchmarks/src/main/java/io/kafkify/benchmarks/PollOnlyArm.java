package io.kafkify.benchmarks;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The client's own limit on this machine: a {@code KafkaConsumer} that only polls and counts. No
 * decode, no routing, no commit: no arm that handles records can be faster, so every arm's rate
 * is reported as a ratio to this one. Its committed offsets are zero by design.
 */
final class PollOnlyArm implements Arm {

    static final String NAME = "poll-only";
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the ceiling: KafkaConsumer poll loop on one thread that only counts; no decode, no commit";
    }

    @Override
    public void consume(RunSpec run) {
        Runnable count = run.handler();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(run.consumerProperties())) {
            consumer.subscribe(List.of(run.topic()));
            while (!run.finished()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                for (int i = records.count(); i > 0; i--) {
                    count.run();
                }
            }
        }
    }
}
