package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.PayloadException;
import io.kafkify.consumers.domain.RecordOutcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What OutcomeLog writes, read from the real SLF4J backend of the tests (slf4j-simple). */
class OutcomeLogTest {

    private final AtomicLong now = new AtomicLong();
    private final OutcomeLog log = new OutcomeLog(OutcomeLogTest.class, FailurePolicy.DEAD_LETTER,
            Duration.ofMinutes(1), now::get);

    private static RecordOutcome.DeadLettered deadLetter(String topic, int offset) {
        RecordOutcome.Failed failure = RecordOutcome.Failed.of(topic + "-0@" + offset, null, null,
                new PayloadException("not JSON"), false);
        return new RecordOutcome.DeadLettered(failure, topic + ".DLT");
    }

    private static long lines(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }

    @Test
    void a_burst_of_dead_letters_writes_one_warn_line_then_one_a_minute_that_counts_the_rest() {
        String logged;
        try (KafkaConsumerConfigLogCapture capture = new KafkaConsumerConfigLogCapture()) {
            for (int offset = 0; offset < 429; offset++) {
                log.outcome(deadLetter("orders", offset));
            }
            now.addAndGet(Duration.ofSeconds(61).toNanos());
            log.outcome(deadLetter("orders", 429));
            log.outcome(deadLetter("payments", 0));
            logged = capture.text();
        }

        assertThat(lines(logged, "WARN")).isEqualTo(3);
        assertThat(logged).contains("Record orders-0@0 was published to orders.DLT after 1 attempts: ")
                .contains("(further records of topic orders published to orders.DLT: counted in one line a minute, each at"
                        + " DEBUG)")
                .contains("428 more records of topic orders published to orders.DLT in the last 61 s, each at DEBUG;"
                        + " the latest: Record orders-0@429 was published to orders.DLT")
                .contains("Record payments-0@0 was published to payments.DLT");
    }

    @Test
    void failures_of_one_topic_are_limited_apart_from_its_dead_letters() {
        String logged;
        try (KafkaConsumerConfigLogCapture capture = new KafkaConsumerConfigLogCapture()) {
            for (int offset = 0; offset < 3; offset++) {
                RecordOutcome.Failed failure = RecordOutcome.Failed.of("orders-0@" + offset, null, null,
                        new PayloadException("not JSON"), false);
                log.outcome(failure);
                log.outcome(new RecordOutcome.DeadLettered(failure, "orders.DLT"));
            }
            logged = capture.text();
        }

        assertThat(lines(logged, "WARN")).isEqualTo(2);
        assertThat(logged).contains("orders-0@0 cannot be handled by decoding and is not retried; the failure policy"
                + " DEAD_LETTER takes it: ");
    }
}
