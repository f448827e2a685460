package io.kafkify.spring.boot;

import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.StuckPartition;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code kafkify} health contributor: UP while {@link ConsumerState#healthy()}, DOWN otherwise with
 * the reasons ({@link ConsumerState#unhealthyReasons()}: the status, partitions stopped at a failed
 * record, stuck partitions). The details also hold the status, the assigned partitions and the counters.
 */
public final class KafkifyHealthIndicator extends AbstractHealthIndicator {

    private final Supplier<ConsumerState> state;

    /** @param state the consumer's state, e.g. {@code consumer::state}; it never blocks */
    public KafkifyHealthIndicator(Supplier<ConsumerState> state) {
        super("Kafkify health check failed");
        this.state = state;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ConsumerState now = state.get();
        builder.status(now.healthy() ? org.springframework.boot.health.contributor.Status.UP
                        : org.springframework.boot.health.contributor.Status.DOWN)
                .withDetail("status", now.status().name())
                .withDetail("assignedPartitions", now.assignedPartitions().stream().map(Object::toString)
                        .collect(Collectors.toList()))
                .withDetail("handled", now.handled())
                .withDetail("unrouted", now.unrouted())
                .withDetail("failed", now.failed())
                .withDetail("deadLettered", now.deadLettered())
                .withDetail("skipped", now.skipped())
                .withDetail("buffered", now.buffered());
        if (!now.healthy()) {
            builder.withDetail("reasons", now.unhealthyReasons());
        }
        if (!now.stuckPartitions().isEmpty()) {
            builder.withDetail("stuckPartitions", now.stuckPartitions().stream()
                    .collect(Collectors.toMap(stuck -> stuck.partition().toString(), StuckPartition::reason)));
        }
        if (now.lastError() != null) {
            builder.withDetail("lastError", now.lastError());
        }
    }
}
