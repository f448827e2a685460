package io.kafkify.consumers.engine;

import static io.kafkify.consumers.engine.EngineFixture.partition;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.NonRetryableException;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.FlowControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The engine's guarantees on one thread, one behaviour per test; each defect the first wave's
 * review reproduced (issue 10) has its own. {@code SimulationTest} checks the same guarantees
 * over thousands of random schedules.
 */
class ProcessingEngineTest {

    private static final PartitionId P0 = partition(0);
    private static final PartitionId P1 = partition(1);

    @Nested
    class ResumeAfterStop {

        @Test
        void restarts_from_a_record_that_was_waiting_for_its_retry_under_key_order() {
            AtomicInteger firstAttempts = new AtomicInteger();
            EngineFixture fixture = EngineFixture.builder(message -> {
                if (message.offset() == 0 && firstAttempts.getAndIncrement() == 0) {
                    throw new IllegalStateException("transient");
                }
                if (message.offset() == 2) {
                    throw new NonRetryableException("broken for good");
                }
            }).ordering(Ordering.KEY).failurePolicy(FailurePolicy.STOP).maxConcurrency(1).build();
            fixture.engine.assign(List.of(P0));

            fixture.accept(0, 0, "kB", "kA", "kA");
            fixture.runAll();

            assertThat(fixture.engine.state().stoppedPartitions()).singleElement()
                    .satisfies(stopped -> assertThat(stopped.offset()).isEqualTo(2));
            assertThat(fixture.commitReady()).as("nothing past the waiting retry of offset 0").isEmpty();
            fixture.engine.resume(P0);
            assertThat(fixture.engine.flowControl().seeks()).containsExactly(Map.entry(P0, 0L));
        }

        @Test
        void restarts_from_a_record_queued_behind_a_slow_record_of_its_key() {
            List<Long> attempted = new ArrayList<>();
            EngineFixture[] holder = new EngineFixture[1];
            EngineFixture fixture = EngineFixture.builder(message -> {
                attempted.add(message.offset());
                if (message.offset() == 0) {
                    // While this handler is slow, the next poll brings offset 2, which another worker runs.
                    holder[0].accept(0, 2, "kB");
                    holder[0].tasks.remove(0).run();
                }
                if (message.offset() == 2) {
                    throw new NonRetryableException("broken for good");
                }
            }).ordering(Ordering.KEY).failurePolicy(FailurePolicy.STOP).maxConcurrency(2).build();
            holder[0] = fixture;
            fixture.engine.assign(List.of(P0));

            fixture.accept(0, 0, "kA", "kA");
            fixture.runAll();

            assertThat(attempted).as("offset 1 waited behind offset 0 when the partition stopped").containsExactly(0L, 2L);
            assertThat(fixture.commitReady()).containsExactly(Map.entry(P0, 1L));
            fixture.engine.resume(P0);
            assertThat(fixture.engine.flowControl().seeks()).containsExactly(Map.entry(P0, 1L));
        }

        @Test
        void restarts_from_a_record_that_was_waiting_for_its_retry_when_unordered() {
            AtomicInteger firstAttempts = new AtomicInteger();
            EngineFixture fixture = EngineFixture.builder(message -> {
                if (message.offset() == 0 && firstAttempts.getAndIncrement() == 0) {
                    throw new IllegalStateException("transient");
                }
                if (message.offset() == 2) {
                    throw new NonRetryableException("broken for good");
                }
            }).ordering(Ordering.UNORDERED).failurePolicy(FailurePolicy.STOP).maxConcurrency(1).build();
            fixture.engine.assign(List.of(P0));

            fixture.accept(0, 0, "k", "k", "k");
            fixture.runAll();
            fixture.engine.resume(P0);

            assertThat(fixture.engine.flowControl().seeks()).containsExactly(Map.entry(P0, 0L));
            fixture.accept(0, 0, "k", "k", "k");
            fixture.runAll();
            assertThat(fixture.outcomes(RecordOutcome.Handled.class)).extracting(RecordOutcome::coordinates)
                    .contains("events-0@0");
        }

