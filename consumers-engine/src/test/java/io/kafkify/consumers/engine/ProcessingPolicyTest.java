package io.kafkify.consumers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessingPolicyTest {

    private final ProcessingPolicy policy = new ProcessingPolicy(Ordering.PARTITION, 4, 5, Duration.ofMillis(100),
            Duration.ofMillis(1_000), FailurePolicy.DEAD_LETTER, ".DLT", false,
            Set.of(IllegalArgumentException.class));

    @Test
    void doubles_the_backoff_ceiling_with_each_failed_attempt_up_to_the_maximum() {
        assertThat(policy.ceilingMillis(1)).isEqualTo(100);
        assertThat(policy.ceilingMillis(2)).isEqualTo(200);
        assertThat(policy.ceilingMillis(3)).isEqualTo(400);
        assertThat(policy.ceilingMillis(4)).isEqualTo(800);
        assertThat(policy.ceilingMillis(5)).isEqualTo(1_000);
        assertThat(policy.ceilingMillis(60)).as("no overflow").isEqualTo(1_000);
    }

    @Test
    void jitters_each_backoff_between_half_and_all_of_its_ceiling() {
        java.util.Random random = new java.util.Random(7);
        for (int attempt = 1; attempt <= 8; attempt++) {
            long ceiling = policy.ceilingMillis(attempt);
            for (int sample = 0; sample < 200; sample++) {
                assertThat(policy.backoff(attempt, random).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void with_other_retry_delays_keeps_everything_else() {
        ProcessingPolicy immediate = policy.withRetryBackoff(Duration.ZERO, Duration.ZERO);

        assertThat(immediate.retryBackoff()).isZero();
        assertThat(immediate.maxRetryBackoff()).isZero();
        assertThat(immediate.ceilingMillis(3)).isZero();
        assertThat(immediate.withRetryBackoff(policy.retryBackoff(), policy.maxRetryBackoff())).isEqualTo(policy);
    }

    @Test
    void names_the_dead_letter_topic_with_the_suffix() {
        assertThat(policy.deadLetterTopic("people-events")).isEqualTo("people-events.DLT");
    }
}
