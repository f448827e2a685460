package io.kafkify.consumers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHandler;
import io.kafkify.consumers.domain.NonRetryableException;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PayloadBinder;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.Acknowledgement;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.DeadLetterPublisher;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The acknowledgement of each delivery, as a share-group adapter applies it. */
class AcknowledgingEngineTest {

    private static final String TOPIC = "orders";
    private static final int LIMIT = 5;

    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final List<RecordOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<OptionalInt> seenCounts = new CopyOnWriteArrayList<>();

    @Test
    void a_handled_record_is_accepted_and_its_handler_sees_the_delivery_count() {
        AcknowledgingEngine engine = engine(FailurePolicy.DEAD_LETTER, 3, message -> { });

        assertThat(engine.process(record(), 2, LIMIT, () -> false)).isEqualTo(Acknowledgement.ACCEPT);
        assertThat(seenCounts).containsExactly(OptionalInt.of(2));
        assertThat(engine.state(0).handled()).isEqualTo(1);
    }

    @Test
    void a_record_no_handler_takes_is_accepted() {
        AcknowledgingEngine engine = engine(FailurePolicy.DEAD_LETTER, 3, message -> { });

        RawRecord other = new RawRecord("payments", 0, 7, Instant.EPOCH, null, utf8("x"), List.of());
        assertThat(engine.process(other, 1, LIMIT, () -> false)).isEqualTo(Acknowledgement.ACCEPT);
        assertThat(engine.state(0).unrouted()).isEqualTo(1);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void a_retryable_failure_with_attempts_left_is_released_after_a_backoff() {
        AcknowledgingEngine engine = engine(FailurePolicy.DEAD_LETTER, 3, failing(new IllegalStateException("db down")));

        Acknowledgement first = engine.process(record(), 1, LIMIT, () -> false);

        assertThat(first.type()).isEqualTo(Acknowledgement.Type.RELEASE);
        assertThat(first.releaseAfter()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(RecordOutcome.Failed.class, failed -> {
            assertThat(failed.attempt()).isEqualTo(1);
            assertThat(failed.willRetry()).isTrue();
        });
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void the_last_attempt_goes_to_the_dead_letter_topic_and_is_accepted_once_published() {
        AcknowledgingEngine engine = engine(FailurePolicy.DEAD_LETTER, 3, failing(new IllegalStateException("db down")));

        assertThat(engine.process(record(), 3, LIMIT, () -> false)).isEqualTo(Acknowledgement.ACCEPT);

        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("orders.DLT");
            assertThat(dead.attempts()).isEqualTo(3);
        });
        assertThat(outcomes).last().isInstanceOf(RecordOutcome.DeadLettered.class);
    }

    @Test
    void a_failure_on_the_groups_last_delivery_is_dead_lettered_rather_than_archived_by_the_broker() {
        AcknowledgingEngine engine = engine(FailurePolicy.DEAD_LETTER, 10, failing(new IllegalStateException("db down")));

        assertThat(engine.process(record(), LIMIT - 1, LIMIT, () -> false).type())
                .isEqualTo(Acknowledgement.Type.RELEASE);
        assertThat(engine.process(record(), LIMIT, LIMIT, () -> false)).isEqualTo(Acknowledgement.ACCEPT);
        assertThat(deadLetters).singleElement().satisfies(dead -> assertThat(dead.attempts()).isEqualTo(LIMIT));
    }

    @Test
    void a_non_retryable_failure_is_dead_lettered_on_its_first_delivery() {
        AcknowledgingEngine engine = engine(FailurePolicy.DEAD_LETTER, 3, failing(new NonRetryableException("poison")));

        assertThat(engine.process(record(), 1, LIMIT, () -> false)).isEqualTo(Acknowledgement.ACCEPT);
        assertThat(deadLetters).hasSize(1);
    }

    @Test
    void skip_accepts_and_reject_rejects_after_the_last_attempt() {
        AcknowledgingEngine skipping = engine(FailurePolicy.SKIP, 1, failing(new IllegalStateException("x")));
        AcknowledgingEngine rejecting = engine(FailurePolicy.REJECT, 1, failing(new IllegalStateException("x")));

        assertThat(skipping.process(record(), 1, LIMIT, () -> false)).isEqualTo(Acknowledgement.ACCEPT);
        assertThat(rejecting.process(record(), 1, LIMIT, () -> false)).isEqualTo(Acknowledgement.REJECT);
        assertThat(skipping.state(0).skipped()).isEqualTo(1);
        assertThat(rejecting.state(0).skipped()).isEqualTo(1);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void a_failed_publish_is_retried_until_the_dead_letter_topic_has_the_record() {
        AtomicInteger calls = new AtomicInteger();
        AcknowledgingEngine engine = engine(FailurePolicy.DEAD_LETTER, 1, failing(new IllegalStateException("x")),
                deadLetter -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new IllegalStateException("broker away");
                    }
                    deadLetters.add(deadLetter);
                });

        assertThat(engine.process(record(), 1, LIMIT, () -> false)).isEqualTo(Acknowledgement.ACCEPT);
        assertThat(calls).hasValue(3);
        assertThat(deadLetters).hasSize(1);
    }