        @Test
        void keeps_the_partition_paused_until_it_is_resumed() {
            EngineFixture fixture = EngineFixture.builder(message -> {
                throw new NonRetryableException("broken");
            }).failurePolicy(FailurePolicy.STOP).build();
            fixture.engine.assign(List.of(P0, P1));

            fixture.accept(0, 0, "k");
            fixture.runAll();

            FlowControl flow = fixture.engine.flowControl();
            assertThat(flow.paused()).containsExactly(P0);
            assertThat(flow.seeks()).isEmpty();
        }
    }

    @Nested
    class HaltedAttempts {

        @Test
        void a_record_failing_while_its_partition_is_revoked_is_abandoned_not_skipped() {
            EngineFixture[] holder = new EngineFixture[1];
            List<Map<PartitionId, Long>> revokeCommits = new ArrayList<>();
            EngineFixture fixture = EngineFixture.builder(message -> {
                if (message.offset() == 1) {
                    revokeCommits.add(holder[0].engine.revoke(List.of(P0), Duration.ZERO));
                    throw new IllegalStateException("the database is briefly down");
                }
            }).failurePolicy(FailurePolicy.SKIP).maxAttempts(5).build();
            holder[0] = fixture;
            fixture.engine.assign(List.of(P0));
            fixture.accept(0, 0, "k");
            fixture.runAll();

            fixture.accept(0, 1, "k");
            fixture.runAll();

            assertThat(fixture.outcomes(RecordOutcome.Skipped.class)).isEmpty();
            assertThat(fixture.outcomes(RecordOutcome.Abandoned.class)).singleElement()
                    .satisfies(abandoned -> assertThat(abandoned.why()).isEqualTo("revoked"));
            assertThat(revokeCommits).containsExactly(Map.of(P0, 1L));
            assertThat(fixture.engine.state().skipped()).isZero();
        }

        @Test
        void a_record_failing_while_the_consumer_stops_is_not_dead_lettered() {
            EngineFixture[] holder = new EngineFixture[1];
            EngineFixture fixture = EngineFixture.builder(message -> {
                holder[0].engine.stop(Duration.ZERO);
                throw new IllegalStateException("interrupted by the deploy");
            }).maxAttempts(5).build();
            holder[0] = fixture;
            fixture.engine.assign(List.of(P0));

            fixture.accept(0, 0, "k");
            fixture.runAll();

            assertThat(fixture.deadLetters).isEmpty();
            assertThat(fixture.outcomes(RecordOutcome.Abandoned.class)).singleElement()
                    .satisfies(abandoned -> assertThat(abandoned.why()).isEqualTo("stopping"));
        }

        @Test
        void revoke_drops_records_that_have_not_started() {
            EngineFixture fixture = EngineFixture.builder(message -> { }).build();
            fixture.engine.assign(List.of(P0));
            fixture.accept(0, 0, "k", "k");

            Map<PartitionId, Long> commits = fixture.engine.revoke(List.of(P0), Duration.ofSeconds(1));
            fixture.runAll();

            assertThat(commits).isEmpty();
            assertThat(fixture.outcomes(RecordOutcome.Handled.class)).isEmpty();
            assertThat(fixture.engine.state().buffered()).isZero();
        }
    }

    @Nested
    class Bounds {

        @Test
        void memory_stays_bounded_behind_a_dead_letter_that_can_never_be_published() {
            EngineFixture fixture = EngineFixture.builder(message -> {
                if (message.offset() == 0) {
                    throw new NonRetryableException("poison");
                }
            }).ordering(Ordering.KEY).publisher(deadLetter -> {
                throw new IllegalStateException("the dead-letter topic does not exist");
            }).bounds(20, 5).build();
            fixture.engine.assign(List.of(P0));

            long fetched = pollLoop(fixture, List.of(P0), 200);

            assertThat(fetched).as("records fetched behind the stuck one").isLessThanOrEqualTo(20);
            assertThat(fixture.engine.state().buffered()).isLessThanOrEqualTo(20);
            assertThat(fixture.engine.flowControl().paused()).contains(P0);
        }

