package io.kafkify.consumers.opentelemetry;

import io.kafkify.consumers.engine.spi.RawRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of a record's span: OpenTelemetry's messaging semantic conventions for Kafka
 * (spelled out here, so that the module needs the API alone) and Kafkify's own.
 */
final class SpanAttributes {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> MESSAGE_KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    static final AttributeKey<Boolean> TOMBSTONE = AttributeKey.booleanKey("messaging.kafka.message.tombstone");
    static final AttributeKey<Long> BODY_SIZE = AttributeKey.longKey("messaging.message.body.size");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> CODE = AttributeKey.stringKey("kafkify.code");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("kafkify.outcome");

    static final String KAFKA = "kafka";
    static final String PROCESS = "process";

    /** Longer keys are left out: a key that long is rarely text, and its attribute would cost for little. */
    private static final int MAX_KEY_BYTES = 256;

    /** The partition ids of the first partitions as text, made once rather than per record. */
    private static final String[] PARTITION_IDS = new String[1024];

    static {
        for (int i = 0; i < PARTITION_IDS.length; i++) {
            PARTITION_IDS[i] = Integer.toString(i);
        }
    }

    private SpanAttributes() {
    }

    private static String partitionId(int partition) {
        return partition >= 0 && partition < PARTITION_IDS.length ? PARTITION_IDS[partition] : Integer.toString(partition);
    }

    /**
     * Sets what a sampler may decide on (OpenTelemetry's sampling-relevant messaging attributes),
     * before the span starts.
     */
    static SpanBuilder start(SpanBuilder span, RawRecord record, @Nullable String consumerGroup) {
        span.setAttribute(SYSTEM, KAFKA)
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(OPERATION_TYPE, PROCESS)
                .setAttribute(OPERATION_NAME, PROCESS);
        if (consumerGroup != null) {
            span.setAttribute(CONSUMER_GROUP, consumerGroup);
        }
        return span;
    }

    /**
     * Sets the record's own attributes on a started span, when it is recorded: a span the sampler
     * dropped costs no key decoding and no attribute.
     */
    static void record(Span span, RawRecord record) {
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute(PARTITION, partitionId(record.partition()));
        span.setAttribute(OFFSET, record.offset());
        byte[] value = record.value();
        if (value == null) {
            span.setAttribute(TOMBSTONE, true);
        } else {
            span.setAttribute(BODY_SIZE, (long) value.length);
        }
        String key = keyText(record.key());
        if (key != null) {
            span.setAttribute(MESSAGE_KEY, key);
        }
    }

    /** @return the key as text when it is short, valid UTF-8 (a binary key has no canonical text) */
    static @Nullable String keyText(byte @Nullable [] key) {
        if (key == null || key.length > MAX_KEY_BYTES) {
            return null;
        }
        String text = new String(key, StandardCharsets.UTF_8);
        return text.indexOf('\uFFFD') >= 0 ? null : text;
    }
}
