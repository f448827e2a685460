package io.kafkify.consumers.engine;

import io.kafkify.consumers.domain.CodeExtractor;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PayloadBinder;
import io.kafkify.consumers.engine.internal.EngineCore;
import io.kafkify.consumers.engine.internal.RecordProcessor;
import io.kafkify.consumers.engine.spi.DeadLetterPublisher;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.EngineState;
import io.kafkify.consumers.engine.spi.FlowControl;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.kafkify.consumers.engine.spi.Scheduler;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The processing core of the hexagon, which every adapter drives: records of a poll go in; what
 * may be committed, which partitions to pause and where to seek, and the state come out. The
 * Kafka adapter and the in-memory adapter drive it alike, so a failure path tested in memory
 * behaves the same on a broker.
 *
 * <p>What it guarantees, whatever the ordering and the failure policy:
 * <ul>
 *   <li>An offset is offered for commit only once every record below it in its partition was
 *       handled, taken by no handler, dead-lettered (the publish acknowledged) or skipped by the
 *       SKIP policy.</li>
 *   <li>Records of a lane (a partition in {@code PARTITION} order, a key in {@code KEY} order)
 *       run one at a time, in offset order; at most {@code maxConcurrency} run at once.</li>
 *   <li>A failed record is retried after a backoff, without blocking the poll, then given to the
 *       failure policy. A failure on a halted partition (revoked, lost, stopping, restarting) is
 *       abandoned instead: left uncommitted for the partition's next owner. A
 *       {@link VirtualMachineError} fails the consumer ({@link EngineState#fatal()}).</li>
 *   <li>Records fetched and not committable stay within {@code maxBufferedRecords}: each
 *       partition is paused when it holds half of them, every partition when the next poll could
 *       cross the bound; a partition stuck behind one record pauses alone.</li>
 *   <li>A partition stopped by the STOP policy restarts on {@link #resume} from its lowest
 *       unfinished record; a partition whose fetch position moved back restarts there.</li>
 *   <li>Nothing an observer, a wake-up or an executor throws reaches the bookkeeping.</li>
 * </ul>
 *
 * <p>The types it takes and gives are in {@code io.kafkify.consumers.engine.spi}: its ports
 * ({@link Scheduler}, {@link EngineObserver}, {@link DeadLetterPublisher}) and the values that
 * cross them; how it works is in {@code ..engine.internal}, which no other module uses.
 *
 * <p>Threading: register handlers before the first {@link #accept}, from one thread;
 * {@link #assign}, {@link #accept}, {@link #flowControl}, {@link #commitReady},
 * {@link #committed}, {@link #commitFailed}, {@link #revoke}, {@link #lose} and {@link #stop}
 * are called by one thread, the one that polls; {@link #revoke} and {@link #stop} block it up to
 * their timeout. Handlers run on the executor. {@link #resume}, {@link #state()},
 * {@link #fatal()} and {@link #isHandlerThread()} may be called from any thread.
 */
public final class ProcessingEngine {

    /** How long work may stand before a partition counts as stuck, unless the builder says otherwise. */
    public static final Duration DEFAULT_MAX_UNFINISHED_AGE = Duration.ofSeconds(60);

    private final RecordProcessor processor;
    private final EngineCore core;

    private ProcessingEngine(Builder builder) {
        this.processor = new RecordProcessor(builder.keyDecoder, builder.valueDecoder, builder.codeExtractor,
                builder.binder);
        this.core = new EngineCore(processor, builder.policy, builder.executor, builder.scheduler,
                builder.deadLetters, List.copyOf(builder.observers), builder.maxBufferedRecords,
                builder.maxPollRecords, builder.wakeUp, builder.random, builder.maxUnfinishedAge);
    }

    /**
     * @param policy ordering, concurrency, retries and the failure policy
     * @return a builder; the decoders, the executor, the scheduler and the dead-letter publisher
     *     are required
     */
    public static Builder builder(ProcessingPolicy policy) {
        return new Builder(policy);
    }

    /**
     * Adds a handler to the routing table; a typed handler binds its payload first. Call before
     * the first record is accepted.
     *
     * @param registration the handler, its topic and its codes
     * @throws io.kafkify.consumers.domain.DuplicateHandlerException naming both handlers, when the
     *     topic and code (or the topic's default) has a handler already
     */
    public void register(HandlerRegistration registration) {
        processor.register(registration);
    }

    /** @return the topics that have handlers, the ones to subscribe to */
    public java.util.Set<String> topics() {
        return processor.topics();
    }

    /** @return true when no handler is registered */
    public boolean hasNoHandlers() {
        return processor.hasNoHandlers();
    }

    /**
     * Starts tracking newly assigned partitions. Records of a partition are accepted only once it
     * is assigned.
     *
     * @param partitions the partitions the consumer now owns
     */
    public void assign(Collection<PartitionId> partitions) {
        core.assign(partitions);
    }

    /**
     * Queues the records one poll fetched for one partition, in offset order, and starts
     * handlers for them. Records of a partition that is not assigned, halted, or whose first
     * offset is not above the offsets already taken (its position moved back) are dropped: the
     * partition is fetched again from the right place, as {@link #flowControl()} says.
     *
     * @param partition the partition
     * @param records its records, in offset order
     */
    public void accept(PartitionId partition, List<RawRecord> records) {
        core.accept(partition, records);
    }

    /**
     * What to apply before the next poll: seek the restarting partitions, then pause exactly the
     * partitions listed and resume every other assigned one.
     *
     * @return the paused partitions and the seeks
     */
    public FlowControl flowControl() {
        return core.flowControl();
    }

    /** @return for each partition whose committable offset moved since it was last offered, the offset to commit */
    public Map<PartitionId, Long> commitReady() {
        return core.commitReady();
    }

    /** @param offsets offsets the broker confirmed; a synchronous commit skips what it already has */
    public void committed(Map<PartitionId, Long> offsets) {
        core.committed(offsets);
    }

    /** @param offsets offsets whose commit failed; {@link #commitReady()} offers them again */
    public void commitFailed(Map<PartitionId, Long> offsets) {
        core.commitFailed(offsets);
    }

    /**
     * Tells the engine where partitions end, for their committed lag in
     * {@link EngineState#partitions()}. Polling thread.
     *
     * @param offsets each partition's end offset, as the client last saw it
     */
    public void endOffsets(Map<PartitionId, Long> offsets) {
        core.endOffsets(offsets);
    }

    /**
     * The partitions are revoked: no record of theirs starts any more, their waiting records and
     * retries are dropped, their running records are waited for up to the timeout, and then they
     * are forgotten. A record still running then is not committed; the next owner handles it.
     *
     * @param partitions the revoked partitions
     * @param timeout how long to wait for their running records
     * @return the offsets to commit synchronously now (those the broker does not have yet)
     */
    public Map<PartitionId, Long> revoke(Collection<PartitionId> partitions, Duration timeout) {
        return core.revoke(partitions, timeout);
    }

    /**
     * The partitions are lost (another member owns them already): forgotten at once, nothing
     * committed.
     *
     * @param partitions the lost partitions
     */
    public void lose(Collection<PartitionId> partitions) {
        core.lose(partitions);
    }

    /**
     * Stops for good: no record starts any more, running records are waited for up to the
     * timeout. Afterwards records are not accepted and every partition is paused.
     *
     * @param timeout how long to wait for running records
     * @return the offsets to commit synchronously now
     */
    public Map<PartitionId, Long> stop(Duration timeout) {
        return core.stop(timeout);
    }

    /**
     * Asks a partition stopped by the STOP policy to restart from its lowest unfinished record,
     * once its running records are done; it takes effect in {@link #flowControl()}, which says
     * where to seek. Does nothing for a partition that is not stopped. Any thread.
     *
     * @param partition the stopped partition
     */
    public void resume(PartitionId partition) {
        core.resume(partition);
    }

    /** @return a snapshot of counts, buffer, stopped partitions and errors; any thread */
    public EngineState state() {
        return core.state();
    }

    /** @return the error that fails the consumer (a handler's {@link VirtualMachineError}), or null; any thread, never blocks */
    public @Nullable Throwable fatal() {
        return core.fatal();
    }

    /**
     * Remembers an adapter's own trouble (a poll or a commit that failed, no broker reachable), so
     * that {@link EngineState#lastError()} is the last error of either. Any thread.
     *
     * @param reason what went wrong, readable
     */
    public void reportError(String reason) {
        core.reportError(reason);
    }

    /**
     * @return whether nothing is running, queued or waiting for a retry: every record accepted so
     *     far has reached its outcome, or was dropped by a halt; any thread
     */
    public boolean isIdle() {
        return core.isIdle();
    }

    /** @return whether the calling thread is running one of this engine's handlers (so it must not wait for them) */
    public boolean isHandlerThread() {
        return core.isHandlerThread();
    }

    EngineCore core() {
        return core;
    }

    /** How a {@link ProcessingEngine} is built. Not thread-safe. */
    public static final class Builder {
        private final ProcessingPolicy policy;
        private @Nullable Decoder keyDecoder;
        private @Nullable Decoder valueDecoder;
        private @Nullable CodeExtractor codeExtractor;
        private @Nullable PayloadBinder binder;
        private @Nullable Executor executor;
        private @Nullable Scheduler scheduler;
        private @Nullable DeadLetterPublisher deadLetters;
        private final List<EngineObserver> observers = new java.util.ArrayList<>();
        private Duration maxUnfinishedAge = DEFAULT_MAX_UNFINISHED_AGE;
        private int maxBufferedRecords = 10_000;
        private int maxPollRecords = 500;
        private Runnable wakeUp = () -> { };
        private Random random = new Random();

        private Builder(ProcessingPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /**
         * @param keys decodes keys
         * @param values decodes values
         * @param codes reads the routing code from a decoded value
         * @param payloads binds values for typed handlers
         * @return this builder
         */
        public Builder decoding(Decoder keys, Decoder values, CodeExtractor codes, PayloadBinder payloads) {
            this.keyDecoder = Objects.requireNonNull(keys, "keys");
            this.valueDecoder = Objects.requireNonNull(values, "values");
            this.codeExtractor = Objects.requireNonNull(codes, "codes");
            this.binder = Objects.requireNonNull(payloads, "payloads");
            return this;
        }

        /**
         * @param handlerExecutor runs handlers; the engine never gives it more than
         *     {@code maxConcurrency} tasks at once, so it needs no bound of its own
         * @return this builder
         */
        public Builder executor(Executor handlerExecutor) {
            this.executor = Objects.requireNonNull(handlerExecutor, "handlerExecutor");
            return this;
        }

        /**
         * @param time the clock, retry timers and bounded waits ({@link SystemScheduler} in production)
         * @return this builder
         */
        public Builder scheduler(Scheduler time) {
            this.scheduler = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * @param publisher publishes dead letters
         * @return this builder
         */
        public Builder deadLetters(DeadLetterPublisher publisher) {
            this.deadLetters = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        /**
         * Adds an observer; call it once per observer. Each is told of every event, in the order
         * they were added (default: nobody, which costs nothing).
         *
         * @param engineObserver told of attempts, outcomes, commits and partitions
         * @return this builder
         */
        public Builder observer(EngineObserver engineObserver) {
            observers.add(Objects.requireNonNull(engineObserver, "engineObserver"));
            return this;
        }

        /**
         * @param maxAge how long a partition's oldest unfinished record, or its committable offset
         *     while records wait, may stand before {@link EngineState#stuckPartitions()} names it
         *     (default 60 s, SmallRye's {@code throttled.unprocessed-record-max-age.ms})
         * @return this builder
         */
        public Builder maxUnfinishedAge(Duration maxAge) {
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("maxUnfinishedAge must be positive; was " + maxAge);
            }
            this.maxUnfinishedAge = maxAge;
            return this;
        }

        /**
         * @param maxBuffered records fetched and not committable, at most (default 10,000)
         * @param maxPoll the most records one poll returns (default 500); at most half of
         *     {@code maxBuffered}, so that one partition stuck behind a record cannot keep the others
         *     from being fetched
         * @return this builder
         */
        public Builder bounds(int maxBuffered, int maxPoll) {
            if (maxPoll < 1 || maxBuffered < 2L * maxPoll) {
                throw new IllegalArgumentException("maxBuffered must be at least twice maxPoll, and maxPoll at least 1;"
                        + " were " + maxBuffered + " and " + maxPoll);
            }
            this.maxBufferedRecords = maxBuffered;
            this.maxPollRecords = maxPoll;
            return this;
        }

        /**
         * @param wake wakes the polling thread when the flow control may have changed (a buffer
         *     drained, a retry is due, a resume was asked); default: nothing, the next poll sees it
         * @return this builder
         */
        public Builder wakeUp(Runnable wake) {
            this.wakeUp = Objects.requireNonNull(wake, "wake");
            return this;
        }

        /**
         * @param jitter draws retry jitter (a seeded one for deterministic tests)
         * @return this builder
         */
        public Builder random(Random jitter) {
            this.random = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /**
         * @return the engine
         * @throws IllegalArgumentException for the REJECT failure policy, which only share groups have
         */
        public ProcessingEngine build() {
            Objects.requireNonNull(keyDecoder, "decoders: call decoding(...)");
            Objects.requireNonNull(executor, "executor: call executor(...)");
            Objects.requireNonNull(scheduler, "scheduler: call scheduler(...)");
            Objects.requireNonNull(deadLetters, "deadLetters: call deadLetters(...)");
            if (policy.failurePolicy() == io.kafkify.consumers.domain.FailurePolicy.REJECT) {
                throw new IllegalArgumentException("The REJECT failure policy needs a share group: a classic consumer "
                        + "group has no per-record acknowledgement to reject a record with. Use KafkaShareConsumerAdapter, "
                        + "or choose DEAD_LETTER, STOP or SKIP");
            }
            return new ProcessingEngine(this);
        }
    }
}
