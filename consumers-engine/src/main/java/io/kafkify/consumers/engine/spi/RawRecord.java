package io.kafkify.consumers.engine.spi;

import io.kafkify.consumers.domain.MessageHeader;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record as it arrives from a source, before decoding: what the Kafka adapter reads from a
 * {@code ConsumerRecord} and what the in-memory adapter makes from a test's {@code send}.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset
 * @param timestamp the timestamp
 * @param key the raw key, possibly null
 * @param value the raw value, possibly null
 * @param headers the headers, in order
 */
public record RawRecord(String topic, int partition, long offset, Instant timestamp, byte @Nullable [] key,
                        byte @Nullable [] value, List<MessageHeader> headers) {
    /**
     * Checks and normalizes the components.
     *
     * @param topic see {@link #topic()}
     * @param partition see {@link #partition()}
     * @param offset see {@link #offset()}
     * @param timestamp see {@link #timestamp()}
     * @param key see {@link #key()}
     * @param value see {@link #value()}
     * @param headers see {@link #headers()}
     */
    public RawRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestamp, "timestamp");
        headers = headers == null ? List.of() : headers;
    }

    /** @return {@code topic-partition@offset} */
    public String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }
}
