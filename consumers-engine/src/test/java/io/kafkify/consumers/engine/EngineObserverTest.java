package io.kafkify.consumers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PartitionProgress;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.AttemptScope;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract of the observer port: what it is told, on which thread, what it costs, and that it cannot harm. */
class EngineObserverTest {

    private static final PartitionId P0 = EngineFixture.partition(0);

    /** Writes every event it sees, and what was current in the handler. */
    static final class Recorder implements EngineObserver {
        final String name;
        final List<String> events;

        Recorder(String name, List<String> events) {
            this.name = name;
            this.events = events;
        }

        @Override
        public AttemptScope attemptStarted(RawRecord record) {
            events.add(name + " started " + record.offset() + " on " + Thread.currentThread().getName());
            return (outcome, nanos) -> events.add(name + " ended " + outcome.getClass().getSimpleName() + " in "
                    + Duration.ofNanos(nanos).toMillis() + " ms");
        }

        @Override
        public void outcome(RecordOutcome outcome) {
            events.add(name + " outcome " + outcome.getClass().getSimpleName());
        }

        @Override
        public void committed(Map<PartitionId, Long> offsets, long nanos) {
            events.add(name + " committed " + offsets + " after " + Duration.ofNanos(nanos).toMillis() + " ms");
        }

        @Override
        public void commitFailed(Map<PartitionId, Long> offsets) {
            events.add(name + " commit failed " + offsets);
        }

        @Override
        public void flowChanged(Set<PartitionId> paused, Set<PartitionId> resumed) {
            events.add(name + " paused " + new java.util.TreeSet<>(paused) + " resumed " + new java.util.TreeSet<>(resumed));
        }

        @Override
        public void assigned(Collection<PartitionId> partitions) {
            events.add(name + " assigned " + partitions);
        }

        @Override
        public void revoked(Collection<PartitionId> partitions) {
            events.add(name + " revoked " + partitions);
        }

        @Override
        public void lost(Collection<PartitionId> partitions) {
            events.add(name + " lost " + partitions);
        }
    }

    /** Throws from every method, the scope it returns included. */
    static final class Thrower implements EngineObserver {
        @Override
        public AttemptScope attemptStarted(RawRecord record) {
            if (record.offset() == 0) {
                throw new IllegalStateException("broken start");
            }
            return (outcome, nanos) -> {
                throw new IllegalStateException("broken end");
            };
        }

        @Override
        public void outcome(RecordOutcome outcome) {
            throw new IllegalStateException("broken outcome");
        }

        @Override
        public void committed(Map<PartitionId, Long> offsets, long nanos) {
            throw new IllegalStateException("broken commit");
        }

        @Override
        public void flowChanged(Set<PartitionId> paused, Set<PartitionId> resumed) {
            throw new IllegalStateException("broken flow");
        }

        @Override
        public void assigned(Collection<PartitionId> partitions) {
            throw new IllegalStateException("broken assign");
        }
    }

    @Nested
    class Attempts {

        @Test
        void an_attempt_runs_inside_every_observers_scope_on_its_handler_thread_the_last_opened_closed_first() {
            List<String> events = new CopyOnWriteArrayList<>();
            EngineFixture[] fixture = new EngineFixture[1];
            fixture[0] = EngineFixture.builder(message -> {
                events.add("handler " + message.offset());
                fixture[0].clock.advance(Duration.ofMillis(7));
            }).observer(new Recorder("a", events)).observer(new Recorder("b", events)).build();
            fixture[0].engine.assign(List.of(P0));
            events.clear();

            fixture[0].accept(0, 0, "k");
            fixture[0].runAll();

            String thread = Thread.currentThread().getName();
            assertThat(events).containsExactly("a started 0 on " + thread, "b started 0 on " + thread, "handler 0",
                    "b ended Handled in 7 ms", "a ended Handled in 7 ms", "a outcome Handled", "b outcome Handled");
        }

        @Test
        void with_no_observer_an_attempt_reads_no_clock_and_opens_nothing() {
            EngineFixture fixture = EngineFixture.builder(message -> { }).observer(EngineObserver.NONE).build();
            fixture.engine.assign(List.of(P0));
            fixture.accept(0, 0, "k", "k", "k", "k");
            int before = fixture.clock.reads;

            fixture.runAll();

            assertThat(fixture.clock.reads).isEqualTo(before);
            assertThat(fixture.engine.state().handled()).isEqualTo(4);
        }

