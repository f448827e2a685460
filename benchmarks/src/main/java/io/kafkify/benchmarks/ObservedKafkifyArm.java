package io.kafkify.benchmarks;

import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.micrometer.KafkifyMetrics;
import io.kafkify.consumers.opentelemetry.KafkifyTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kafkify-partition} arm with observer adapters on, as a team that runs it in
 * production would: {@link KafkifyMetrics} on a registry, with the state's gauges bound, and
 * {@link KafkifyTracing} on an OpenTelemetry SDK whose spans go through a {@link BatchSpanProcessor}
 * to an exporter that discards them. Compared with {@code kafkify-partition}, each variant shows
 * what one way of observing costs.
 */
final class ObservedKafkifyArm implements Arm {

    /** The share of new traces a production sampler keeps in the sampled variant. */
    static final double SAMPLED_RATIO = 0.01;

    /** What is on. */
    enum Variant {
        /** Micrometer alone. */
        METRICS("-metrics", null),
        /** Both adapters, every span recorded: the SDK's default sampler, for records without a parent. */
        ALL_SPANS("-observed", Sampler.parentBased(Sampler.alwaysOn())),
        /** Both adapters, a new trace kept at {@link #SAMPLED_RATIO}, a propagated decision followed. */
        SAMPLED("-observed-sampled", Sampler.parentBased(Sampler.traceIdRatioBased(SAMPLED_RATIO)));

        private final String suffix;
        private final @Nullable Sampler sampler;

        Variant(String suffix, @Nullable Sampler sampler) {
            this.suffix = suffix;
            this.sampler = sampler;
        }

        String armName() {
            return ThroughputScenario.KAFKIFY_PARTITION + suffix;
        }
    }

    static final String NAME = Variant.ALL_SPANS.armName();
    static final String SAMPLED_NAME = Variant.SAMPLED.armName();

    private final KafkifyArm plain = new KafkifyArm(Ordering.PARTITION, 0);
    private final Variant variant;

    ObservedKafkifyArm(Variant variant) {
        this.variant = variant;
    }

    @Override
    public String name() {
        return variant.armName();
    }

    @Override
    public String description() {
        String metrics = "KafkifyMetrics (SimpleMeterRegistry, bindState)";
        if (variant.sampler == null) {
            return plain.description() + "; plus " + metrics;
        }
        return plain.description() + "; plus " + metrics + " and KafkifyTracing (OpenTelemetry SDK, sampler "
                + variant.sampler.getDescription() + ", BatchSpanProcessor to an exporter that discards; the records "
                + "carry no traceparent, so each record starts a trace)";
    }

    @Override
    public void consume(RunSpec run) throws InterruptedException {
        String bootstrap = String.valueOf(run.consumerProperties().get("bootstrap.servers"));
        KafkaConsumerConfig config = plain.config(bootstrap, run.groupId());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DiscardingExporter exporter = new DiscardingExporter();
        SdkTracerProvider tracerProvider = variant.sampler == null ? null : SdkTracerProvider.builder()
                .setSampler(variant.sampler)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
        KafkifyMetrics metrics = new KafkifyMetrics(registry);
        KafkaBaseConsumerAdapter.Builder builder = KafkaBaseConsumerAdapter.builder(config).observer(metrics);
        if (tracerProvider != null) {
            OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
            builder.observer(new KafkifyTracing(openTelemetry, config.groupId()));
        }
        try (KafkaBaseConsumerAdapter adapter = builder.build()) {
            metrics.bindState(adapter::state);
            Runnable handler = run.handler();
            for (String code : Workload.CODES) {
                adapter.get(run.topic(), List.of(code), message -> handler.run());
            }
            KafkifyArm.listenUntilFinished(adapter, run, started -> { }, () -> { });
        } finally {
            if (tracerProvider != null) {
                tracerProvider.close();
            }
            registry.close();
        }
        boolean traced = tracerProvider == null || exporter.exported.sum() > 0;
        if (!traced || registry.find(KafkifyMetrics.RECORDS).counters().isEmpty()) {
            throw new IllegalStateException("the " + name() + " arm observed nothing: " + exporter.exported.sum()
                    + " spans exported, meters " + registry.getMeters().size());
        }
    }

    /** Takes the batches and drops them: the SDK's whole path runs, and no I/O is measured. */
    private static final class DiscardingExporter implements SpanExporter {
        final LongAdder exported = new LongAdder();

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            exported.add(spans.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
