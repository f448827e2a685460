package io.kafkify.consumers.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.testkit.InMemoryConsumer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The spans on a real SDK with an in-memory exporter, over the in-memory consumer. */
class KafkifyTracingTest {

    private static final String PEOPLE = "people-events";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PRODUCER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PRODUCER_SPAN + "-01";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final OpenTelemetry openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();

    @AfterEach
    void closeTracing() {
        tracerProvider.close();
    }

    private static List<MessageHeader> tracedBy(String traceparent) {
        return List.of(MessageHeader.of("traceparent", traceparent), MessageHeader.of("tracestate", "vendor=1"));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_handler_runs_inside_a_consumer_span_that_continues_the_producers_trace() {
        AtomicReference<SpanContext> current = new AtomicReference<>();
        // tag::register-tracing-in-memory[]
        InMemoryConsumer consumer = InMemoryConsumer.builder().observer(new KafkifyTracing(openTelemetry)).build();
        // end::register-tracing-in-memory[]
        consumer.get(PEOPLE, message -> current.set(Span.current().getSpanContext()));
        consumer.start();

        consumer.send(PEOPLE, utf8("42"), utf8("{\"code\":\"PERSON_CREATED\"}"), tracedBy(TRACEPARENT));
        consumer.awaitIdle(Duration.ofSeconds(5));

        assertThat(exporter.getFinishedSpanItems()).singleElement().satisfies(span -> {
            assertThat(span.getName()).isEqualTo("process " + PEOPLE);
            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(span.getParentSpanId()).isEqualTo(PRODUCER_SPAN);
            assertThat(span.getParentSpanContext().isRemote()).isTrue();
            assertThat(span.getSpanContext().getTraceState().get("vendor")).isEqualTo("1");
            assertThat(span.getSpanContext()).isEqualTo(current.get());
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        });
        assertThat(Span.current().getSpanContext().isValid()).as("nothing stays current after the attempt").isFalse();
        consumer.stop();
    }

    @Test
    void the_span_carries_the_messaging_attributes_and_the_records_code() {
        InMemoryConsumer consumer = InMemoryConsumer.builder()
                .observer(new KafkifyTracing(openTelemetry, "people-service")).build();
        consumer.get(PEOPLE, message -> { });
        consumer.start();

        consumer.send(PEOPLE, utf8("42"), utf8("{\"code\":\"PERSON_CREATED\"}"), tracedBy(TRACEPARENT));
        consumer.send(PEOPLE, new byte[] {(byte) 0xff, 0x00}, null, List.of());
        consumer.awaitIdle(Duration.ofSeconds(5));

        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0).getAttributes().asMap()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry(AttributeKey.stringKey("messaging.system"), "kafka"),
                Map.entry(AttributeKey.stringKey("messaging.destination.name"), PEOPLE),
                Map.entry(AttributeKey.stringKey("messaging.destination.partition.id"), "0"),
                Map.entry(AttributeKey.longKey("messaging.kafka.offset"), 0L),
                Map.entry(AttributeKey.stringKey("messaging.consumer.group.name"), "people-service"),
                Map.entry(AttributeKey.stringKey("messaging.operation.type"), "process"),
                Map.entry(AttributeKey.stringKey("messaging.operation.name"), "process"),
                Map.entry(AttributeKey.stringKey("messaging.kafka.message.key"), "42"),
                Map.entry(AttributeKey.longKey("messaging.message.body.size"), 25L),
                Map.entry(AttributeKey.stringKey("kafkify.code"), "PERSON_CREATED"),
                Map.entry(AttributeKey.stringKey("kafkify.outcome"), "handled")));
        assertThat(spans.get(1).getAttributes().asMap())
                .containsEntry(AttributeKey.booleanKey("messaging.kafka.message.tombstone"), true)
                .containsEntry(AttributeKey.longKey("messaging.kafka.offset"), 1L)
                .doesNotContainKeys(AttributeKey.stringKey("messaging.kafka.message.key"),
                        AttributeKey.stringKey("kafkify.code"));
        consumer.stop();
    }

    @Test
    void a_sampler_decides_on_the_sampling_attributes_and_a_dropped_span_still_carries_the_trace() {
        List<Map<AttributeKey<?>, Object>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Sampler dropAll = new Sampler() {
            @Override
            public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
                                               Attributes attributes, List<LinkData> links) {
                seen.add(attributes.asMap());
                return SamplingResult.drop();
            }

            @Override
            public String getDescription() {
                return "drop all";
            }
        };
        SdkTracerProvider dropping = SdkTracerProvider.builder().setSampler(dropAll)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        OpenTelemetry sampled = OpenTelemetrySdk.builder().setTracerProvider(dropping)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        AtomicReference<SpanContext> current = new AtomicReference<>();
        InMemoryConsumer consumer = InMemoryConsumer.builder()
                .observer(new KafkifyTracing(sampled, "people-service")).build();
        consumer.get(PEOPLE, message -> current.set(Span.current().getSpanContext()));
        consumer.start();

        consumer.send(PEOPLE, utf8("42"), utf8("{\"code\":\"PERSON_CREATED\"}"), tracedBy(TRACEPARENT));
        consumer.awaitIdle(Duration.ofSeconds(5));

        assertThat(seen).singleElement().isEqualTo(Map.of(
                AttributeKey.stringKey("messaging.system"), "kafka",
                AttributeKey.stringKey("messaging.destination.name"), PEOPLE,
                AttributeKey.stringKey("messaging.consumer.group.name"), "people-service",
                AttributeKey.stringKey("messaging.operation.type"), "process",
                AttributeKey.stringKey("messaging.operation.name"), "process"));
        assertThat(exporter.getFinishedSpanItems()).as("a dropped span is not exported").isEmpty();
        assertThat(current.get().getTraceId()).as("the handler still continues the producer's trace")
                .isEqualTo(TRACE_ID);
        assertThat(current.get().isSampled()).isFalse();
        consumer.stop();
        dropping.close();
    }

    @Test
    void a_record_without_a_context_starts_a_new_trace_even_where_another_span_is_current() {
        InMemoryConsumer consumer = InMemoryConsumer.builder().observer(new KafkifyTracing(openTelemetry)).build();
        consumer.get(PEOPLE, message -> { });
        consumer.start();
        Span unrelated = openTelemetry.getTracer("test").spanBuilder("the test's own").startSpan();

        try (Scope ignored = unrelated.makeCurrent()) {
            consumer.send(PEOPLE, "42", "{\"code\":\"PERSON_CREATED\"}");
            consumer.send(PEOPLE, utf8("43"), utf8("{}"), List.of(MessageHeader.of("traceparent", "not a context")));
        }
        unrelated.end();
        consumer.awaitIdle(Duration.ofSeconds(5));

        List<SpanData> records = exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CONSUMER).toList();
        assertThat(records).hasSize(2).allSatisfy(span -> {
            assertThat(span.getParentSpanContext().isValid()).isFalse();
            assertThat(span.getTraceId()).isNotEqualTo(unrelated.getSpanContext().getTraceId());
        });
        assertThat(records.get(0).getTraceId()).isNotEqualTo(records.get(1).getTraceId());
        consumer.stop();
    }

    @Test
    void a_failed_attempt_ends_its_span_in_error_and_the_dead_letter_continues_from_the_last_one() {
        KafkifyTracing tracing = new KafkifyTracing(openTelemetry);
        InMemoryConsumer consumer = InMemoryConsumer.builder().observer(tracing).build();
        consumer.get(PEOPLE, message -> {
            throw new IllegalStateException("the database is down");
        });
        consumer.start();

        consumer.send(PEOPLE, utf8("42"), utf8("{\"code\":\"PERSON_CREATED\"}"), tracedBy(TRACEPARENT));
        consumer.awaitIdle(Duration.ofSeconds(5));

        List<SpanData> attempts = exporter.getFinishedSpanItems();
        assertThat(attempts).hasSize(3).allSatisfy(span -> {
            assertThat(span.getParentSpanId()).isEqualTo(PRODUCER_SPAN);
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getStatus().getDescription())
                    .isEqualTo("java.lang.IllegalStateException: the database is down");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                    .isEqualTo("java.lang.IllegalStateException");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("kafkify.outcome"))).isEqualTo("failed");
            assertThat(span.getEvents()).singleElement()
                    .satisfies(event -> assertThat(event.getName()).isEqualTo("exception"));
        });
        SpanData last = attempts.get(2);
        DeadLetter dead = consumer.deadLetters().get(0);
        assertThat(dead.header("traceparent")).isEqualTo("00-" + TRACE_ID + "-" + last.getSpanId() + "-01");
        assertThat(dead.header("tracestate")).isEqualTo("vendor=1");
        assertThat(dead.headers().stream().filter(h -> h.key().equals("traceparent"))).hasSize(1);
        assertThat(dead.header(DeadLetter.ATTEMPTS)).isEqualTo("3");
        assertThat(tracing.rememberedFailures()).as("forgotten once the record is dead-lettered").isZero();
        consumer.stop();
    }

    @Test
    void a_record_that_succeeds_on_retry_is_forgotten_and_its_spans_say_which_attempt_failed() {
        KafkifyTracing tracing = new KafkifyTracing(openTelemetry);
        InMemoryConsumer consumer = InMemoryConsumer.builder().observer(tracing).build();
        int[] calls = {0};
        consumer.get(PEOPLE, message -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("a blip");
            }
        });
        consumer.start();

        consumer.send(PEOPLE, "42", "{}");
        consumer.awaitIdle(Duration.ofSeconds(5));

        assertThat(exporter.getFinishedSpanItems()).extracting(span -> span.getStatus().getStatusCode())
                .containsExactly(StatusCode.ERROR, StatusCode.UNSET);
        assertThat(tracing.rememberedFailures()).isZero();
        assertThat(consumer.deadLetters()).isEmpty();
        consumer.stop();
    }

    @Test
    void a_propagator_that_throws_reaches_no_record_and_shows_in_the_state() {
        OpenTelemetry broken = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(new ThrowingPropagator())).build();
        InMemoryConsumer consumer = InMemoryConsumer.builder().observer(new KafkifyTracing(broken)).build();
        List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        consumer.get(PEOPLE, message -> handled.add(String.valueOf(message.key())));
        consumer.start();

        consumer.send(PEOPLE, utf8("42"), utf8("{}"), tracedBy(TRACEPARENT));
        consumer.send(PEOPLE, utf8("43"), utf8("{}"), tracedBy(TRACEPARENT));
        consumer.awaitIdle(Duration.ofSeconds(5));

        assertThat(handled).containsExactly("42", "43");
        assertThat(consumer.state().handled()).isEqualTo(2);
        assertThat(consumer.state().lastError()).contains("observer failed").contains("broken propagator");
        consumer.stop();
    }

    /** Fails as a misconfigured propagator would. */
    private static final class ThrowingPropagator implements TextMapPropagator {
        @Override
        public java.util.Collection<String> fields() {
            return List.of("traceparent");
        }

        @Override
        public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
            throw new IllegalStateException("broken propagator");
        }

        @Override
        public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
            throw new IllegalStateException("broken propagator");
        }
    }
}
