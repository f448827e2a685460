package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.BaseConsumer;
import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.engine.AcknowledgingEngine;
import io.kafkify.consumers.engine.spi.DeadLetterPublisher;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.EngineState;
import io.kafkify.consumers.infrastructure.internal.KafkaDeadLetterPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The share-group adapter of the {@link BaseConsumer} port (Kafka queues, KIP-932): members of a
 * share group work the same partitions together, and each record is acknowledged on its own. The
 * registration API, the routing, typed and validated payloads, retries and dead letters are the
 * same as {@link KafkaBaseConsumerAdapter}'s, built from the same {@link KafkaConsumerConfig}.
 *
 * <pre>{@code
 * KafkaConsumerConfig config = KafkaConsumerConfig.builder()
 *         .bootstrapServers("localhost:9092").groupId("mailer")
 *         .ordering(Ordering.UNORDERED)            // required: a share group does not order
 *         .build();
 * try (KafkaShareConsumerAdapter consumer = new KafkaShareConsumerAdapter(config)) {
 *     consumer.get("mail-requests", message -> send(message.value()));
 *     Listening listening = consumer.listenInBackground();
 *     ...
 *     listening.stop();
 * }
 * }</pre>
 *
 * <h2>Acknowledgement</h2>
 * <ul>
 *   <li>Handled, taken by no handler, skipped: ACCEPT.</li>
 *   <li>A retryable failure with attempts left ({@link KafkaConsumerConfig#maxAttempts()}): the
 *       record is kept, its lock renewed, for the retry's backoff, then RELEASEd; the broker
 *       delivers it again (to any member) with its delivery count one higher, which
 *       {@link io.kafkify.consumers.domain.Message#deliveryCount()} shows.</li>
 *   <li>After the last attempt, on a non-retryable failure, or on the group's last delivery
 *       ({@code share.delivery.count.limit}, read from the broker when {@link #listen()} starts):
 *       the failure policy. DEAD_LETTER publishes to {@code <topic>.DLT} and ACCEPTs once the
 *       publish is acknowledged; SKIP ACCEPTs; REJECT REJECTs, and the broker archives the record.
 *       STOP is refused.</li>
 *   <li>A handler that runs longer than the acquisition lock keeps it: the loop RENEWs it.</li>
 * </ul>
 *
 * <h2>State</h2>
 * A share consumer does not expose its assignment, so {@link #state()} reports as the member's
 * partitions those it holds acquired, unacknowledged records of, each with the age of the oldest
 * held record; past {@link KafkaConsumerConfig#maxUnfinishedAge()} the partition is stuck and
 * {@link ConsumerState#healthy()} false. A share group has no committed offset per member: the
 * progress reports {@code committable} and {@code endOffset} as -1 and a committed lag of 0. While
 * no broker has answered for 5 s the status is {@link ConsumerStatus#DISCONNECTED}, and RUNNING
 * again once one does.
 *
 * <p>Ordering is UNORDERED by nature; a configuration with another ordering is refused, the
 * default PARTITION included. Threading: register handlers and call {@link #start()} from one
 * thread; {@link #listen()} blocks its thread, the only one that uses the
 * {@code KafkaShareConsumer}; {@link #stop()} and {@link #state()} may be called from any thread.
 */
public final class KafkaShareConsumerAdapter implements BaseConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaShareConsumerAdapter.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConsumerConfig config;
    private final Function<Map<String, Object>, ShareConsumer<byte[], byte[]>> consumerFactory;
    private final HandlerThreads threads;
    private final DeadLetterPublisher deadLetterPublisher;
    private final AcknowledgingEngine engine;
    private final @Nullable Integer deliveryLimit;
    private final Status status = new Status();
    private final Object lifecycle = new Object();
    private final AtomicBoolean shutDownClaimed = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private volatile boolean stopRequested;
    private volatile @Nullable ShareConsumer<byte[], byte[]> consumer;
    private volatile @Nullable Thread listener;
    private volatile @Nullable ShareLoop loop;
    private boolean startedWithoutHandlers;

    /**
     * An adapter with the default decoding: UTF-8 keys, JSON values.
     *
     * @param config the validated configuration, with {@code ordering} UNORDERED
     * @throws io.kafkify.consumers.domain.InvalidConfigurationException naming what a share group cannot do
     */
    public KafkaShareConsumerAdapter(KafkaConsumerConfig config) {
        this(builder(config));
    }

    /**
     * @param config the validated configuration, with {@code ordering} UNORDERED
     * @param keyDecoder decodes keys
     * @param valueDecoder decodes values
     */
    public KafkaShareConsumerAdapter(KafkaConsumerConfig config, Decoder keyDecoder, Decoder valueDecoder) {
        this(builder(config).keyDecoder(keyDecoder).valueDecoder(valueDecoder));
    }

    private KafkaShareConsumerAdapter(Builder builder) {
        ShareGroupSettings.check(builder.config);
        this.config = builder.config;
        this.consumerFactory = builder.consumerFactory;
        this.deliveryLimit = builder.deliveryLimit;
        this.threads = new HandlerThreads(config, builder.executor);
        this.deadLetterPublisher = builder.deadLetterPublisher != null ? builder.deadLetterPublisher
                : new KafkaDeadLetterPublisher(config.toDeadLetterProducerProperties(), config.createDeadLetterTopics());
        AcknowledgingEngine.Builder engineBuilder = builder.acknowledgingEngineBuilder(config, config.toProcessingPolicy())
                .scheduler(threads.scheduler())
                .deadLetters(deadLetterPublisher)
                .observer(new OutcomeLog(KafkaShareConsumerAdapter.class, config.failurePolicy()))
                .observer(new RecordMdc());
        builder.observers.forEach(engineBuilder::observer);
        this.engine = engineBuilder.build();
    }

    /**
     * @param config the validated configuration, with {@code ordering} UNORDERED
     * @return a builder for an adapter with other decoders, executor, publisher or observers
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
     * Creates the {@code KafkaShareConsumer} (explicit acknowledgement) and subscribes to every
     * topic that has a handler. With no handler it warns and does not start. Calling it again is
     * harmless. Does not block on the broker.
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
                LOG.warn("No handlers are registered, so the share consumer of group {} does not start. Register "
                        + "handlers with get(...) or a ConsumerRouter before start().", config.groupId());
                return;
            }
            List<String> topics = new ArrayList<>(engine.topics());
            Collections.sort(topics);
            ShareConsumer<byte[], byte[]> created = consumerFactory.apply(ShareGroupSettings.consumerProperties(config));
            created.subscribe(topics);
            consumer = created;
            LOG.info("Kafkify share consumer of group {} subscribed to {} with {}", config.groupId(), topics,
                    config.toMaskedMap());
        }
    }

    /**
     * Reads the group's delivery limit, then polls, handles and acknowledges until {@link #stop()};
     * then drains, acknowledges and closes.
     *
     * @throws ConsumerStateException when called before {@link #start()}, when another thread is
     *     listening, or when the consumer failed for good; the message names the cause
     */
    @Override
    public void listen() {
        synchronized (lifecycle) {
            if (startedWithoutHandlers) {
                LOG.warn("listen() returns at once: the share consumer did not start because no handlers are registered.");
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
            int limit = deliveryLimit != null ? deliveryLimit : ShareGroupSettings.deliveryLimit(config);
            ShareLoop created = new ShareLoop(consumer, engine, threads.executor(), status, config, limit);
            loop = created;
            created.run(() -> stopRequested);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            shutDownOnce();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Stops gracefully: no new record starts, running ones finish (up to
     * {@link KafkaConsumerConfig#shutdownTimeout()}) and are acknowledged, records not started and
     * retries waiting are released, the acknowledgements are committed, and the consumer closes.
     * Idempotent, any thread; from a handler it only asks for the stop.
     */
    @Override
    public void stop() {
        boolean closeHere;
        synchronized (lifecycle) {
            stopRequested = true;
            ShareLoop running = loop;
            closeHere = listener == null && consumer != null && (running == null || !running.isHandlerThread());
        }
        ShareConsumer<byte[], byte[]> current = consumer;
        if (current == null) {
            status.set(ConsumerStatus.STOPPED);
            threads.close(Duration.ZERO);
            return;
        }
        if (closeHere) {
            shutDownOnce();
            awaitClosed();
            return;
        }
        current.wakeup();
        ShareLoop running = loop;
        if (running != null) {
            running.wake();
        }
        boolean handler = running != null && running.isHandlerThread();
        if (!handler && listener != Thread.currentThread()) {
            awaitClosed();
        }
    }

    @Override
    public ConsumerState state() {
        ShareLoop running = loop;
        EngineState engineState = engine.state(running == null ? 0 : running.held());
        HeldRecords.Snapshot held = running == null ? HeldRecords.Snapshot.NONE : running.heldRecords();
        return new ConsumerState(status.get(), held.partitions(), List.of(), engineState.lastError(),
                engineState.handled(), engineState.unrouted(), engineState.failed(), engineState.deadLettered(),
                engineState.skipped(), engineState.buffered(), held.progress(), held.stuck());
    }

    private void awaitClosed() {
        try {
            if (!closed.await(config.shutdownTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                LOG.warn("stop() gave up waiting for the share consumer of group {} to close", config.groupId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutDownOnce() {
        if (!shutDownClaimed.compareAndSet(false, true)) {
            return;
        }
        try {
            ShareConsumer<byte[], byte[]> current = consumer;
            if (!status.clientFailed()) {
                commitAcknowledgements(current);
            }
            try {
                current.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("Closing the share consumer of group {} failed: {}", config.groupId(), e.toString());
            }
            threads.close(Duration.ofSeconds(1));
            if (deadLetterPublisher instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("Closing the dead-letter producer failed: {}", e.toString());
                }
            }
            status.set(ConsumerStatus.STOPPED);
            EngineState done = engine.state(0);
            LOG.info("Kafkify share consumer of group {} stopped: {} handled, {} unrouted, {} failed attempts, {} "
                    + "dead-lettered, {} skipped", config.groupId(), done.handled(), done.unrouted(), done.failed(),
                    done.deadLettered(), done.skipped());
        } finally {
            stopRequested = true;
            closed.countDown();
        }
    }

    /** Commits what was acknowledged; a wake-up that stop() left pending is used up by the first try. */
    private void commitAcknowledgements(ShareConsumer<byte[], byte[]> current) {
        for (int tries = 0; tries < 2; tries++) {
            try {
                current.commitSync(CLOSE_TIMEOUT);
                return;
            } catch (WakeupException e) {
                // stop() woke the client after the loop's last poll: try once more.
            } catch (KafkaException e) {
                LOG.warn("Committing the acknowledgements of share group {} failed: {}", config.groupId(), e.toString());
                return;
            }
        }
    }

    /** Settings of a {@link KafkaShareConsumerAdapter} beyond its configuration. */
    public static final class Builder extends DecodingOptions<Builder> {
        private final KafkaConsumerConfig config;
        private @Nullable Executor executor;
        private @Nullable DeadLetterPublisher deadLetterPublisher;
        private @Nullable Integer deliveryLimit;
        private final List<EngineObserver> observers = new ArrayList<>();
        private Function<Map<String, Object>, ShareConsumer<byte[], byte[]>> consumerFactory = KafkaShareConsumer::new;

        private Builder(KafkaConsumerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * @param handlerExecutor runs handlers instead of Kafkify's pool; never shut down by Kafkify.
         *     At most {@code maxConcurrency} handlers run at once whatever it is.
         * @return this builder
         */
        public Builder executor(Executor handlerExecutor) {
            this.executor = Objects.requireNonNull(handlerExecutor, "handlerExecutor");
            return this;
        }

        /**
         * @param factory makes the share consumer from the adapter's properties, e.g. to wrap it
         * @return this builder
         */
        public Builder consumerFactory(Function<Map<String, Object>, ShareConsumer<byte[], byte[]>> factory) {
            this.consumerFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * @param publisher publishes dead letters; closed on stop if {@link AutoCloseable}
         * @return this builder
         */
        public Builder deadLetterPublisher(DeadLetterPublisher publisher) {
            this.deadLetterPublisher = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        /**
         * Sets the group's delivery limit instead of reading it from the broker (which needs
         * DESCRIBE_CONFIGS on the group).
         *
         * @param limit the group's {@code share.delivery.count.limit}, at least 1
         * @return this builder
         */
        public Builder deliveryLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("deliveryLimit must be at least 1; was " + limit);
            }
            this.deliveryLimit = limit;
            return this;
        }

        /**
         * @param observer told of every attempt and outcome, after Kafkify's logging and MDC
         * @return this builder
         */
        public Builder observer(EngineObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /** @return the adapter */
        public KafkaShareConsumerAdapter build() {
            return new KafkaShareConsumerAdapter(this);
        }
    }
}