        @Test
        void one_stuck_partition_pauses_alone_and_the_others_keep_flowing() {
            EngineFixture fixture = EngineFixture.builder(message -> {
                if (message.partition() == 0 && message.offset() == 0) {
                    throw new NonRetryableException("poison");
                }
            }).publisher(deadLetter -> {
                throw new IllegalStateException("the dead-letter topic does not exist");
            }).bounds(20, 5).build();
            fixture.engine.assign(List.of(P0, P1));

            pollLoop(fixture, List.of(P0, P1), 100);

            assertThat(fixture.engine.flowControl().paused()).containsExactly(P0);
            assertThat(fixture.outcomes(RecordOutcome.Handled.class))
                    .filteredOn(outcome -> outcome.message().partition() == 1).hasSize(100);
        }

        @Test
        void a_partition_that_keeps_draining_is_not_paused_for_its_share() {
            EngineFixture[] holder = new EngineFixture[1];
            List<Set<PartitionId>> pausedWhileDraining = new ArrayList<>();
            EngineFixture fixture = EngineFixture.builder(message -> {
                if (message.offset() == 3) {
                    pausedWhileDraining.add(holder[0].engine.flowControl().paused());
                }
            }).ordering(Ordering.KEY).maxConcurrency(1).bounds(20, 5).build();
            holder[0] = fixture;
            fixture.engine.assign(List.of(P0));
            assertThat(fixture.engine.flowControl().paused()).isEmpty();

            fixture.accept(0, 0, "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
            fixture.runAll();

            assertThat(pausedWhileDraining).as("7 records above a share of 5, but three just drained")
                    .containsExactly(Set.of());
        }

        @Test
        void partitions_stalled_below_their_share_do_not_keep_the_others_paused() {
            EngineFixture fixture = EngineFixture.builder(message -> {
                if (message.partition() < 3 && message.offset() == 0) {
                    throw new NonRetryableException("poison");
                }
            }).publisher(deadLetter -> {
                throw new IllegalStateException("the dead-letter topic does not exist");
            }).bounds(20, 5).build();
            PartitionId p2 = partition(2);
            PartitionId p3 = partition(3);
            fixture.engine.assign(List.of(P0, P1, p2, p3));
            for (int p = 0; p < 3; p++) {
                fixture.accept(p, 0, "k", "k", "k", "k");
            }
            fixture.runAll();
            fixture.accept(3, 0, "k", "k", "k", "k", "k");
            assertThat(fixture.engine.flowControl().paused()).as("17 buffered: the next poll could cross 20")
                    .contains(p3);

            fixture.runAll();
            fixture.advance(Duration.ofMillis(200));

            assertThat(fixture.engine.state().buffered()).as("12 stuck below half the bound").isEqualTo(12);
            assertThat(fixture.engine.flowControl().paused()).doesNotContain(p3);
        }

        /**
         * A poll loop on the engine: each round fetches up to maxPoll records from the partitions
         * the flow control lets through, then runs handlers and moves time by 1 ms.
         *
         * @return records fetched in all
         */
        private long pollLoop(EngineFixture fixture, List<PartitionId> partitions, int perPartition) {
            long[] next = new long[partitions.size()];
            long fetched = 0;
            for (int round = 0; round < 500; round++) {
                FlowControl flow = fixture.engine.flowControl();
                int budget = 5;
                for (int p = 0; p < partitions.size(); p++) {
                    PartitionId id = partitions.get(p);
                    if (flow.paused().contains(id) || next[p] >= perPartition || budget == 0) {
                        continue;
                    }
                    int count = (int) Math.min(budget, perPartition - next[p]);
                    String[] keys = new String[count];
                    for (int i = 0; i < count; i++) {
                        keys[i] = "k" + (next[p] + i) % 7;
                    }
                    fixture.accept(id.partition(), next[p], keys);
                    next[p] += count;
                    budget -= count;
                    fetched += id.partition() == 0 ? count : 0;
                }
                assertThat(fixture.engine.state().buffered()).isLessThanOrEqualTo(20);
                fixture.commitReady();
                fixture.advance(Duration.ofMillis(1));
            }
            return fetched;
        }
    }

