package io.kafkify.consumers.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.BaseConsumer;
import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.domain.StoppedPartition;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.EngineState;
import io.kafkify.consumers.engine.ProcessingEngine;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.kafkify.consumers.engine.SystemScheduler;
import io.kafkify.consumers.infrastructure.DecodingOptions;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.infrastructure.OutcomeLog;
import io.kafkify.consumers.infrastructure.RecordMdc;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BaseConsumer} without Kafka, for unit tests of handlers. A test registers handlers
 * (directly or with a router), starts the consumer and {@link #send sends} records; each is
 * decoded, routed, handled, retried and given to the failure policy by exactly the engine the
 * Kafka adapter runs, and the test reads what was handled, what failed, what was
 * dead-lettered, and what was committed.
 *
 * <pre>{@code
 * InMemoryConsumer consumer = new InMemoryConsumer();
 * app.registerHandlers(consumer);
 * consumer.start();
 * consumer.sendJson("people-events", "42", Map.of("code", "PERSON_CREATED", "name", "Ada"));
 * assertThat(consumer.handled()).hasSize(1);
 * }</pre>
 *
 * <p>Records model a topic: each topic has one partition unless {@link Builder#partitions}
 * says otherwise (a keyed record always lands in the same partition), and offsets count up
 * from zero per partition. Records sent before {@link #start()} wait, like a backlog; records
 * of a topic no handler is registered for are stored but never consumed, as the Kafka adapter
 * subscribes only to topics it has handlers for.
 *
 * <p>Records run through the very {@link ProcessingEngine} the Kafka adapter drives, with the same
 * {@link ProcessingPolicy} (by default 3 attempts, then the dead-letter topic), the same bounds
 * and pauses, except that retries happen at once: tests do not wait for backoffs. Dead letters
 * are kept in {@link #deadLetters()}. A partition stopped by the {@code STOP} policy takes
 * nothing until {@link #resume(PartitionId)}, which restarts it from its lowest unfinished record.
 *
 * <p>Threading: by default records are handled synchronously on the thread that calls
 * {@code send} (or {@code start}, for the backlog), so tests need no waiting; a handler may
 * itself send records, which are handled once it returns. With {@link Builder#executor} they run
 * in parallel, as on a broker: call {@link #awaitIdle} before asserting. All methods are
 * thread-safe.
 */
public final class InMemoryConsumer implements BaseConsumer {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String NO_BROKER = "in-memory:9092";

    private final ObjectMapper mapper;
    private final Clock clock;
    private final SystemScheduler scheduler = new SystemScheduler("kafkify-in-memory");
    private final ProcessingEngine engine;
    private final InMemoryTopics topics;
    private final Map<PartitionId, Long> committed = new HashMap<>();
    private final List<RecordOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean started;
    private boolean stopping;

    /** An in-memory consumer with the Kafka adapter's defaults, handling records synchronously. */
    public InMemoryConsumer() {
        this(builder());
    }

    private InMemoryConsumer(Builder builder) {
        KafkaConsumerConfig config = builder.settings.build();
        this.mapper = builder.jsonMapper(config);
        this.topics = new InMemoryTopics(builder.partitions, config.maxPollRecords());
        this.clock = builder.clock;
        // The production policy, except that retries happen at once: tests do not wait for backoffs.
        ProcessingPolicy policy = config.toProcessingPolicy().withRetryBackoff(Duration.ZERO, Duration.ZERO);
        ProcessingEngine.Builder engineBuilder = builder.engine(config, policy)
                .executor(builder.executor != null ? builder.executor : Runnable::run)
                .scheduler(scheduler)
                .deadLetters(deadLetters::add)
                .observer(new EngineObserver() {
                    private final OutcomeLog log = new OutcomeLog(InMemoryConsumer.class, policy.failurePolicy());

                    @Override
                    public void outcome(RecordOutcome outcome) {
                        outcomes.add(outcome);
                        log.outcome(outcome);
                    }
                })
                .observer(new RecordMdc())
                .bounds(config.maxBufferedRecords(), config.maxPollRecords())
                .maxUnfinishedAge(config.maxUnfinishedAge());
        builder.observers.forEach(engineBuilder::observer);
        this.engine = engineBuilder.build();
    }

    /** @return a builder for a consumer with other decoders, policies, executor or partition counts */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void register(HandlerRegistration registration) {
        if (started || stopping) {
            throw new ConsumerStateException("Cannot register " + registration.description()
                    + ": the consumer has started. Register every handler before start().");
        }
        engine.register(RecordMdc.withCode(registration));
    }

    /** Starts consuming: handles the records sent so far. Calling it again is harmless. */
    @Override
    public synchronized void start() {
        if (started || stopping) {
            return;
        }
        started = true;
        pump();
    }

    /**
     * Blocks until {@link #stop()}, like the Kafka adapter's poll loop; records are handled as
     * they are sent, so tests rarely need it.
     *
     * @throws ConsumerStateException when called before {@link #start()}
     */
    @Override
    public void listen() {
        synchronized (this) {
            if (!started && !stopping) {
                throw new ConsumerStateException("listen() was called before start(). Call start() first.");
            }
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops consuming: records that have not started are dropped, running ones are waited for
     * (up to 30 s) and what finished is committed; later records are stored but not handled.
     * Idempotent. Called from a handler, it asks for the stop and returns, so that the handler's
     * own record finishes first.
     */
    @Override
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            started = false;
        }
        if (engine.isHandlerThread()) {
            scheduler.schedule(Duration.ZERO, this::finishStop);
        } else {
            finishStop();
        }
    }

    private void finishStop() {
        Map<PartitionId, Long> finished = engine.stop(STOP_TIMEOUT);
        synchronized (this) {
            committed.putAll(finished);
        }
        scheduler.close();
        stopped.countDown();
    }

    /**
     * Sends a record with a UTF-8 key and value (either may be null).
     *
     * @param topic the topic
     * @param key the key, possibly null
     * @param value the value, possibly null
     * @return the record's final outcome when it was consumed at once (synchronous mode);
     *     empty when it waits (the consumer has not started, its partition is stopped, or
     *     handlers run on an executor) or will never be consumed (no handler for its topic)
     */
    public Optional<RecordOutcome> send(String topic, @Nullable String key, @Nullable String value) {
        return send(topic, utf8(key), utf8(value), List.of());
    }

    /**
     * Sends a record whose value is the JSON serialization of {@code value} (a {@code Map},
     * a record, a list...).
     *
     * @param topic the topic
     * @param key the key, possibly null
     * @param value the value, serialized with the builder's {@code ObjectMapper}
     * @return as {@link #send(String, String, String)}
     */
    public Optional<RecordOutcome> sendJson(String topic, @Nullable String key, Object value) {
        try {
            return send(topic, utf8(key), mapper.writeValueAsBytes(value), List.of());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Sends a record with raw bytes and headers.
     *
     * @param topic the topic
     * @param key the raw key, possibly null
     * @param value the raw value, possibly null
     * @param headers the headers, possibly empty
     * @return as {@link #send(String, String, String)}
     */
    public synchronized Optional<RecordOutcome> send(String topic, byte @Nullable [] key, byte @Nullable [] value,
                                                     List<MessageHeader> headers) {
        Objects.requireNonNull(topic, "topic");
        RawRecord record = topics.append(topic, key, value, headers, clock.instant());
        int before = outcomes.size();
        pump();
        for (int i = outcomes.size() - 1; i >= before; i--) {
            RecordOutcome outcome = outcomes.get(i);
            if (outcome.isFinal() && outcome.coordinates().equals(record.coordinates())) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }

    /**
     * Resumes a partition stopped by the {@code STOP} policy: its records are handled again from
     * its lowest unfinished one, with fresh attempts.
     *
     * @param partition the stopped partition
     */
    public synchronized void resume(PartitionId partition) {
        engine.resume(partition);
        pump();
    }

    /**
     * Waits until every sent record has reached its final outcome (or its partition stopped),
     * for consumers whose handlers run on an executor.
     *
     * @param timeout how long to wait at most
     * @return true when idle, false when the timeout passed first
     */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (this) {
                pump();
                if (engine.isIdle() && caughtUp()) {
                    return true;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * The in-memory state: {@code RUNNING} between {@code start()} and {@code stop()}, the
     * partitions of subscribed topics that have records, stopped partitions, the last failure
     * and the counters.
     */
    @Override
    public synchronized ConsumerState state() {
        ConsumerStatus status = started ? ConsumerStatus.RUNNING : stopping ? ConsumerStatus.STOPPED
                : ConsumerStatus.STARTING;
        EngineState engineState = engine.state();
        return new ConsumerState(status, started ? topics.assigned() : List.of(),
                engineState.stoppedPartitions(), engineState.lastError(), engineState.handled(),
                engineState.unrouted(), engineState.failed(), engineState.deadLettered(), engineState.skipped(),
                engineState.buffered(), engineState.partitions(), engineState.stuckPartitions());
    }

    /** @return every outcome (each failed attempt included), in the order they happened */
    public List<RecordOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** @return the messages that a handler took and finished, in order */
    public List<Message> handled() {
        return outcomesOf(RecordOutcome.Handled.class).stream().map(RecordOutcome.Handled::message).toList();
    }

    /** @return every failed attempt: undecodable, unbindable, or the handler threw */
    public List<RecordOutcome.Failed> failures() {
        return outcomesOf(RecordOutcome.Failed.class);
    }

    /** @return the messages no handler took (committed with a warning, as documented) */
    public List<Message> unrouted() {
        return outcomesOf(RecordOutcome.Unrouted.class).stream().map(RecordOutcome.Unrouted::message).toList();
    }

    /** @return what was published to dead-letter topics, with its {@code kafkify-dlt-*} headers */
    public List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /**
     * @param topic a topic
     * @param partition a partition
     * @return the committed offset (the next offset to consume), or empty when nothing of the
     *     partition has been committed
     */
    public synchronized OptionalLong committedOffset(String topic, int partition) {
        updateCommits();
        Long offset = committed.get(new PartitionId(topic, partition));
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** Hands records to the engine as the Kafka adapter's poll loop does; called with the monitor held. */
    private void pump() {
        if (started) {
            topics.pump(engine, () -> started, this::updateCommits);
        }
    }

    /** @return whether every partition that may be fetched has been, to its end */
    private boolean caughtUp() {
        Set<PartitionId> stopped = new HashSet<>();
        for (StoppedPartition stoppedAt : engine.state().stoppedPartitions()) {
            stopped.add(stoppedAt.partition());
        }
        return topics.caughtUp(stopped);
    }

    private void updateCommits() {
        committed.putAll(engine.commitReady());
    }

    private <T extends RecordOutcome> List<T> outcomesOf(Class<T> type) {
        return outcomes.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static byte @Nullable [] utf8(@Nullable String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Settings of an {@link InMemoryConsumer}; the defaults are the Kafka adapter's, decoding options included. */
    public static final class Builder extends DecodingOptions<Builder> {
        private final Map<String, Integer> partitions = new HashMap<>();
        private Clock clock = Clock.systemUTC();
        /** The production settings; the broker address is a placeholder that nothing dials. */
        private KafkaConsumerConfig.Builder settings = KafkaConsumerConfig.builder().bootstrapServers(NO_BROKER);
        private @Nullable Executor executor;
        private final List<EngineObserver> observers = new java.util.ArrayList<>();

        private Builder() {
        }

        private ProcessingEngine.Builder engine(KafkaConsumerConfig config, ProcessingPolicy policy) {
            return engineBuilder(config, policy);
        }

        private ObjectMapper jsonMapper(KafkaConsumerConfig config) {
            return mapper(config);
        }

        /**
         * @param topic a topic
         * @param count its number of partitions (default 1)
         * @return this builder
         */
        public Builder partitions(String topic, int count) {
            if (count < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, was " + count);
            }
            partitions.put(Objects.requireNonNull(topic, "topic"), count);
            return this;
        }

        /**
         * @param timestamps the clock that stamps sent records
         * @return this builder
         */
        public Builder clock(Clock timestamps) {
            this.clock = Objects.requireNonNull(timestamps, "timestamps");
            return this;
        }

        /**
         * Runs with exactly the processing settings of a production configuration: ordering,
         * concurrency, attempts, failure policy, dead-letter naming, non-retryable types, the
         * buffer bound and the poll size. Its Kafka client settings are not used.
         *
         * @param production the configuration the Kafka adapter runs with
         * @return this builder
         */
        public Builder config(KafkaConsumerConfig production) {
            this.settings = Objects.requireNonNull(production, "production").toBuilder();
            return this;
        }

        /**
         * Adjusts the settings on the production configuration's own builder, so that they are
         * named, defaulted and validated as in production, e.g.
         * {@code settings(s -> s.failurePolicy(FailurePolicy.SKIP).maxAttempts(1))}. A value the
         * production configuration rejects makes {@link #build()} throw the same
         * {@code InvalidConfigurationException}.
         *
         * @param adjust changes the settings, starting from the defaults or from {@link #config}
         * @return this builder
         */
        public Builder settings(Consumer<KafkaConsumerConfig.Builder> adjust) {
            Objects.requireNonNull(adjust, "adjust").accept(settings);
            return this;
        }

        /**
         * Runs handlers on an executor, in parallel as the ordering allows, instead of on the
         * sending thread; call {@link InMemoryConsumer#awaitIdle} before asserting.
         *
         * @param handlerExecutor the executor
         * @return this builder
         */
        public Builder executor(Executor handlerExecutor) {
            this.executor = Objects.requireNonNull(handlerExecutor, "handlerExecutor");
            return this;
        }

        /**
         * Adds an observer of the engine, as on the Kafka adapter's builder: metrics, tracing, a
         * test's own. Call once per observer.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder observer(EngineObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /** @return the consumer */
        public InMemoryConsumer build() {
            return new InMemoryConsumer(this);
        }
    }
}
