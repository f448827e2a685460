package io.kafkify.benchmarks;

import java.util.Map;
import java.util.Objects;

/**
 * What one run of one arm consumes.
 *
 * @param topic the pre-loaded topic
 * @param groupId a group nobody used before, so that the run reads the topic from the start
 * @param consumerProperties the Kafka client settings every arm uses (Kafkify's defaults)
 * @param progress counts handled records; the arm stops once it is done
 * @param handler the application's handler: it counts (and waits, in the I/O-bound scenario)
 * @param deadlineNanos the {@code System.nanoTime()} after which the arm gives up
 */
record RunSpec(String topic, String groupId, Map<String, Object> consumerProperties, Progress progress,
               Runnable handler, long deadlineNanos) {

    RunSpec {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(groupId, "groupId");
        consumerProperties = Map.copyOf(consumerProperties);
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(handler, "handler");
    }

    /** @return true once the expected records are handled or the deadline has passed */
    boolean finished() {
        return progress.isDone() || System.nanoTime() - deadlineNanos >= 0;
    }
}
