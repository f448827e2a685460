package io.kafkify.consumers.engine;

import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHandler;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PayloadBinder;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.DeadLetterPublisher;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.kafkify.consumers.engine.spi.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * An engine on one thread for unit tests: handler tasks wait in a queue until the test runs
 * them, time moves only when the test moves it, dead letters land in a list. Values are UTF-8
 * text and are their own code, so {@code "A"} routes to the handler of code A.
 */
final class EngineFixture {

    static final String TOPIC = "events";

    final List<Runnable> tasks = new ArrayList<>();
    final List<RecordOutcome> outcomes = new CopyOnWriteArrayList<>();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    final Clock clock = new Clock();
    final ProcessingEngine engine;
    private final int maxConcurrency;

    private EngineFixture(Builder builder) {
        Decoder text = (topic, headers, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8);
        this.maxConcurrency = builder.maxConcurrency;
        ProcessingPolicy policy = new ProcessingPolicy(builder.ordering, builder.maxConcurrency, builder.maxAttempts,
                Duration.ofMillis(10), Duration.ofMillis(40), builder.failurePolicy, ".DLT", false,
                builder.nonRetryable);
        Executor executor = builder.executor != null ? builder.executor : tasks::add;
        ProcessingEngine.Builder engineBuilder = ProcessingEngine.builder(policy);
        if (builder.observers.isEmpty()) {
            engineBuilder.observer(new EngineObserver() {
                @Override
                public void outcome(RecordOutcome outcome) {
                    outcomes.add(outcome);
                }
            });
        }
        builder.observers.forEach(engineBuilder::observer);
        this.engine = engineBuilder
                .decoding(builder.keyDecoder != null ? builder.keyDecoder : text, text, value -> (String) value,
                        new PayloadBinder() {
                            @Override
                            public <T> T bind(Message message, Class<T> type) {
                                throw new UnsupportedOperationException();
                            }
                        })
                .executor(executor)
                .scheduler(clock)
                .deadLetters(builder.publisher != null ? builder.publisher : deadLetters::add)
                .bounds(builder.maxBuffered, builder.maxPoll)
                .random(new Random(1))
                .maxUnfinishedAge(builder.maxUnfinishedAge)
                .build();
        engine.register(new HandlerRegistration.Plain(TOPIC, List.of(), builder.handler, "test handler"));
    }

    static Builder builder(MessageHandler handler) {
        return new Builder(handler);
    }

    static PartitionId partition(int number) {
        return new PartitionId(TOPIC, number);
    }

    static RawRecord record(int partition, long offset, String key) {
        return new RawRecord(TOPIC, partition, offset, Instant.EPOCH,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                ("v" + offset).getBytes(StandardCharsets.UTF_8), List.of());
    }

    /** Queues records with these offsets and keys ("k" + key index; -1 for none). */
    void accept(int partition, long firstOffset, String... keys) {
        List<RawRecord> records = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            records.add(record(partition, firstOffset + i, keys[i]));
        }
        engine.accept(partition(partition), records);
    }

    /** Runs handler tasks until none is left (tasks started meanwhile included). */
    void runAll() {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
        EngineInternals.checkInvariants(engine);
    }

    /** Moves time forward, firing due timers in order and running the tasks each one starts. */
    void advance(Duration by) {
        long until = clock.nanoTime() + by.toNanos();
        while (clock.fireNextDueBy(until)) {
            runAll();
        }
        clock.advance(Duration.ofNanos(until - clock.nanoTime()));
        runAll();
    }

    Map<PartitionId, Long> commitReady() {
        return engine.commitReady();
    }

    <T extends RecordOutcome> List<T> outcomes(Class<T> type) {
        return outcomes.stream().filter(type::isInstance).map(type::cast).toList();
    }

    int maxConcurrency() {
        return maxConcurrency;
    }

    /** Time that moves when the test says; a wait runs the queued handler tasks meanwhile. */
    final class Clock implements Scheduler {
        private final PriorityQueue<Timer> timers = new PriorityQueue<>();
        private long now;
        private long sequence;
        /** How often the engine read the time. */
        int reads;

        @Override
        public long nanoTime() {
            reads++;
            return now;
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            timers.add(new Timer(now + delay.toNanos(), sequence++, task));
        }

        @Override
        public boolean awaitUntil(BooleanSupplier condition, Duration timeout) {
            long deadline = now + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                if (!tasks.isEmpty()) {
                    tasks.remove(0).run();
                } else if (!timers.isEmpty() && timers.peek().due <= deadline) {
                    Timer timer = timers.poll();
                    now = Math.max(now, timer.due);
                    timer.task.run();
                } else {
                    now = Math.max(now, deadline);
                    return condition.getAsBoolean();
                }
            }
            return true;
        }

        @Override
        public void signal() {
        }

        void advance(Duration by) {
            long until = now + by.toNanos();
            while (!timers.isEmpty() && timers.peek().due <= until) {
                Timer timer = timers.poll();
                now = Math.max(now, timer.due);
                timer.task.run();
            }
            now = until;
        }

        boolean fireNextDueBy(long until) {
            if (timers.isEmpty() || timers.peek().due > until) {
                return false;
            }
            Timer timer = timers.poll();
            now = Math.max(now, timer.due);
            timer.task.run();
            return true;
        }
    }

    private record Timer(long due, long sequence, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }

    static final class Builder {
        private final MessageHandler handler;
        private Ordering ordering = Ordering.PARTITION;
        private FailurePolicy failurePolicy = FailurePolicy.DEAD_LETTER;
        private int maxAttempts = 3;
        private int maxConcurrency = 4;
        private int maxBuffered = 100;
        private int maxPoll = 10;
        private Set<Class<? extends Throwable>> nonRetryable = Set.of();
        private Executor executor;
        private DeadLetterPublisher publisher;
        private final List<EngineObserver> observers = new ArrayList<>();
        private Decoder keyDecoder;
        private Duration maxUnfinishedAge = Duration.ofSeconds(60);

        private Builder(MessageHandler handler) {
            this.handler = handler;
        }

        Builder ordering(Ordering value) {
            ordering = value;
            return this;
        }

        Builder failurePolicy(FailurePolicy value) {
            failurePolicy = value;
            return this;
        }

        Builder maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        Builder maxConcurrency(int value) {
            maxConcurrency = value;
            return this;
        }

        Builder bounds(int buffered, int poll) {
            maxBuffered = buffered;
            maxPoll = poll;
            return this;
        }

        @SafeVarargs
        final Builder nonRetryable(Class<? extends Throwable>... types) {
            nonRetryable = Set.of(types);
            return this;
        }

        Builder executor(Executor value) {
            executor = value;
            return this;
        }

        Builder publisher(DeadLetterPublisher value) {
            publisher = value;
            return this;
        }

        /** Adds an observer, in place of the one that collects {@link #outcomes}. */
        Builder observer(EngineObserver value) {
            observers.add(value);
            return this;
        }

        Builder maxUnfinishedAge(Duration value) {
            maxUnfinishedAge = value;
            return this;
        }

        Builder keyDecoder(Decoder value) {
            keyDecoder = value;
            return this;
        }

        EngineFixture build() {
            return new EngineFixture(this);
        }
    }
}
