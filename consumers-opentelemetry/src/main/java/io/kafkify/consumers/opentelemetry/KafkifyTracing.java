package io.kafkify.consumers.opentelemetry;

import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.AttemptScope;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * OpenTelemetry traces of a Kafkify consumer, as an observer of its engine, with no Java agent:
 * each attempt at a record runs inside a {@link SpanKind#CONSUMER} span named
 * {@code process <topic>}, current on the handler thread for the whole attempt, so that
 * {@code Span.current()} in a handler (and any instrumented client it calls) continues the trace.
 * The span's parent is the context the producer propagated in the record's headers
 * ({@code traceparent} and {@code tracestate} with the W3C propagator), read through the
 * {@link OpenTelemetry}'s propagators; a record without one starts a new trace. The span carries
 * OpenTelemetry's messaging attributes and the record's code ({@code kafkify.code}); a failed
 * attempt ends it with an error status and the exception. A dead letter carries the context of
 * its record's last failed attempt on in its headers, in place of the original's. The span and
 * its attributes are listed in docs/observability.md.
 *
 * <pre>{@code
 * KafkaBaseConsumerAdapter consumer = KafkaBaseConsumerAdapter.builder(config)
 *         .observer(new KafkifyTracing(openTelemetry, config.groupId()))
 *         .build();
 * }</pre>
 *
 * <p>Threading: thread-safe; the engine calls it on handler threads.
 */
public final class KafkifyTracing implements EngineObserver {

    /** The instrumentation scope of the spans. */
    public static final String INSTRUMENTATION_NAME = "io.kafkify.consumers.opentelemetry";

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final @Nullable String consumerGroup;
    private final Map<String, String> spanNames = new ConcurrentHashMap<>();
    private final FailedAttempts failedAttempts = new FailedAttempts();

    /**
     * Traces without naming the consumer group (an in-memory consumer has none).
     *
     * @param openTelemetry the application's OpenTelemetry: its tracer provider makes the spans,
     *     its propagators read the producer's context
     */
    public KafkifyTracing(OpenTelemetry openTelemetry) {
        this(openTelemetry, null);
    }

    /**
     * @param openTelemetry the application's OpenTelemetry: its tracer provider makes the spans,
     *     its propagators read the producer's context
     * @param consumerGroup the consumer's group, for {@code messaging.consumer.group.name}, e.g.
     *     {@code config.groupId()}; null to leave it out
     */
    public KafkifyTracing(OpenTelemetry openTelemetry, @Nullable String consumerGroup) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.consumerGroup = consumerGroup;
    }

    @Override
    public AttemptScope attemptStarted(RawRecord record) {
        Context parent = record.headers().isEmpty() ? Context.root()
                : propagator.extract(Context.root(), record, RecordHeaders.GETTER);
        Span span = SpanAttributes.start(tracer.spanBuilder(spanName(record.topic())), record, consumerGroup)
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .startSpan();
        SpanAttributes.record(span, record);
        return new RecordSpan(span, parent.with(span).makeCurrent(), failedAttempts);
    }

    private String spanName(String topic) {
        String name = spanNames.get(topic);
        return name != null ? name : spanNames.computeIfAbsent(topic, t -> SpanAttributes.PROCESS + " " + t);
    }

    @Override
    public void outcome(RecordOutcome outcome) {
        if (outcome.isFinal()) {
            failedAttempts.ended(outcome);
        }
    }

    /**
     * Puts the context of the record's last failed attempt in the dead letter's headers, in place
     * of the producer's, so that whoever reads the dead-letter topic continues from the span
     * that failed. A record no handler took (dead-lettered by {@code deadLetterUnrouted}) has no
     * failed attempt: its dead letter keeps the producer's context, copied with the original
     * headers.
     *
     * @param deadLetter the dead letter about to be published
     * @return its headers, with the failed span's context in place of the producer's when it is known
     */
    @Override
    public List<MessageHeader> deadLetterHeaders(DeadLetter deadLetter) {
        SpanContext failed = failedAttempts.lastFailed(deadLetter.original().coordinates());
        if (failed == null) {
            return deadLetter.headers();
        }
        Map<String, String> injected = new LinkedHashMap<>();
        propagator.inject(Context.root().with(Span.wrap(failed)), injected, RecordHeaders.SETTER);
        return injected.isEmpty() ? deadLetter.headers() : RecordHeaders.replaced(deadLetter.headers(), injected);
    }

    /** @return how many records' failed attempts are remembered for their dead letters, for tests */
    int rememberedFailures() {
        return failedAttempts.size();
    }
}
