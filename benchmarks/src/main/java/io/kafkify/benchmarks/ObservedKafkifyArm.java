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
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code kafkify-partition} arm with both observer adapters on, as a team that runs it in
 * production would: {@link KafkifyMetrics} on a registry, with the state's gauges bound, and
 * {@link KafkifyTracing} on an OpenTelemetry SDK whose spans go through a {@link BatchSpanProcessor}
 * to an exporter that discards them. Compared with {@code kafkify-partition}, it shows what
 * observing costs.
 */
final class ObservedKafkifyArm implements Arm {

    static final String NAME = ThroughputScenario.KAFKIFY_PARTITION + "-observed";

    private final KafkifyArm plain = new KafkifyArm(Ordering.PARTITION, 0);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return plain.description() + "; plus KafkifyMetrics (SimpleMeterRegistry, bindState) and KafkifyTracing "
                + "(OpenTelemetry SDK, BatchSpanProcessor to an exporter that discards; the records carry no "
                + "traceparent, so each span starts a trace)";
    }

    @Override
    public void consume(RunSpec run) throws InterruptedException {
        String bootstrap = String.valueOf(run.consumerProperties().get("bootstrap.servers"));
        KafkaConsumerConfig config = plain.config(bootstrap, run.groupId());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DiscardingExporter exporter = new DiscardingExporter();
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
        OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        KafkifyMetrics metrics = new KafkifyMetrics(registry);
        try (KafkaBaseConsumerAdapter adapter = KafkaBaseConsumerAdapter.builder(config).observer(metrics)
                .observer(new KafkifyTracing(openTelemetry, config.groupId())).build()) {
            metrics.bindState(adapter::state);
            Runnable handler = run.handler();
            for (String code : Workload.CODES) {
                adapter.get(run.topic(), List.of(code), message -> handler.run());
            }
            KafkifyArm.listenUntilFinished(adapter, run, started -> { }, () -> { });
        } finally {
            tracerProvider.close();
            registry.close();
        }
        if (exporter.exported.sum() == 0 || registry.find(KafkifyMetrics.RECORDS).counters().isEmpty()) {
            throw new IllegalStateException("the observed arm observed nothing: " + exporter.exported.sum()
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
