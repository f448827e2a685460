package io.kafkify.consumers.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.micrometer.KafkifyMetrics;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On a real broker, both observer adapters at once: traces continue the producer's, the gauges and
 * the health see held work and recover, and a dead letter carries the failed span's context.
 */
class TracingOnBrokerIT {

    private static final int RECORDS = 2_000;
    private static final long HELD_AT = 1_000;

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final OpenTelemetry openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();

    @AfterEach
    void closeTracing() {
        tracerProvider.close();
    }

    /** The producer's context of record {@code n}: trace id and span id both {@code n + 1}. */
    private static String traceparent(long n) {
        return String.format("00-%032x-%016x-01", n + 1, n + 1);
    }

    private static String traceId(long n) {
        return String.format("%032x", n + 1);
    }

    private void produce(String topic, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.newProducer()) {
            for (int i = 0; i < count; i++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                        ("{\"code\":\"PING\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                record.headers().add("traceparent", traceparent(i).getBytes(StandardCharsets.UTF_8));
                // the first one waits for its acknowledgement, so that no retry of a fresh partition doubles the rest
                if (i == 0) {
                    producer.send(record).get();
                } else {
                    producer.send(record);
                }
            }
            producer.flush();
        }
    }

    @Test
    void each_record_continues_its_producers_trace_while_gauges_and_health_see_held_work_and_recover()
            throws Exception {
        String topic = "traced-" + UUID.randomUUID();
        broker.createTopic(topic, 1);
        produce(topic, RECORDS);
        CountDownLatch release = new CountDownLatch(1);
        KafkaConsumerConfig config = KafkaConsumerConfig.builder().bootstrapServers(broker.bootstrapServers())
                .groupId("traced-" + UUID.randomUUID()).maxUnfinishedAge(Duration.ofSeconds(2)).build();
        KafkifyMetrics metrics = new KafkifyMetrics(registry);
        KafkaBaseConsumerAdapter consumer = KafkaBaseConsumerAdapter.builder(config).observer(metrics)
                .observer(new KafkifyTracing(openTelemetry, config.groupId())).build();
        metrics.bindState(consumer::state);
        List<String> handlerTraces = new java.util.concurrent.CopyOnWriteArrayList<>();
        consumer.get(topic, message -> {
            handlerTraces.add(io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId());
            if (message.offset() == HELD_AT) {
                release.await(60, TimeUnit.SECONDS);
            }
        });
        consumer.start();
        CompletableFuture<Void> loop = CompletableFuture.runAsync(consumer::listen);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                long end = endOffset(consumer);
                assertThat(end).isGreaterThanOrEqualTo(RECORDS);
                // Records that ran in the held record's batch (at most 64) are applied with it, so the
                // committable offset may stand up to 63 records before it.
                assertThat(gauge(KafkifyMetrics.LAG, topic)).isBetween((double) end - HELD_AT, end - HELD_AT + 63.0);
                assertThat(gauge(KafkifyMetrics.OLDEST_AGE, topic)).isGreaterThan(2.0);
                ConsumerState state = consumer.state();
                assertThat(state.healthy()).isFalse();
                assertThat(state.stuckPartitions()).singleElement()
                        .satisfies(stuck -> assertThat(stuck.reason()).contains("oldest unfinished record"));
            });
            assertThat(exporter.getFinishedSpanItems()).as("the held record's span is still open")
                    .noneMatch(span -> offset(span) == HELD_AT);

            release.countDown();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(gauge(KafkifyMetrics.LAG, topic)).isZero();
                assertThat(gauge(KafkifyMetrics.OLDEST_AGE, topic)).isZero();
                assertThat(consumer.state().healthy()).isTrue();
            });
            List<SpanData> spans = exporter.getFinishedSpanItems().stream()
                    .filter(span -> span.getKind() == SpanKind.CONSUMER).toList();
            Map<Long, SpanData> byOffset = spans.stream()
                    .collect(Collectors.toMap(TracingOnBrokerIT::offset, Function.identity()));
            assertThat(byOffset).as("one span per record").hasSize(RECORDS).hasSameSizeAs(spans);
            assertThat(byOffset).allSatisfy((offset, span) -> {
                assertThat(span.getTraceId()).isEqualTo(traceId(offset));
                assertThat(span.getParentSpanId()).isEqualTo(String.format("%016x", offset + 1));
                assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
                assertThat(span.getAttributes().asMap()).containsEntry(SpanAttributes.DESTINATION, topic)
                        .containsEntry(SpanAttributes.CONSUMER_GROUP, config.groupId())
                        .containsEntry(SpanAttributes.CODE, "PING");
            });
            assertThat(Set.copyOf(handlerTraces)).as("Span.current() in the handler continued each trace")
                    .isEqualTo(spans.stream().map(SpanData::getTraceId).collect(Collectors.toSet()));
            Set<Set<String>> handlerTagKeys = registry.get(KafkifyMetrics.HANDLER).timers().stream()
                    .map(timer -> timer.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
                    .collect(Collectors.toSet());
            assertThat(handlerTagKeys).containsExactly(Set.of("topic", "code", "outcome"));
        } finally {
            release.countDown();
            consumer.stop();
            loop.join();
        }
    }

    @Test
    void the_dead_letter_topics_copy_continues_from_the_span_of_the_failed_attempt() throws Exception {
        String topic = "traced-dead-" + UUID.randomUUID();
        broker.createTopic(topic, 1);
        broker.createTopic(topic + ".DLT", 1);
        produce(topic, 1);
        KafkaConsumerConfig config = KafkaConsumerConfig.builder().bootstrapServers(broker.bootstrapServers())
                .groupId("traced-" + UUID.randomUUID()).maxAttempts(1).build();
        // tag::register-tracing[]
        KafkaBaseConsumerAdapter consumer = KafkaBaseConsumerAdapter.builder(config)
                .observer(new KafkifyTracing(openTelemetry, config.groupId()))
                .build();
        // end::register-tracing[]
        consumer.get(topic, message -> {
            throw new IllegalStateException("the database is down");
        });
        consumer.start();
        CompletableFuture<Void> loop = CompletableFuture.runAsync(consumer::listen);
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = broker.newConsumer("reader-" + UUID.randomUUID())) {
            TopicPartition partition = new TopicPartition(topic + ".DLT", 0);
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                reader.poll(Duration.ofMillis(100)).forEach(dead::add);
                return !dead.isEmpty();
            });
        } finally {
            consumer.stop();
            loop.join();
        }

        SpanData failed = exporter.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.CONSUMER)
                .collect(Collectors.toList()).get(0);
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getTraceId()).isEqualTo(traceId(0));
        ConsumerRecord<byte[], byte[]> copy = dead.get(0);
        assertThat(new String(copy.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo("00-" + traceId(0) + "-" + failed.getSpanId() + "-01");
        assertThat(copy.headers().headers("traceparent")).hasSize(1);
    }

    private static long offset(SpanData span) {
        Long offset = span.getAttributes().get(SpanAttributes.OFFSET);
        return offset == null ? -1 : offset;
    }

    private double gauge(String name, String topic) {
        Gauge gauge = registry.find(name).tags("topic", topic, "partition", "0").gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static long endOffset(KafkaBaseConsumerAdapter consumer) {
        return consumer.state().partitions().stream().mapToLong(p -> p.endOffset()).findFirst().orElse(-1);
    }
}