    @Test
    void a_consumer_that_stops_gives_back_a_record_whose_dead_letter_cannot_be_published() {
        AcknowledgingEngine engine = engine(FailurePolicy.DEAD_LETTER, 1, failing(new IllegalStateException("x")),
                deadLetter -> {
                    throw new IllegalStateException("broker away");
                });

        assertThat(engine.process(record(), 1, LIMIT, () -> true)).isEqualTo(Acknowledgement.RELEASE_NOW);
        assertThat(outcomes).last().isInstanceOf(RecordOutcome.Abandoned.class);
        assertThat(engine.state(0).lastError()).contains("Cannot publish orders-0@42 to orders.DLT");
    }

    @Test
    void a_retry_is_given_back_at_once_when_the_consumer_stops() {
        AcknowledgingEngine engine = engine(FailurePolicy.DEAD_LETTER, 3, failing(new IllegalStateException("x")));

        assertThat(engine.process(record(), 1, LIMIT, () -> true)).isEqualTo(Acknowledgement.RELEASE_NOW);
        assertThat(outcomes).last().isInstanceOf(RecordOutcome.Abandoned.class);
    }

    @Test
    void a_virtual_machine_error_releases_the_record_and_fails_the_consumer() {
        AcknowledgingEngine engine = engine(FailurePolicy.DEAD_LETTER, 3, failing(new OutOfMemoryError("heap")));

        assertThat(engine.process(record(), 1, LIMIT, () -> false)).isEqualTo(Acknowledgement.RELEASE_NOW);
        assertThat(engine.fatal()).isInstanceOf(OutOfMemoryError.class);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void the_stop_policy_is_refused_and_the_classic_engine_refuses_reject() {
        assertThatThrownBy(() -> engine(FailurePolicy.STOP, 3, message -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("choose DEAD_LETTER, REJECT or SKIP");
        assertThatThrownBy(() -> ProcessingEngine.builder(policy(FailurePolicy.REJECT, 3))
                .decoding((t, h, d) -> d, (t, h, d) -> d, value -> null, binder())
                .executor(Runnable::run).scheduler(new SystemScheduler("test")).deadLetters(deadLetters::add).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a share group");
    }

    private AcknowledgingEngine engine(FailurePolicy failurePolicy, int maxAttempts, MessageHandler handler) {
        return engine(failurePolicy, maxAttempts, handler, deadLetters::add);
    }

    private AcknowledgingEngine engine(FailurePolicy failurePolicy, int maxAttempts, MessageHandler handler,
                                       DeadLetterPublisher publisher) {
        AcknowledgingEngine engine = AcknowledgingEngine.builder(policy(failurePolicy, maxAttempts))
                .decoding((topic, headers, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8),
                        (topic, headers, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8),
                        value -> null, binder())
                .scheduler(new SystemScheduler("test"))
                .deadLetters(publisher)
                .observer(new EngineObserver() {
                    @Override
                    public void outcome(RecordOutcome outcome) {
                        outcomes.add(outcome);
                    }
                })
                .random(new Random(1))
                .build();
        engine.register(new HandlerRegistration.Plain(TOPIC, List.of(), message -> {
            seenCounts.add(message.deliveryCount());
            handler.handle(message);
        }, "test handler"));
        return engine;
    }

    private static MessageHandler failing(Throwable failure) {
        return message -> {
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        };
    }

    private static ProcessingPolicy policy(FailurePolicy failurePolicy, int maxAttempts) {
        return new ProcessingPolicy(Ordering.UNORDERED, 4, maxAttempts, Duration.ofMillis(100), Duration.ofSeconds(1),
                failurePolicy, ".DLT", false, Set.of());
    }

    private static PayloadBinder binder() {
        return new PayloadBinder() {
            @Override
            public <T> T bind(Message message, Class<T> type) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static RawRecord record() {
        return new RawRecord(TOPIC, 0, 42, Instant.EPOCH, null, utf8("{\"code\":\"A\"}"), List.of());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
