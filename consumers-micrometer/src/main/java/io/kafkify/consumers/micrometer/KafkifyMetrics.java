package io.kafkify.consumers.micrometer;

import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PartitionProgress;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.AttemptScope;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of a Kafkify consumer, as an observer of its engine. Every meter name has one
 * set of tag keys whatever happens (Prometheus rejects a name whose series differ in their keys):
 * a record without a code is tagged {@code code=none}. The meters are listed in
 * docs/observability.md.
 *
 * <pre>{@code
 * KafkifyMetrics metrics = new KafkifyMetrics(registry);
 * KafkaBaseConsumerAdapter consumer = KafkaBaseConsumerAdapter.builder(config).observer(metrics).build();
 * metrics.bindState(consumer::state);
 * }</pre>
 *
 * <p>Threading: thread-safe; the engine calls it on handler threads and on the polling thread,
 * the registry reads the gauges on its own.
 */
public final class KafkifyMetrics implements EngineObserver {

    /** Handler time per attempt: tags topic, code, outcome ({@code handled}, {@code failed}, {@code unrouted}). */
    public static final String HANDLER = "kafkify.handler";
    /** Records per final outcome: tags topic, code, outcome. */
    public static final String RECORDS = "kafkify.records";
    /** Retries scheduled: tags topic, code. */
    public static final String RETRIES = "kafkify.retries";
    /** Records published to their dead-letter topic: tags topic, code. */
    public static final String DEAD_LETTERS = "kafkify.dead.letters";
    /** Time from a commit's offer to the broker's confirmation: no tags. */
    public static final String COMMIT = "kafkify.commit";
    /** Commits that failed (and are offered again): no tags. */
    public static final String COMMIT_FAILURES = "kafkify.commit.failures";
    /** Records running in a handler now: no tags. */
    public static final String IN_FLIGHT = "kafkify.in.flight";
    /** Records fetched and not yet committable: no tags. */
    public static final String BUFFERED = "kafkify.buffered";
    /** Per partition, end offset minus committable offset: tags topic, partition. */
    public static final String LAG = "kafkify.partition.committed.lag";
    /** Per partition, the oldest unfinished record's age in seconds: tags topic, partition. */
    public static final String OLDEST_AGE = "kafkify.partition.oldest.unfinished.age";

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<MeterKey, Timer> handlerTimers = new ConcurrentHashMap<>();
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<PartitionId, List<Meter>> partitionGauges = new ConcurrentHashMap<>();
    private final Timer commit;
    private final Counter commitFailures;
    private final AttemptScope timing = this::attemptEnded;
    private volatile StateSnapshot state = StateSnapshot.NONE;