    @Nested
    class Robustness {

        @Test
        void an_observer_that_throws_never_wedges_a_lane() {
            EngineFixture fixture = EngineFixture.builder(message -> { }).observer(new EngineObserver() {
                @Override
                public void outcome(RecordOutcome outcome) {
                    throw new IllegalStateException("the observer broke");
                }
            }).build();
            fixture.engine.assign(List.of(P0));

            fixture.accept(0, 0, "k", "k", "k");
            fixture.runAll();

            assertThat(fixture.commitReady()).containsExactly(Map.entry(P0, 3L));
            assertThat(fixture.engine.state().handled()).isEqualTo(3);
            assertThat(fixture.engine.state().lastError()).contains("observer failed").contains("the observer broke");
        }

        @Test
        void a_failure_whose_message_throws_is_dead_lettered_with_a_readable_reason() {
            EngineFixture fixture = EngineFixture.builder(message -> {
                throw new BrokenException();
            }).maxAttempts(2).build();
            fixture.engine.assign(List.of(P0));

            fixture.accept(0, 0, "k");
            fixture.runAll();
            fixture.advance(Duration.ofMillis(50));

            assertThat(fixture.deadLetters).singleElement().satisfies(dead -> {
                assertThat(dead.header(DeadLetter.EXCEPTION_CLASS)).isEqualTo(BrokenException.class.getName());
                assertThat(dead.header(DeadLetter.EXCEPTION_MESSAGE)).contains("could not be read");
            });
            assertThat(fixture.commitReady()).containsExactly(Map.entry(P0, 1L));
        }

        @Test
        void an_executor_that_rejects_a_task_is_tried_again_until_it_takes_it() {
            AtomicInteger rejections = new AtomicInteger(2);
            List<Runnable> accepted = new ArrayList<>();
            EngineFixture fixture = EngineFixture.builder(message -> { }).executor(task -> {
                if (rejections.getAndDecrement() > 0) {
                    throw new RejectedExecutionException("saturated");
                }
                accepted.add(task);
            }).build();
            fixture.engine.assign(List.of(P0));

            fixture.accept(0, 0, "k", "k");
            assertThat(fixture.engine.state().lastError()).contains("rejected");
            for (int i = 0; i < 3 && accepted.isEmpty(); i++) {
                fixture.clock.advance(Duration.ofMillis(100));
            }
            accepted.forEach(Runnable::run);

            assertThat(fixture.commitReady()).containsExactly(Map.entry(P0, 2L));
        }

        @Test
        void a_position_that_moves_back_restarts_the_partition_there() {
            EngineFixture fixture = EngineFixture.builder(message -> { }).build();
            fixture.engine.assign(List.of(P0));
            fixture.accept(0, 0, "k", "k", "k", "k", "k");
            fixture.runAll();
            assertThat(fixture.commitReady()).containsExactly(Map.entry(P0, 5L));

            fixture.accept(0, 2, "k", "k");

            assertThat(fixture.engine.flowControl().seeks()).containsExactly(Map.entry(P0, 2L));
            fixture.accept(0, 2, "k", "k", "k");
            fixture.runAll();
            assertThat(fixture.outcomes(RecordOutcome.Handled.class)).hasSize(8);
            assertThat(fixture.commitReady()).as("offset 5 was offered already").isEmpty();
        }
    }

    @Nested
    class Classification {

        @Test
        void retries_a_decoders_own_exception_then_dead_letters_the_record() {
            AtomicInteger decodes = new AtomicInteger();
            EngineFixture fixture = EngineFixture.builder(message -> { }).keyDecoder((topic, headers, data) -> {
                decodes.incrementAndGet();
                throw new IllegalStateException("schema registry timed out");
            }).build();
            fixture.engine.assign(List.of(P0));

            fixture.accept(0, 0, "k");
            fixture.runAll();
            fixture.advance(Duration.ofMillis(100));

            assertThat(decodes).hasValue(3);
            assertThat(fixture.deadLetters).singleElement()
                    .satisfies(dead -> assertThat(dead.header(DeadLetter.ATTEMPTS)).isEqualTo("3"));
        }