        @Test
        void an_observer_that_only_watches_outcomes_adds_no_clock_read_to_an_attempt() {
            List<String> events = new CopyOnWriteArrayList<>();
            EngineFixture fixture = EngineFixture.builder(message -> { }).observer(new EngineObserver() {
                @Override
                public void outcome(RecordOutcome outcome) {
                    events.add(outcome.coordinates());
                }
            }).build();
            fixture.engine.assign(List.of(P0));
            fixture.accept(0, 0, "k", "k");
            int before = fixture.clock.reads;

            fixture.runAll();

            assertThat(fixture.clock.reads).isEqualTo(before);
            assertThat(events).containsExactly("events-0@0", "events-0@1");
        }
    }

    @Nested
    class Robustness {

        @Test
        void an_observer_that_throws_everywhere_reaches_no_record_and_the_next_observer_is_told_all_the_same() {
            List<String> events = new CopyOnWriteArrayList<>();
            EngineFixture fixture = EngineFixture.builder(message -> events.add("handler " + message.offset()))
                    .observer(new Thrower()).observer(new Recorder("r", events)).build();
            fixture.engine.assign(List.of(P0));

            fixture.accept(0, 0, "k", "k", "k");
            fixture.runAll();
            fixture.engine.flowControl();
            Map<PartitionId, Long> ready = fixture.commitReady();
            fixture.engine.committed(ready);

            assertThat(ready).containsExactly(Map.entry(P0, 3L));
            assertThat(fixture.engine.state().handled()).isEqualTo(3);
            assertThat(events).contains("r assigned [events-0]", "handler 0", "handler 1", "handler 2",
                    "r ended Handled in 0 ms", "r outcome Handled", "r committed {events-0=3} after 0 ms");
            assertThat(events.stream().filter(e -> e.startsWith("r outcome"))).hasSize(3);
            assertThat(fixture.engine.state().lastError()).contains("observer failed").contains("broken");
        }
    }

    @Nested
    class DeadLetters {

        /** Puts its own {@code trace} header in place of the original's. */
        static final class Retracer implements EngineObserver {
            final List<String> seenOn = new CopyOnWriteArrayList<>();

            @Override
            public List<MessageHeader> deadLetterHeaders(DeadLetter deadLetter) {
                seenOn.add(Thread.currentThread().getName());
                List<MessageHeader> headers = new ArrayList<>();
                deadLetter.headers().stream().filter(h -> !h.key().equals("trace")).forEach(headers::add);
                headers.add(MessageHeader.of("trace", "consumer-span"));
                return headers;
            }
        }

        private EngineFixture failingWith(EngineObserver... observers) {
            EngineFixture.Builder builder = EngineFixture.builder(message -> {
                throw new IllegalStateException("the database is down");
            }).maxAttempts(1);
            for (EngineObserver observer : observers) {
                builder.observer(observer);
            }
            EngineFixture fixture = builder.build();
            fixture.engine.assign(List.of(P0));
            fixture.engine.accept(P0, List.of(new RawRecord(EngineFixture.TOPIC, 0, 0, java.time.Instant.EPOCH, null,
                    null, List.of(MessageHeader.of("trace", "producer-span")))));
            fixture.runAll();
            return fixture;
        }

        @Test
        void an_observer_gives_a_dead_letter_its_headers_on_the_thread_that_publishes_it() {
            Retracer retracer = new Retracer();
            EngineFixture fixture = failingWith(retracer);

            assertThat(fixture.deadLetters).singleElement().satisfies(dead -> {
                assertThat(dead.header("trace")).isEqualTo("consumer-span");
                assertThat(dead.headers().stream().filter(h -> h.key().equals("trace"))).hasSize(1);
                assertThat(dead.header(DeadLetter.ATTEMPTS)).isEqualTo("1");
                assertThat(dead.topic()).isEqualTo(EngineFixture.TOPIC + ".DLT");
            });
            assertThat(retracer.seenOn).containsExactly(Thread.currentThread().getName());
        }

        @Test
        void an_observer_that_throws_for_a_dead_letter_leaves_its_headers_and_the_next_observer_is_asked() {
            Retracer retracer = new Retracer();
            EngineFixture fixture = failingWith(new EngineObserver() {
                @Override
                public List<MessageHeader> deadLetterHeaders(DeadLetter deadLetter) {
                    throw new IllegalStateException("broken headers");
                }
            }, retracer);

            assertThat(fixture.deadLetters).singleElement()
                    .satisfies(dead -> assertThat(dead.header("trace")).isEqualTo("consumer-span"));
            assertThat(fixture.engine.state().deadLettered()).isEqualTo(1);
            assertThat(fixture.engine.state().lastError()).contains("broken headers");
        }

