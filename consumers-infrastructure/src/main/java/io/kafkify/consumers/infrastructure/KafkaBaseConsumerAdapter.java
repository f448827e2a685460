package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.BaseConsumer;
import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.StoppedPartition;
import io.kafkify.consumers.engine.DeadLetter;
import io.kafkify.consumers.engine.DeadLetterPublisher;
import io.kafkify.consumers.engine.Dispatcher;
import io.kafkify.consumers.infrastructure.internal.KafkaDeadLetterPublisher;
import io.kafkify.consumers.engine.RawRecord;
import io.kafkify.consumers.engine.RecordProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
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
 *   <li>Backpressure: when the records fetched and not finished would exceed
 *       {@link KafkaConsumerConfig#maxBufferedRecords()}, the partitions are paused while the
 *       loop keeps polling, so the consumer stays in its group.</li>
 *   <li>A record whose handler throws is tried again ({@link KafkaConsumerConfig#maxAttempts()},
 *       with exponential backoff and jitter) without blocking the poll loop; then the
 *       {@link KafkaConsumerConfig#failurePolicy()} takes it: dead letter (default), stop the
 *       partition, or skip. Undecodable and invalid payloads are not retried. Nothing past a
 *       record is committed before it is handled, dead-lettered or skipped.</li>
 *   <li>A record no handler takes is logged (once per topic and code), counted and
 *       committed, as the documented library does.</li>
 *   <li>While no broker answers, the loop keeps trying and the state says
 *       {@link ConsumerStatus#DISCONNECTED}. An authentication or authorization failure is not
 *       retried: the state becomes {@link ConsumerStatus#FAILED} and {@code listen()} throws
 *       a {@link ConsumerStateException} naming what was denied.</li>
 * </ul>
 *
 * <p>Threading: register handlers and call {@link #start()} from one thread;
 * {@link #listen()} blocks its thread; {@link #stop()} and {@link #state()} may be called from
 * any thread.
 */
public final class KafkaBaseConsumerAdapter implements BaseConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBaseConsumerAdapter.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long DISCONNECTED_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long CONNECTIVITY_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final KafkaConsumerConfig config;
    private final RecordProcessor processor;
    private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory;
    private final ConsumerRebalanceListener applicationListener;
    private final ExecutorService ownExecutor;
    private final ScheduledExecutorService retryScheduler;
    private final DeadLetterPublisher deadLetterPublisher;
    private final Dispatcher dispatcher;
    private final Queue<PartitionId> resumeRequests = new ConcurrentLinkedQueue<>();
    private final Object lifecycle = new Object();
    private final CountDownLatch closed = new CountDownLatch(1);

    private final LongAdder handled = new LongAdder();
    private final LongAdder unrouted = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Set<String> unroutedSeen = ConcurrentHashMap.newKeySet();

    private volatile ConsumerStatus status = ConsumerStatus.STARTING;
    private volatile String lastError;
    private volatile List<PartitionId> assignedView = List.of();
    private volatile boolean stopRequested;
    private volatile boolean backpressure;

    // Owned by the polling thread.
    private Consumer<byte[], byte[]> consumer;
    private Thread listener;
    private boolean startedWithoutHandlers;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final Map<TopicPartition, Long> confirmed = new HashMap<>();
    private volatile List<StoppedPartition> stoppedView = List.of();
    private long disconnectedSince = -1;
    private long nextConnectivityCheck;

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
        this.processor = builder.newProcessor();
        this.consumerFactory = builder.consumerFactory;
        this.applicationListener = builder.rebalanceListener;
        this.ownExecutor = builder.executor == null ? handlerPool(config) : null;
        this.retryScheduler = Executors.newSingleThreadScheduledExecutor(
                daemon("kafkify-retry-" + config.groupId() + "-", new AtomicInteger()));
        this.deadLetterPublisher = builder.deadLetterPublisher != null ? builder.deadLetterPublisher
                : new KafkaDeadLetterPublisher(config.toDeadLetterProducerProperties());
        this.dispatcher = new Dispatcher(processor, config.toProcessingPolicy(),
                builder.executor != null ? builder.executor : ownExecutor,
                (task, delay) -> retryScheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                deadLetterPublisher, new Outcomes());
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
            processor.register(registration);
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
            if (processor.hasNoHandlers()) {
                startedWithoutHandlers = true;
                status = ConsumerStatus.STOPPED;
                LOG.warn("No handlers are registered, so the consumer of group {} does not start. Register "
                        + "handlers with get(...) or a ConsumerRouter before start().", config.groupId());
                return;
            }
            List<String> topics = new ArrayList<>(processor.topics());
            Collections.sort(topics);
            consumer = consumerFactory.apply(config.toConsumerProperties());
            consumer.subscribe(topics, new RebalanceHandler(new Rebalances(), applicationListener));
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
     *     authorization, no offset to reset to); the message names the cause
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
                return;
            }
            listener = Thread.currentThread();
        }
        RuntimeException failure = null;
        try {
            pollUntilStopped();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            shutDown(failure == null);
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
     * has passed).
     */
    @Override
    public void stop() {
        boolean closeHere = false;
        Thread polling;
        synchronized (lifecycle) {
            stopRequested = true;
            polling = listener;
            if (polling == null && consumer != null && closed.getCount() > 0) {
                closeHere = true;
            }
        }
        if (closeHere) {
            shutDown(true);
            return;
        }
        if (polling == null) {
            if (consumer == null) {
                status = status == ConsumerStatus.FAILED ? ConsumerStatus.FAILED : ConsumerStatus.STOPPED;
                shutDownExecutor(Duration.ZERO);
                retryScheduler.shutdownNow();
            }
            return;
        }
        consumer.wakeup();
        if (polling != Thread.currentThread()) {
            try {
                if (!closed.await(config.shutdownTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                    LOG.warn("stop() gave up waiting for the consumer of group {} to close", config.groupId());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public ConsumerState state() {
        return new ConsumerState(status, assignedView, stoppedView, lastError, handled.sum(), unrouted.sum(),
                failed.sum(), deadLettered.sum(), skipped.sum(), dispatcher.buffered());
    }

    /**
     * Resumes a partition halted by the {@link FailurePolicy#STOP} policy, once the cause of
     * the failure is fixed: the partition is fetched again from the record it stopped at, with
     * fresh attempts. Callable from any thread; it takes effect on the polling thread, after
     * the partition's running records have finished. Does nothing for a partition that is not
     * stopped.
     *
     * @param partition the stopped partition, as {@link ConsumerState#stoppedPartitions()} lists it
     */
    public void resume(PartitionId partition) {
        resumeRequests.add(Objects.requireNonNull(partition, "partition"));
        Consumer<byte[], byte[]> polling = consumer;
        if (polling != null && listener != null) {
            polling.wakeup();
        }
    }

    // ------------------------------------------------------------------ the poll loop

    private void pollUntilStopped() {
        while (!stopRequested) {
            applyBackpressure();
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(POLL_TIMEOUT);
            } catch (WakeupException e) {
                continue;
            } catch (AuthenticationException | AuthorizationException e) {
                throw fail(describeDenied(e), e);
            } catch (InvalidOffsetException e) {
                throw fail("No committed offset and auto.offset.reset=" + config.autoOffsetReset() + " for "
                        + e.partitions() + ". Commit offsets for the group or choose earliest or latest.", e);
            } catch (InterruptException e) {
                Thread.currentThread().interrupt();
                throw fail("The polling thread was interrupted", e);
            } catch (KafkaException e) {
                lastError = e.toString();
                LOG.warn("Poll failed for group {}; polling again: {}", config.groupId(), e.toString());
                continue;
            }
            if (status == ConsumerStatus.STARTING && !assigned.isEmpty()) {
                status = ConsumerStatus.RUNNING;
            }
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> fetched = records.records(partition);
                List<RawRecord> raw = new ArrayList<>(fetched.size());
                for (ConsumerRecord<byte[], byte[]> record : fetched) {
                    raw.add(toRaw(record));
                }
                dispatcher.dispatchAll(toId(partition), raw);
            }
            resumeRequested();
            commitAsync(dispatcher.commitReady());
            checkConnectivity();
        }
    }

    /**
     * Pauses exactly the partitions that must not be fetched now, and resumes the others: all of
     * them while the buffer is full, those stopped at a failed record, and (in PARTITION order)
     * those whose next record waits for a retry, so that they do not fill the buffer.
     */
    private void applyBackpressure() {
        int buffered = dispatcher.buffered();
        int pauseAbove = config.maxBufferedRecords() - config.maxPollRecords();
        int resumeAt = Math.min(pauseAbove, config.maxBufferedRecords() / 2);
        if (!backpressure && buffered > pauseAbove) {
            backpressure = true;
            dispatcher.notifyWhenDrainedTo(resumeAt);
            LOG.debug("Buffered {} records: pausing fetches until {} are left", buffered, resumeAt);
        } else if (backpressure && buffered <= resumeAt) {
            backpressure = false;
        }
        List<StoppedPartition> stopped = new ArrayList<>();
        Set<TopicPartition> wanted = new HashSet<>();
        for (StoppedPartition partition : dispatcher.stopped()) {
            TopicPartition kafka = toKafka(partition.partition());
            if (assigned.contains(kafka)) {
                stopped.add(partition);
                wanted.add(kafka);
            }
        }
        stoppedView = List.copyOf(stopped);
        if (backpressure) {
            wanted.addAll(assigned);
        } else if (config.ordering() == Ordering.PARTITION) {
            for (PartitionId waiting : dispatcher.waitingForRetry()) {
                TopicPartition kafka = toKafka(waiting);
                if (assigned.contains(kafka)) {
                    wanted.add(kafka);
                }
            }
        }
        if (wanted.equals(paused)) {
            return;
        }
        List<TopicPartition> pause = new ArrayList<>();
        for (TopicPartition partition : wanted) {
            if (!paused.contains(partition)) {
                pause.add(partition);
            }
        }
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition partition : paused) {
            if (!wanted.contains(partition) && assigned.contains(partition)) {
                resume.add(partition);
            }
        }
        consumer.pause(pause);
        consumer.resume(resume);
        paused.clear();
        paused.addAll(wanted);
    }

    /** A stopped partition resumes from its failed record once its running records have finished. */
    private void resumeRequested() {
        int requests = resumeRequests.size();
        for (int i = 0; i < requests; i++) {
            PartitionId id = resumeRequests.poll();
            if (id == null) {
                return;
            }
            StoppedPartition stopped = null;
            for (StoppedPartition candidate : dispatcher.stopped()) {
                if (candidate.partition().equals(id)) {
                    stopped = candidate;
                }
            }
            TopicPartition partition = toKafka(id);
            if (stopped == null || !assigned.contains(partition)) {
                continue;
            }
            if (dispatcher.outstanding(id) > 0) {
                resumeRequests.add(id);
                continue;
            }
            long committable = dispatcher.reset(id);
            if (committable >= 0) {
                consumer.commitAsync(Map.of(partition, new OffsetAndMetadata(committable)), this::onCommitted);
            }
            consumer.seek(partition, stopped.offset());
            LOG.info("Resuming {} from offset {}, where it stopped: {}", partition, stopped.offset(), stopped.reason());
        }
    }

    private void commitAsync(Map<PartitionId, Long> ready) {
        if (ready.isEmpty() || config.enableAutoCommit()) {
            return;
        }
        consumer.commitAsync(toOffsets(ready), this::onCommitted);
    }

    private void onCommitted(Map<TopicPartition, OffsetAndMetadata> offsets, Exception error) {
        if (error == null) {
            offsets.forEach((partition, offset) -> confirmed.put(partition, offset.offset()));
            return;
        }
        LOG.debug("Asynchronous commit of {} failed; it is offered again: {}", offsets, error.toString());
        offsets.forEach((partition, offset) -> dispatcher.commitFailed(toId(partition), offset.offset()));
    }

    private void commitSync(Map<PartitionId, Long> offsets, String when) {
        if (offsets.isEmpty() || config.enableAutoCommit()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commits = toOffsets(offsets);
        // What the broker has confirmed already needs no second commit (nor a warning if it fails).
        commits.entrySet().removeIf(commit ->
                Long.valueOf(commit.getValue().offset()).equals(confirmed.get(commit.getKey())));
        if (commits.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.commitSync(commits, config.shutdownTimeout());
                commits.forEach((partition, offset) -> confirmed.put(partition, offset.offset()));
                LOG.debug("Committed {} {}", commits, when);
                return;
            } catch (WakeupException e) {
                if (attempt >= 3) {
                    LOG.warn("Commit of {} {} was interrupted by wake-ups; those records will be delivered again",
                            commits, when);
                    return;
                }
            } catch (KafkaException e) {
                lastError = e.toString();
                LOG.warn("Commit of {} {} failed; those records will be delivered again: {}", commits, when,
                        e.toString());
                return;
            }
        }
    }

    private void checkConnectivity() {
        long now = System.nanoTime();
        if (now - nextConnectivityCheck < 0) {
            return;
        }
        nextConnectivityCheck = now + CONNECTIVITY_CHECK_NANOS;
        double connections = connectionCount();
        if (connections > 0 || Double.isNaN(connections)) {
            if (status == ConsumerStatus.DISCONNECTED) {
                LOG.info("Consumer of group {} reached a broker again", config.groupId());
                status = assigned.isEmpty() ? ConsumerStatus.STARTING : ConsumerStatus.RUNNING;
            }
            disconnectedSince = -1;
            return;
        }
        if (disconnectedSince < 0) {
            disconnectedSince = now;
        } else if (now - disconnectedSince >= DISCONNECTED_AFTER_NANOS && status != ConsumerStatus.DISCONNECTED) {
            status = ConsumerStatus.DISCONNECTED;
            lastError = "No broker of " + config.bootstrapServers() + " reachable";
            LOG.warn("No broker of {} has answered for {} s; the consumer of group {} keeps trying", 
                    config.bootstrapServers(), TimeUnit.NANOSECONDS.toSeconds(now - disconnectedSince),
                    config.groupId());
        }
    }

    private double connectionCount() {
        for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if ("connection-count".equals(name.name()) && name.group().endsWith("consumer-metrics")) {
                Object value = metric.getValue().metricValue();
                return value instanceof Number number ? number.doubleValue() : Double.NaN;
            }
        }
        return Double.NaN;
    }

    private ConsumerStateException fail(String reason, Exception cause) {
        status = ConsumerStatus.FAILED;
        lastError = reason;
        LOG.error("Consumer of group {} failed and stops: {}", config.groupId(), reason, cause);
        return new ConsumerStateException(reason, cause);
    }

    private String describeDenied(Exception e) {
        if (e instanceof GroupAuthorizationException group) {
            return "Not authorized to use consumer group \"" + group.groupId() + "\": " + e.getMessage()
                    + ". Grant the principal READ on the group.";
        }
        if (e instanceof TopicAuthorizationException topic) {
            return "Not authorized to read topics " + topic.unauthorizedTopics() + ": " + e.getMessage()
                    + ". Grant the principal READ and DESCRIBE on them.";
        }
        if (e instanceof AuthenticationException) {
            return "Authentication with " + config.bootstrapServers() + " failed: " + e.getMessage()
                    + ". Check the SASL/TLS settings and credentials.";
        }
        return "Authorization failed: " + e.getMessage();
    }

    // ------------------------------------------------------------------ shutdown

    private void shutDown(boolean graceful) {
        try {
            if (consumer == null) {
                return;
            }
            List<PartitionId> owned = toIds(assigned);
            for (PartitionId id : dispatcher.partitions()) {
                if (!owned.contains(id)) {
                    owned.add(id);
                }
            }
            Duration drain = graceful ? config.shutdownTimeout() : Duration.ZERO;
            Map<PartitionId, Long> offsets = dispatcher.revoke(owned, drain);
            if (status != ConsumerStatus.FAILED) {
                commitSync(offsets, "on stop");
            }
            try {
                consumer.close(Duration.ofSeconds(5).compareTo(config.shutdownTimeout()) < 0
                        ? Duration.ofSeconds(5) : config.shutdownTimeout());
            } catch (RuntimeException e) {
                LOG.warn("Closing the consumer of group {} failed: {}", config.groupId(), e.toString());
            }
            shutDownExecutor(Duration.ofSeconds(1));
            retryScheduler.shutdownNow();
            if (deadLetterPublisher instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("Closing the dead-letter producer failed: {}", e.toString());
                }
            }
            assignedView = List.of();
            stoppedView = List.of();
            if (status != ConsumerStatus.FAILED) {
                status = ConsumerStatus.STOPPED;
            }
            LOG.info("Kafkify consumer of group {} stopped: {} handled, {} unrouted, {} failed attempts, {} "
                    + "dead-lettered, {} skipped", config.groupId(), handled.sum(), unrouted.sum(), failed.sum(),
                    deadLettered.sum(), skipped.sum());
        } finally {
            synchronized (lifecycle) {
                stopRequested = true;
            }
            closed.countDown();
        }
    }

    private void shutDownExecutor(Duration wait) {
        if (ownExecutor == null) {
            return;
        }
        ownExecutor.shutdown();
        try {
            if (!ownExecutor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                ownExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            ownExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ conversions

    private static RawRecord toRaw(ConsumerRecord<byte[], byte[]> record) {
        List<MessageHeader> headers;
        Header[] raw = record.headers().toArray();
        if (raw.length == 0) {
            headers = List.of();
        } else {
            headers = new ArrayList<>(raw.length);
            for (Header header : raw) {
                headers.add(new MessageHeader(header.key(), header.value()));
            }
        }
        return new RawRecord(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(Math.max(0, record.timestamp())), record.key(), record.value(), headers);
    }

    private static Map<TopicPartition, OffsetAndMetadata> toOffsets(Map<PartitionId, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
        offsets.forEach((id, offset) -> commits.put(toKafka(id), new OffsetAndMetadata(offset)));
        return commits;
    }

    private static TopicPartition toKafka(PartitionId id) {
        return new TopicPartition(id.topic(), id.partition());
    }

    private static PartitionId toId(TopicPartition partition) {
        return new PartitionId(partition.topic(), partition.partition());
    }

    private static List<PartitionId> toIds(Collection<TopicPartition> partitions) {
        List<PartitionId> ids = new ArrayList<>(partitions.size());
        for (TopicPartition partition : partitions) {
            ids.add(toId(partition));
        }
        return ids;
    }

    private void publishAssignment() {
        List<PartitionId> view = toIds(assigned);
        Collections.sort(view);
        assignedView = List.copyOf(view);
    }

    private static ExecutorService handlerPool(KafkaConsumerConfig config) {
        return Executors.newFixedThreadPool(config.maxConcurrency(),
                daemon("kafkify-handler-" + config.groupId() + "-", new AtomicInteger()));
    }

    private static ThreadFactory daemon(String prefix, AtomicInteger number) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ------------------------------------------------------------------ callbacks

    /** Rebalance callbacks: they run on the polling thread, inside poll(). */
    private final class Rebalances implements RebalanceHandler.Partitions {
        @Override
        public void revoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            status = ConsumerStatus.REBALANCING;
            Map<PartitionId, Long> offsets = dispatcher.revoke(toIds(partitions), config.revokeTimeout());
            commitSync(offsets, "on revoke");
            forget(partitions);
            LOG.info("Partitions revoked from group {} member: {}", config.groupId(), partitions);
        }

        @Override
        public void lost(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            status = ConsumerStatus.REBALANCING;
            dispatcher.lose(toIds(partitions));
            forget(partitions);
            LOG.warn("Partitions lost by group {} member, dropped without commit: {}", config.groupId(), partitions);
        }

        @Override
        public void assigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
            paused.removeAll(partitions);
            publishAssignment();
            if (backpressure && !partitions.isEmpty()) {
                consumer.pause(partitions);
                paused.addAll(partitions);
            }
            if (status != ConsumerStatus.FAILED && status != ConsumerStatus.DISCONNECTED) {
                status = ConsumerStatus.RUNNING;
            }
            if (!partitions.isEmpty()) {
                LOG.info("Partitions assigned to group {} member: {}", config.groupId(), partitions);
            }
        }

        private void forget(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
            paused.removeAll(partitions);
            partitions.forEach(confirmed::remove);
            publishAssignment();
        }
    }

    /** Outcomes of records; called on handler threads. */
    private final class Outcomes implements Dispatcher.Listener {
        @Override
        public void onOutcome(RecordOutcome outcome) {
            if (outcome instanceof RecordOutcome.Handled) {
                handled.increment();
            } else if (outcome instanceof RecordOutcome.Unrouted skipped) {
                unrouted.increment();
                String key = skipped.message().topic() + "/" + skipped.message().code();
                if (unroutedSeen.add(key)) {
                    LOG.warn("No handler for {} (code {}): skipped and committed, as documented. Further records "
                            + "of this topic and code are logged at DEBUG.", skipped.coordinates(),
                            skipped.message().code());
                } else {
                    LOG.debug("No handler for {} (code {}): skipped", skipped.coordinates(), skipped.message().code());
                }
            } else if (outcome instanceof RecordOutcome.Failed failure) {
                failed.increment();
                lastError = failure.coordinates() + ": " + failure.cause();
                if (failure.willRetry()) {
                    LOG.warn("Attempt {} at {} failed in {}; trying again after a backoff: {}", failure.attempt(),
                            failure.coordinates(), failure.handler(), failure.cause().toString());
                } else if (failure.retryable()) {
                    LOG.warn("Attempt {} at {} failed in {}; the failure policy {} takes it", failure.attempt(),
                            failure.coordinates(), failure.handler() == null ? "decoding" : failure.handler(),
                            config.failurePolicy(), failure.cause());
                } else {
                    // A payload problem or a declared non-retryable failure: the message is the whole story.
                    LOG.warn("{} cannot be handled by {} and is not retried; the failure policy {} takes it: {}",
                            failure.coordinates(), failure.handler() == null ? "decoding" : failure.handler(),
                            config.failurePolicy(), failure.reason());
                }
            } else if (outcome instanceof RecordOutcome.DeadLettered dead) {
                deadLettered.increment();
                LOG.warn("Record {} was published to {} after {} attempts: {}", dead.coordinates(),
                        dead.deadLetterTopic(), dead.failure().attempt(), dead.failure().reason());
            } else if (outcome instanceof RecordOutcome.Skipped skip) {
                skipped.increment();
                LOG.warn("Record {} is skipped and committed (failure policy SKIP): {}", skip.coordinates(),
                        skip.failure().reason());
            } else if (outcome instanceof RecordOutcome.Stopped stop) {
                lastError = "Partition stopped at " + stop.coordinates() + ": " + stop.failure().reason();
                LOG.error("Partition of {} is stopped at this record (failure policy STOP): nothing past it is "
                        + "handled or committed until resume(partition) is called. Cause: {}", stop.coordinates(),
                        stop.failure().reason());
            }
        }

        @Override
        public void onPublishFailed(DeadLetter deadLetter, Exception error) {
            lastError = "Cannot publish " + deadLetter.original().coordinates() + " to " + deadLetter.topic() + ": "
                    + error;
            LOG.warn("Publishing {} to {} failed; it is not committed and is published again after a backoff: {}",
                    deadLetter.original().coordinates(), deadLetter.topic(), error.toString());
        }

        @Override
        public void onDrained() {
            if (backpressure) {
                consumer.wakeup();
            }
        }
    }

    /** Settings of a {@link KafkaBaseConsumerAdapter} beyond its configuration; decoding options come from {@link DecodingOptions}. */
    public static final class Builder extends DecodingOptions<Builder> {
        private final KafkaConsumerConfig config;
        private java.util.concurrent.Executor executor;
        private ConsumerRebalanceListener rebalanceListener;
        private DeadLetterPublisher deadLetterPublisher;
        private Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory = KafkaConsumer::new;

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

        /** @return the adapter */
        public KafkaBaseConsumerAdapter build() {
            return new KafkaBaseConsumerAdapter(this);
        }
    }
}
