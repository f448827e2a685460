package io.kafkify.benchmarks;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The hand-written reference: a plain {@code KafkaConsumer} loop on one thread doing the minimum work per record
 * ({@link RecordWork}: decode, route through a map, handle) and one asynchronous commit per poll.
 */
final class RawConsumerArm implements Arm {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    @Override
    public String name() {
        return "raw-loop";
    }

    @Override
    public String description() {
        return "KafkaConsumer poll loop on one thread: Jackson decode, HashMap route, handler; commitAsync once per poll";
    }

    @Override
    public void consume(RunSpec run) {
        RecordWork work = new RecordWork(run.handler());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(run.consumerProperties())) {
            consumer.subscribe(List.of(run.topic()));
            while (!run.finished()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    work.handle(record.value());
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
            }
            consumer.commitSync();
        }
    }
}