        @Test
        void observers_that_do_not_ask_for_dead_letter_headers_leave_the_dead_letter_as_the_engine_made_it() {
            EngineFixture fixture = failingWith(new Recorder("r", new CopyOnWriteArrayList<>()));

            assertThat(fixture.deadLetters).singleElement()
                    .satisfies(dead -> assertThat(dead.header("trace")).isEqualTo("producer-span"));
        }
    }

    @Nested
    class PartitionsAndCommits {

        @Test
        void assignments_pauses_commits_revokes_and_losses_are_told() {
            List<String> events = new CopyOnWriteArrayList<>();
            EngineFixture fixture = EngineFixture.builder(message -> { }).bounds(20, 10)
                    .observer(new Recorder("r", events)).build();
            PartitionId p1 = EngineFixture.partition(1);
            fixture.engine.assign(List.of(P0, p1));
            fixture.accept(0, 0, "k", "k", "k", "k", "k", "k", "k", "k", "k", "k", "k", "k");
            fixture.engine.flowControl();
            fixture.runAll();
            fixture.engine.flowControl();
            Map<PartitionId, Long> ready = fixture.commitReady();
            fixture.clock.advance(Duration.ofMillis(3));
            fixture.engine.committed(ready);
            fixture.engine.commitFailed(Map.of(P0, 12L));
            fixture.engine.revoke(List.of(P0), Duration.ZERO);
            fixture.engine.lose(List.of(p1));

            assertThat(events.stream().filter(e -> !e.contains("started") && !e.contains("ended")
                    && !e.contains("outcome"))).containsExactly(
                    "r assigned [events-0, events-1]",
                    "r paused [events-0, events-1] resumed []",
                    "r paused [] resumed [events-0, events-1]",
                    "r committed {events-0=12} after 3 ms",
                    "r commit failed {events-0=12}",
                    "r revoked [events-0]",
                    "r lost [events-1]");
        }
    }

    @Nested
    class StuckWork {

        @Test
        void a_partition_whose_oldest_record_waits_too_long_is_stuck_until_the_work_moves() {
            EngineFixture fixture = EngineFixture.builder(message -> { })
                    .maxUnfinishedAge(Duration.ofSeconds(60)).build();
            fixture.engine.assign(List.of(P0));
            fixture.engine.endOffsets(Map.of(P0, 5L));
            fixture.accept(0, 0, "k", "k", "k", "k", "k");
            fixture.engine.flowControl();

            fixture.clock.advance(Duration.ofSeconds(59));
            assertThat(fixture.engine.state().stuckPartitions()).isEmpty();
            fixture.clock.advance(Duration.ofSeconds(2));
            PartitionProgress waiting = fixture.engine.state().partitions().get(0);
            assertThat(waiting.oldestUnfinishedAge()).isEqualTo(Duration.ofSeconds(61));
            assertThat(waiting.committableStill()).isEqualTo(Duration.ofSeconds(61));
            assertThat(waiting.committedLag()).isEqualTo(5);
            assertThat(fixture.engine.state().stuckPartitions()).singleElement().satisfies(stuck -> {
                assertThat(stuck.partition()).isEqualTo(P0);
                assertThat(stuck.reason()).contains("oldest unfinished record (offset 0)").contains("61000 ms")
                        .contains("maxUnfinishedAge (60000 ms)");
            });

            fixture.runAll();

            PartitionProgress done = fixture.engine.state().partitions().get(0);
            assertThat(fixture.engine.state().stuckPartitions()).isEmpty();
            assertThat(done.oldestUnfinishedAge()).isZero();
            assertThat(done.committableStill()).isZero();
            assertThat(done.committedLag()).isZero();
        }

        @Test
        void a_committable_offset_that_stands_behind_a_running_record_counts_from_the_last_drain() {
            EngineFixture fixture = EngineFixture.builder(message -> { }).maxConcurrency(1).build();
            fixture.engine.assign(List.of(P0));
            fixture.accept(0, 0, "k");
            fixture.engine.flowControl();
            fixture.clock.advance(Duration.ofSeconds(10));
            fixture.accept(0, 1, "k");
            fixture.engine.flowControl();
            fixture.clock.advance(Duration.ofSeconds(5));

            PartitionProgress progress = fixture.engine.state().partitions().get(0);

            assertThat(progress.oldestUnfinishedAge()).isEqualTo(Duration.ofSeconds(15));
            assertThat(progress.committableStill()).isEqualTo(Duration.ofSeconds(15));
            assertThat(progress.buffered()).isEqualTo(2);
        }
    }
}
