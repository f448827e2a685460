package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.BaseConsumer;
import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.engine.spi.DeadLetterPublisher;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.EngineState;
import io.kafkify.consumers.engine.ProcessingEngine;
import io.kafkify.consumers.infrastructure.internal.KafkaDeadLetterPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka adapter of the {@link BaseConsumer} port: it subscribes to the topics that have
 * handlers, polls, runs each record through its handler and commits an offset only once every
 * record before it in its partition is finished.
 *
 * <pre>{@code
 * try (KafkaBaseConsumerAdapter consumer = new KafkaBaseConsumerAdapter(config)) {
 *     app.registerHandlers(consumer);
 *     consumer.start();
 *     Thread loop = new Thread(consumer::listen, "kafkify-listener");
 *     loop.start();
 *     ...
 *     consumer.stop();
 * }
 * }</pre>
 *
 * <h2>Runtime</h2>
 * <ul>
 *   <li>The thread that calls {@link #listen()} owns the {@code KafkaConsumer}: it polls,
 *       hands records to handler threads, and commits. Handlers run on an executor (by default
 *       {@link KafkaConsumerConfig#maxConcurrency()} daemon threads; pass your own, such as
 *       virtual threads, with {@link Builder#executor}).</li>
 *   <li>Ordering per {@link KafkaConsumerConfig#ordering()}: by default the records of a
 *       partition are handled one at a time, in offset order.</li>
 *   <li>Commits: after each poll, one asynchronous commit of the partitions whose committable
 *       offset moved; synchronous on revoke and on stop. Never a commit per record.</li>
 *   <li>Memory: the records fetched and not yet committable stay within
 *       {@link KafkaConsumerConfig#maxBufferedRecords()}: a partition that holds half of them is
 *       paused alone, every partition when the next poll could cross the bound, while the loop
 *       keeps polling, so the consumer stays in its group.</li>
 *   <li>A record whose handler throws is tried again ({@link KafkaConsumerConfig#maxAttempts()},
 *       with exponential backoff and jitter) without blocking the poll loop; then the
 *       {@link KafkaConsumerConfig#failurePolicy()} takes it: dead letter (default), stop the
 *       partition, or skip. Undecodable and invalid payloads are not retried. Nothing past a
 *       record is committed before it is handled, dead-lettered or skipped. A handler that
 *       throws a {@link VirtualMachineError} fails the consumer.</li>
 *   <li>A record no handler takes is logged (once per topic and code), counted and
 *       committed, as the documented library does.</li>
 *   <li>While no broker answers, the loop keeps trying and the state says
 *       {@link ConsumerStatus#DISCONNECTED}. An authentication or authorization failure is not
 *       retried: the state becomes {@link ConsumerStatus#FAILED} and {@code listen()} throws
 *       a {@link ConsumerStateException} naming what was denied.</li>
 * </ul>
 *
 * <p>The class is a facade: the poll loop ({@code PollLoop}), the commits
 * ({@code OffsetCommitter}), the partitions and their pauses ({@code PartitionFlow}) and the
 * rebalance callbacks ({@link RebalanceHandler}) each have a class of their own, around the
 * engine that decides ({@code ProcessingEngine}).
 *
 * <p>Threading: register handlers and call {@link #start()} from one thread;
 * {@link #listen()} blocks its thread; {@link #stop()}, {@link #resume} and {@link #state()}
 * may be called from any thread, handler threads included.
 */
public final class KafkaBaseConsumerAdapter implements BaseConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBaseConsumerAdapter.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConsumerConfig config;
    private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory;
    private final @Nullable ConsumerRebalanceListener applicationListener;
    private final ClientMetrics clientMetrics;
    private final HandlerThreads threads;
    private final DeadLetterPublisher deadLetterPublisher;
    private final ProcessingEngine engine;
    private final Status status = new Status();
    private final Object lifecycle = new Object();
    private final AtomicBoolean shutDownClaimed = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private volatile boolean stopRequested;
    private volatile @Nullable Consumer<byte[], byte[]> consumer;
    private volatile @Nullable Thread listener;
    private boolean startedWithoutHandlers;
    private volatile @Nullable PartitionFlow flow;
    private @Nullable OffsetCommitter committer;

    /**
     * An adapter with the default decoding: UTF-8 keys, JSON values.
     *
     * @param config the validated configuration
     */
    public KafkaBaseConsumerAdapter(KafkaConsumerConfig config) {
        this(builder(config));
    }

    /**
     * An adapter with the application's own decoders, as the documented library's
     * {@code key_deserializer} and {@code value_deserializer}; routing reads the code from what
     * the value decoder returns when it is a {@code Map} (see {@link Builder#codeExtractor}).
     *
     * @param config the validated configuration
     * @param keyDecoder decodes keys
     * @param valueDecoder decodes values
     */
    public KafkaBaseConsumerAdapter(KafkaConsumerConfig config, Decoder keyDecoder, Decoder valueDecoder) {
        this(builder(config).keyDecoder(keyDecoder).valueDecoder(valueDecoder));
    }

    private KafkaBaseConsumerAdapter(Builder builder) {
        this.config = builder.config;
        this.consumerFactory = builder.consumerFactory;
        this.applicationListener = builder.rebalanceListener;
        this.clientMetrics = new ClientMetrics(builder.clientMetrics);
        this.threads = new HandlerThreads(config, builder.executor);
        this.deadLetterPublisher = builder.deadLetterPublisher != null ? builder.deadLetterPublisher
                : new KafkaDeadLetterPublisher(config.toDeadLetterProducerProperties(), config.createDeadLetterTopics());
        ProcessingEngine.Builder engineBuilder = builder.engineBuilder(config, config.toProcessingPolicy())
                .executor(threads.executor())
                .scheduler(threads.scheduler())
                .deadLetters(deadLetterPublisher)
                .observer(new OutcomeLog(KafkaBaseConsumerAdapter.class, config.failurePolicy()))
                .observer(new RecordMdc())
                .bounds(config.maxBufferedRecords(), config.maxPollRecords())
                .maxUnfinishedAge(config.maxUnfinishedAge())
                .wakeUp(this::wakeUpPoll);
        builder.observers.forEach(engineBuilder::observer);
        this.engine = engineBuilder.build();
    }

    /**
     * @param config the validated configuration
     * @return a builder for an adapter with other decoders, mapper, executor or listener
     */
    public static Builder builder(KafkaConsumerConfig config) {
        return new Builder(config);
    }

    /** @return the configuration this adapter runs with */
    public KafkaConsumerConfig config() {
        return config;
    }

    @Override
    public void register(HandlerRegistration registration) {
        synchronized (lifecycle) {
            if (consumer != null || stopRequested) {
                throw new ConsumerStateException("Cannot register " + registration.description()
                        + ": the consumer has started. Register every handler before start().");
            }
            engine.register(RecordMdc.withCode(registration));
        }
    }

    /**
     * Creates the {@code KafkaConsumer} and subscribes to every topic that has a handler, with
     * the {@link RebalanceHandler}. With no handler registered it logs a warning and does not
     * start ({@link #listen()} then returns at once). Calling it again is harmless. Does not
     * block on the broker: connecting happens in {@link #listen()}.
     */
    @Override
    public void start() {
        synchronized (lifecycle) {
            if (consumer != null || stopRequested || startedWithoutHandlers) {
                return;
            }
            if (engine.hasNoHandlers()) {
                startedWithoutHandlers = true;
                status.set(ConsumerStatus.STOPPED);
                LOG.warn("No handlers are registered, so the consumer of group {} does not start. Register "
                        + "handlers with get(...) or a ConsumerRouter before start().", config.groupId());
                return;
            }
            List<String> topics = new ArrayList<>(engine.topics());
            Collections.sort(topics);
            Consumer<byte[], byte[]> created = consumerFactory.apply(config.toConsumerProperties());
            flow = new PartitionFlow(created);
            committer = new OffsetCommitter(created, engine, config.enableAutoCommit(), config.shutdownTimeout());
            created.subscribe(topics, new RebalanceHandler(engine, flow, committer, status, config, applicationListener));
            consumer = created;
            clientMetrics.bind(created);
            LOG.info("Kafkify consumer of group {} subscribed to {} with {}", config.groupId(), topics,
                    config.toMaskedMap());
        }
    }

    /**
     * Polls and dispatches until {@link #stop()}, then drains, commits and closes. Blocks the
     * calling thread, which becomes the one thread that uses the {@code KafkaConsumer}.
     *
     * @throws ConsumerStateException when called before {@link #start()}, when another thread
     *     is already listening, or when the consumer failed for good (authentication,
     *     authorization, no offset to reset to, a handler's {@link VirtualMachineError}); the
     *     message names the cause
     */
    @Override
    public void listen() {
        synchronized (lifecycle) {
            if (startedWithoutHandlers) {
                LOG.warn("listen() returns at once: the consumer did not start because no handlers are registered.");
                return;
            }
            if (consumer == null) {
                if (stopRequested) {
                    return;
                }
                throw new ConsumerStateException("listen() was called before start(). Call start() first, then "
                        + "listen() on the thread that should poll.");
            }
            if (listener != null) {
                throw new ConsumerStateException("listen() is already running on thread " + listener.getName()
                        + ". One thread polls a consumer; call stop() to end it.");
            }
            if (stopRequested) {
                awaitClosed();
                return;
            }
            listener = Thread.currentThread();
        }
        RuntimeException failure = null;
        try {
            new PollLoop(consumer, engine, flow, committer, status, config).run(() -> stopRequested);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            shutDownOnce(failure == null);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Stops gracefully: wakes the poll, stops fetching, lets running records finish (up to
     * {@link KafkaConsumerConfig#shutdownTimeout()}), commits what finished, and closes the
     * consumer. Idempotent; callable from any thread, including a JVM shutdown hook. Called from
     * another thread than the listener, it returns once the consumer is closed (or the timeout
     * has passed). Called from a handler (or the listener) it only asks for the stop and returns
     * at once, so that the handler's own record finishes and is committed.
     */
    @Override
    public void stop() {
        boolean closeHere;
        synchronized (lifecycle) {
            stopRequested = true;
            closeHere = listener == null && consumer != null && !engine.isHandlerThread();
        }
        if (consumer == null) {
            status.set(ConsumerStatus.STOPPED);
            threads.close(Duration.ZERO);
            return;
        }
        if (closeHere) {
            shutDownOnce(true);
            awaitClosed();
            return;
        }
        consumer.wakeup();
        if (!engine.isHandlerThread() && listener != Thread.currentThread()) {
            awaitClosed();
        }
    }

    @Override
    public ConsumerState state() {
        EngineState engineState = engine.state();
        List<PartitionId> assigned = flow == null ? List.of() : flow.assignedView();
        return new ConsumerState(status.get(), assigned, engineState.stoppedPartitions(), engineState.lastError(),
                engineState.handled(), engineState.unrouted(), engineState.failed(), engineState.deadLettered(),
                engineState.skipped(), engineState.buffered(), engineState.partitions(),
                engineState.stuckPartitions());
    }

    /**
     * Resumes a partition halted by the {@link FailurePolicy#STOP} policy, once the cause of
     * the failure is fixed: the partition is fetched again from its lowest unfinished record
     * (the failed one, or one before it that had not finished when it stopped), with fresh
     * attempts. Callable from any thread; it takes effect on the polling thread, once the
     * partition's running records are done. Does nothing for a partition that is not stopped.
     *
     * @param partition the stopped partition, as {@link ConsumerState#stoppedPartitions()} lists it
     */
    public void resume(PartitionId partition) {
        engine.resume(Objects.requireNonNull(partition, "partition"));
    }

    private void wakeUpPoll() {
        Consumer<byte[], byte[]> polling = consumer;
        if (polling != null && listener != null && !stopRequested) {
            polling.wakeup();
        }
    }

    private void awaitClosed() {
        try {
            if (!closed.await(config.shutdownTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                LOG.warn("stop() gave up waiting for the consumer of group {} to close", config.groupId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ shutdown

    /** Exactly one thread shuts down: the listener, or the first stop() before listen(); the others wait. */
    private void shutDownOnce(boolean graceful) {
        if (!shutDownClaimed.compareAndSet(false, true)) {
            return;
        }
        try {
            Map<PartitionId, Long> offsets = engine.stop(graceful ? config.shutdownTimeout() : Duration.ZERO);
            if (!status.clientFailed()) {
                committer.commitSync(offsets, "on stop");
            }
            try {
                consumer.close(CLOSE_TIMEOUT.compareTo(config.shutdownTimeout()) < 0 ? CLOSE_TIMEOUT
                        : config.shutdownTimeout());
            } catch (RuntimeException e) {
                LOG.warn("Closing the consumer of group {} failed: {}", config.groupId(), e.toString());
            }
            clientMetrics.close();
            threads.close(Duration.ofSeconds(1));
            if (deadLetterPublisher instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("Closing the dead-letter producer failed: {}", e.toString());
                }
            }
            flow.clear();
            status.set(ConsumerStatus.STOPPED);
            EngineState done = engine.state();
            LOG.info("Kafkify consumer of group {} stopped: {} handled, {} unrouted, {} failed attempts, {} "
                    + "dead-lettered, {} skipped", config.groupId(), done.handled(), done.unrouted(), done.failed(),
                    done.deadLettered(), done.skipped());
        } finally {
            stopRequested = true;
            closed.countDown();
        }
    }

    /** Settings of a {@link KafkaBaseConsumerAdapter} beyond its configuration; decoding options come from {@link DecodingOptions}. */
    public static final class Builder extends DecodingOptions<Builder> {
        private final KafkaConsumerConfig config;
        private java.util.concurrent.@Nullable Executor executor;
        private @Nullable ConsumerRebalanceListener rebalanceListener;
        private @Nullable DeadLetterPublisher deadLetterPublisher;
        private final List<EngineObserver> observers = new ArrayList<>();
        private Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory = KafkaConsumer::new;
        private @Nullable Function<? super Consumer<?, ?>, ? extends AutoCloseable> clientMetrics;

        private Builder(KafkaConsumerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Runs handlers on the application's executor instead of Kafkify's pool. Kafkify never
         * shuts it down. On Java 21+, {@code Executors.newVirtualThreadPerTaskExecutor()} gives
         * a virtual thread per lane; {@code maxConcurrency} still bounds handlers in flight.
         *
         * @param handlerExecutor the executor
         * @return this builder
         */
        public Builder executor(java.util.concurrent.Executor handlerExecutor) {
            this.executor = Objects.requireNonNull(handlerExecutor, "handlerExecutor");
            return this;
        }

        /**
         * @param listener the application's own rebalance callbacks, called after Kafkify's
         * @return this builder
         */
        public Builder rebalanceListener(ConsumerRebalanceListener listener) {
            this.rebalanceListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Replaces how the {@code KafkaConsumer} is created, e.g. to wrap it for tracing.
         *
         * @param factory makes a consumer from the properties of {@link KafkaConsumerConfig#toConsumerProperties()}
         * @return this builder
         */
        public Builder consumerFactory(Function<Map<String, Object>, Consumer<byte[], byte[]>> factory) {
            this.consumerFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Replaces how dead letters are published (by default with a Kafka producer built from
         * {@link KafkaConsumerConfig#toDeadLetterProducerProperties()}).
         *
         * @param publisher the publisher; closed on stop if it is {@link AutoCloseable}
         * @return this builder
         */
        public Builder deadLetterPublisher(DeadLetterPublisher publisher) {
            this.deadLetterPublisher = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        /**
         * Adds an observer of the engine: metrics ({@code consumers-micrometer}), tracing
         * ({@code consumers-opentelemetry}), or the application's own. Call once per observer;
         * each is told every event, after Kafkify's own logging and MDC, in the order added. What
         * an observer throws never reaches a record; it shows in {@link ConsumerState#lastError()}.
         *
         * @param observer the observer; called on handler threads and on the polling thread
         * @return this builder
         */
        public Builder observer(EngineObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Binds the Kafka client's own metrics (fetch rates, lag, request latencies...) while the
         * consumer runs. With Micrometer, one line:
         * {@code .clientMetrics(client -> metrics.bind(new KafkaClientMetrics(client)))}, where
         * {@code metrics} is the {@code KafkifyMetrics} of {@code consumers-micrometer}.
         *
         * <p>The function is called once, by {@link KafkaBaseConsumerAdapter#start()} on its thread, right after the
         * {@code KafkaConsumer} is created. It is given a view of the client that answers
         * {@code metrics()} only (any other method throws {@link UnsupportedOperationException}:
         * the client belongs to the polling thread). What it returns is closed once the consumer is
         * closed, on stop. If it throws, the consumer runs without the client's metrics and logs why.
         *
         * @param binder binds the client's metrics, and returns what unbinds them
         * @return this builder
         */
        public Builder clientMetrics(Function<? super Consumer<?, ?>, ? extends AutoCloseable> binder) {
            this.clientMetrics = Objects.requireNonNull(binder, "binder");
            return this;
        }

        /** @return the adapter */
        public KafkaBaseConsumerAdapter build() {
            return new KafkaBaseConsumerAdapter(this);
        }
    }
}