    /** @param registry where the meters are registered */
    public KafkifyMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.commit = Timer.builder(COMMIT).description("Time from a commit's offer to its confirmation")
                .register(registry);
        this.commitFailures = Counter.builder(COMMIT_FAILURES).description("Commits that failed")
                .register(registry);
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get).description("Records running in a handler")
                .register(registry);
    }

    /**
     * Adds the gauges read from the consumer's state: {@value #BUFFERED}, and per assigned
     * partition {@value #LAG} and {@value #OLDEST_AGE}. The state is read at most every 100 ms,
     * however many gauges the registry reads.
     *
     * @param consumerState the consumer's {@code state()}, e.g. {@code consumer::state}
     * @return this
     */
    public KafkifyMetrics bindState(Supplier<ConsumerState> consumerState) {
        this.state = new StateSnapshot(Objects.requireNonNull(consumerState, "consumerState"));
        Gauge.builder(BUFFERED, this, metrics -> metrics.state.get().buffered())
                .description("Records fetched and not yet committable").register(registry);
        return this;
    }

    /**
     * Binds other meters to the same registry, typically the Kafka client's own, in one line on the
     * consumer's builder: {@code .clientMetrics(client -> metrics.bind(new KafkaClientMetrics(client)))}.
     *
     * @param binder the binder, e.g. Micrometer's {@code KafkaClientMetrics}
     * @return what unbinds it: the binder itself when it is {@link AutoCloseable} (as
     *     {@code KafkaClientMetrics} is, removing its meters), else nothing to do
     */
    public AutoCloseable bind(MeterBinder binder) {
        Objects.requireNonNull(binder, "binder").bindTo(registry);
        return binder instanceof AutoCloseable closeable ? closeable : () -> { };
    }

    @Override
    public AttemptScope attemptStarted(RawRecord record) {
        inFlight.incrementAndGet();
        return timing;
    }

    private void attemptEnded(RecordOutcome outcome, long nanos) {
        inFlight.decrementAndGet();
        String topic = Tags.topic(outcome);
        String code = Tags.code(outcome);
        String result = Tags.outcome(outcome);
        MeterKey key = new MeterKey(HANDLER, topic, code, result);
        Timer timer = handlerTimers.get(key);
        if (timer == null) {
            timer = handlerTimers.computeIfAbsent(key, k -> Timer.builder(HANDLER).description("Handler time per attempt")
                    .tags("topic", topic, "code", code, "outcome", result).register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void outcome(RecordOutcome outcome) {
        String topic = Tags.topic(outcome);
        String code = Tags.code(outcome);
        if (outcome instanceof RecordOutcome.Failed failed) {
            if (failed.willRetry()) {
                count(RETRIES, topic, code, null);
            }
            return;
        }
        count(RECORDS, topic, code, Tags.outcome(outcome));
        if (outcome instanceof RecordOutcome.DeadLettered) {
            count(DEAD_LETTERS, topic, code, null);
        }
    }

    private void count(String name, String topic, String code, @Nullable String outcome) {
        MeterKey key = new MeterKey(name, topic, code, outcome);
        Counter counter = counters.get(key);
        if (counter != null) {
            counter.increment();
            return;
        }
        counters.computeIfAbsent(key, k -> {
            Counter.Builder builder = Counter.builder(name).tags("topic", topic, "code", code);
            if (outcome != null) {
                builder.tag("outcome", outcome);
            }
            return builder.register(registry);
        }).increment();
    }

    @Override
    public void committed(Map<PartitionId, Long> offsets, long nanos) {
        commit.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void commitFailed(Map<PartitionId, Long> offsets) {
        commitFailures.increment();
    }

    @Override
    public void assigned(Collection<PartitionId> partitions) {
        for (PartitionId partition : partitions) {
            partitionGauges.computeIfAbsent(partition, id -> List.of(
                    partitionGauge(LAG, id, "End offset minus committable offset", p -> p.committedLag()),
                    partitionGauge(OLDEST_AGE, id, "Age of the oldest unfinished record, in seconds",
                            p -> p.oldestUnfinishedAge().toNanos() / 1e9)));
        }
    }

    private Meter partitionGauge(String name, PartitionId id, String description,
                                 ToDoubleFunction<PartitionProgress> value) {
        return Gauge.builder(name, this, metrics -> metrics.state.progress(id).map(value::applyAsDouble).orElse(0.0))
                .description(description)
                .tags("topic", id.topic(), "partition", Integer.toString(id.partition()))
                .register(registry);
    }

    @Override
    public void revoked(Collection<PartitionId> partitions) {
        forget(partitions);
    }

    @Override
    public void lost(Collection<PartitionId> partitions) {
        forget(partitions);
    }

    private void forget(Collection<PartitionId> partitions) {
        for (PartitionId partition : partitions) {
            List<Meter> meters = partitionGauges.remove(partition);
            if (meters != null) {
                meters.forEach(registry::remove);
            }
        }
    }

    /**
     * Which meter of a name an event counts in: a small key whose strings (the topic and the
     * outcome are shared instances) hash once each, where a concatenated key built and hashed a new
     * string per record.
     */
    private record MeterKey(String name, String topic, String code, @Nullable String outcome) {
    }
}
