package io.kafkify.consumers.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A consumed record as a handler sees it: where it came from, its decoded key and value, and
 * the code it was routed by.
 *
 * <p>The value is what the value decoder returned. With the default JSON decoding that is a
 * {@code Map<String, Object>} for a JSON object, a {@code List} for an array, a scalar
 * ({@code String}, {@code Number}, {@code Boolean}) for other JSON, a {@code String} for
 * UTF-8 text that is not JSON, a {@code byte[]} for anything else, and null for a null or
 * empty value.
 *
 * <p>Immutable apart from the decoded value itself, which handlers should treat as read-only.
 *
 * @param topic the topic the record was read from
 * @param partition the partition the record was read from
 * @param offset the record's offset in its partition
 * @param timestamp the record's timestamp
 * @param key the decoded key, possibly null
 * @param headers the record's headers in their original order; repeated keys are kept
 * @param value the decoded value, possibly null
 * @param code the routing code read from the value, or null when the value has none
 */
public record Message(
        String topic,
        int partition,
        long offset,
        Instant timestamp,
        @Nullable Object key,
        List<MessageHeader> headers,
        @Nullable Object value,
        @Nullable String code) {

    /** The name of the JSON field that carries a record's routing code. */
    public static final String CODE_FIELD = "code";
    /**
     * Checks and normalizes the components.
     *
     * @param topic see {@link #topic()}
     * @param partition see {@link #partition()}
     * @param offset see {@link #offset()}
     * @param timestamp see {@link #timestamp()}
     * @param key see {@link #key()}
     * @param headers see {@link #headers()}
     * @param value see {@link #value()}
     * @param code see {@link #code()}
     */
    public Message {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestamp, "timestamp");
        headers = headers == null || headers.isEmpty()
                ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(headers));
    }

    /**
     * The documented routing rule: the code is the {@code code} field of a value that is a map
     * (a decoded JSON object), when that field is a string. Anything else has no code.
     *
     * @param value a decoded value
     * @return the code, or null
     */
    public static @Nullable String codeOf(@Nullable Object value) {
        if (value instanceof Map<?, ?> map && map.get(CODE_FIELD) instanceof String code) {
            return code;
        }
        return null;
    }

    /**
     * @param name a header name
     * @return the last header with that name, as Kafka's {@code Headers.lastHeader} does
     */
    public Optional<MessageHeader> lastHeader(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(name)) {
                return Optional.of(headers.get(i));
            }
        }
        return Optional.empty();
    }

    /** @return {@code topic-partition@offset}, the record's coordinates, for logs */
    public String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }
}
