package io.kafkify.consumers.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordOutcomeTest {

    private static Message message(String topic, int partition, long offset) {
        return new Message(topic, partition, offset, Instant.EPOCH, "k-1", List.of(), "value", "CODE");
    }

    @Test
    void gives_the_position_of_a_record_whose_topic_has_dashes_and_dots() {
        RecordOutcome handled = new RecordOutcome.Handled(message("orders-eu.v2", 12, 3_000_000_000L), "h");

        assertThat(handled.coordinates()).isEqualTo("orders-eu.v2-12@3000000000");
        assertThat(handled.topic()).isEqualTo("orders-eu.v2");
        assertThat(handled.partition()).isEqualTo(12);
        assertThat(handled.offset()).isEqualTo(3_000_000_000L);
    }

    @Test
    void gives_the_position_of_a_record_that_could_not_be_decoded() {
        RecordOutcome.Failed failure = RecordOutcome.Failed.of("payments-0@7", null, null,
                new PayloadException("not JSON"), false);
        RecordOutcome dead = new RecordOutcome.DeadLettered(failure, "payments.DLT");

        assertThat(dead.topic()).isEqualTo("payments");
        assertThat(dead.partition()).isZero();
        assertThat(dead.offset()).isEqualTo(7);
        assertThat(dead.decoded()).isEmpty();
    }

    @Test
    void gives_the_decoded_record_of_every_outcome_that_has_one() {
        Message message = message("orders", 1, 2);
        RecordOutcome.Failed failure = RecordOutcome.Failed.of(message.coordinates(), message, "h",
                new IllegalStateException("down"), true);

        assertThat(List.of(new RecordOutcome.Handled(message, "h"), new RecordOutcome.Unrouted(message), failure,
                new RecordOutcome.DeadLettered(failure, "orders.DLT"), new RecordOutcome.Skipped(failure),
                new RecordOutcome.Stopped(failure), new RecordOutcome.Abandoned(failure, "revoked")))
                .allSatisfy(outcome -> {
                    assertThat(outcome.decoded()).contains(message);
                    assertThat(outcome.decoded().map(Message::key)).contains("k-1");
                });
    }
}