        @Test
        void never_retries_a_non_retryable_exception_wrapped_by_the_handler() {
            AtomicInteger attempts = new AtomicInteger();
            EngineFixture fixture = EngineFixture.builder(message -> {
                attempts.incrementAndGet();
                throw new IllegalStateException("wrapped", new NonRetryableException("a business rule"));
            }).build();
            fixture.engine.assign(List.of(P0));

            fixture.accept(0, 0, "k");
            fixture.runAll();

            assertThat(attempts).hasValue(1);
            assertThat(fixture.outcomes(RecordOutcome.Failed.class)).singleElement()
                    .satisfies(failed -> assertThat(failed.retryable()).isFalse());
            assertThat(fixture.deadLetters).hasSize(1);
        }

        @Test
        void a_virtual_machine_error_fails_the_consumer_instead_of_dead_lettering_the_record() {
            EngineFixture fixture = EngineFixture.builder(message -> {
                if (message.offset() == 1) {
                    throw new StackOverflowError("deep recursion in a handler");
                }
            }).build();
            fixture.engine.assign(List.of(P0));

            fixture.accept(0, 0, "k", "k", "k");
            fixture.runAll();

            assertThat(fixture.engine.fatal()).isInstanceOf(StackOverflowError.class);
            assertThat(fixture.deadLetters).isEmpty();
            assertThat(fixture.commitReady()).containsExactly(Map.entry(P0, 1L));
            assertThat(fixture.engine.flowControl().paused()).containsExactly(P0);
        }
    }

    @Nested
    class Flow {

        @Test
        void a_retry_in_partition_order_pauses_only_its_partition_until_it_is_due() {
            AtomicInteger attempts = new AtomicInteger();
            EngineFixture fixture = EngineFixture.builder(message -> {
                if (message.partition() == 0 && attempts.getAndIncrement() == 0) {
                    throw new IllegalStateException("transient");
                }
            }).build();
            fixture.engine.assign(List.of(P0, P1));

            fixture.accept(0, 0, "k");
            fixture.accept(1, 0, "k");
            fixture.runAll();
            assertThat(fixture.engine.flowControl().paused()).containsExactly(P0);

            fixture.advance(Duration.ofMillis(50));

            assertThat(fixture.engine.flowControl().paused()).isEmpty();
            assertThat(fixture.commitReady()).containsOnly(Map.entry(P0, 1L), Map.entry(P1, 1L));
        }

        @Test
        void offers_each_committable_offset_once_and_again_after_a_failed_commit() {
            EngineFixture fixture = EngineFixture.builder(message -> { }).build();
            fixture.engine.assign(List.of(P0));
            fixture.accept(0, 0, "k", "k");
            fixture.runAll();

            assertThat(fixture.commitReady()).containsExactly(Map.entry(P0, 2L));
            assertThat(fixture.commitReady()).isEmpty();
            fixture.engine.commitFailed(Map.of(P0, 2L));
            assertThat(fixture.commitReady()).containsExactly(Map.entry(P0, 2L));
            fixture.engine.committed(Map.of(P0, 2L));
            assertThat(fixture.engine.revoke(List.of(P0), Duration.ZERO)).as("the broker has it already").isEmpty();
        }

        @Test
        void drops_records_of_a_partition_that_is_not_assigned() {
            EngineFixture fixture = EngineFixture.builder(message -> { }).build();

            fixture.accept(0, 0, "k");
            fixture.runAll();

            assertThat(fixture.outcomes).isEmpty();
            assertThat(fixture.engine.state().buffered()).isZero();
        }
    }

    /** An exception that cannot say what it is. */
    static final class BrokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage() broke");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString() broke");
        }
    }
}
