package io.kafkify.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.StoppedPartition;
import io.kafkify.consumers.domain.StuckPartition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The health follows the consumer's own rule, ConsumerState.healthy(), and names its reasons. */
class KafkifyHealthIndicatorTest {

    private static final PartitionId ORDERS_0 = new PartitionId("orders", 0);

    @Test
    void a_running_consumer_is_up() {
        Health health = new KafkifyHealthIndicator(() -> new ConsumerState(ConsumerStatus.RUNNING, List.of(ORDERS_0),
                List.of(), null, 5, 0, 0, 0, 0, 0)).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("status", "RUNNING").containsEntry("handled", 5L)
                .containsEntry("assignedPartitions", List.of("orders-0")).doesNotContainKey("reasons");
    }

    @Test
    void a_stuck_partition_makes_it_down_with_the_reason() {
        StuckPartition stuck = new StuckPartition(ORDERS_0, "its oldest unfinished record (offset 7) has waited 61000 ms");
        Health health = new KafkifyHealthIndicator(() -> new ConsumerState(ConsumerStatus.RUNNING, List.of(ORDERS_0),
                List.of(), null, 0, 0, 0, 0, 0, 1, List.of(), List.of(stuck))).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("stuckPartitions", Map.of("orders-0", stuck.reason()))
                .containsEntry("reasons", List.of("orders-0 is stuck: " + stuck.reason()));
    }

    @Test
    void a_failed_consumer_and_a_stopped_partition_are_down() {
        Health health = new KafkifyHealthIndicator(() -> new ConsumerState(ConsumerStatus.FAILED, List.of(),
                List.of(new StoppedPartition(ORDERS_0, 3, "handler failed")), "denied", 0, 0, 0, 0, 0, 0)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("lastError", "denied");
        assertThat((List<?>) health.getDetails().get("reasons")).hasSize(2);
    }
}
