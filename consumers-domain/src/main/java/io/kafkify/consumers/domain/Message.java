package io.kafkify.consumers.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A consumed record as a handler sees it: where it came from, its decoded key and value, and
 * the code it was routed by.
 *
 * <p>The value is what the value decoder returned. With the default JSON decoding that is a
 * {@code Map<String, Object>} for a JSON object, a {@code List} for an array, a scalar
 * ({@code String}, {@code Number}, {@code Boolean}) for other JSON, a {@code String} for
 * UTF-8 text that is not JSON, a {@code byte[]} for anything else, and null for a null or
 * empty value. The default decoding builds that value only when {@link #value()} is first
 * called: routing reads the code without it, and a typed handler binds from the record's
 * bytes. A handler that never asks for the value never pays for it.
 *
 * <p>Not a record, unlike the rest of the model, because its value may be built later than the
 * message: a record's components are its state, and a value not yet built is not.
 *
 * <p>Immutable apart from the decoded value itself, which handlers should treat as read-only.
 * Thread-safe: the value is built once, whichever thread asks first.
 */
public final class Message {

    /** The name of the JSON field that carries a record's routing code. */
    public static final String CODE_FIELD = "code";

    private static final Object NOT_BUILT = new Object();

    private final String topic;
    private final int partition;
    private final long offset;
    private final Instant timestamp;
    private volatile @Nullable Object key;
    private final byte @Nullable [] rawKey;
    private final @Nullable Decoder keyDecoder;
    private final List<MessageHeader> headers;
    private final @Nullable String code;
    private final @Nullable LazyValue source;
    private volatile @Nullable Object value;
    /** The broker's delivery count of a share group's record; 0 when there is none. */
    private final int deliveryCount;

    /**
     * A message whose value is already decoded.
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
    public Message(String topic, int partition, long offset, Instant timestamp, @Nullable Object key,
                   @Nullable List<MessageHeader> headers, @Nullable Object value, @Nullable String code) {
        this(topic, partition, offset, timestamp, key, null, null, headers, code, null, value);
    }

    private Message(String topic, int partition, long offset, Instant timestamp, @Nullable Object key,
                    byte @Nullable [] rawKey, @Nullable Decoder keyDecoder, @Nullable List<MessageHeader> headers,
                    @Nullable String code, @Nullable LazyValue source, @Nullable Object value) {
        this(topic, partition, offset, timestamp, key, rawKey, keyDecoder, headers, code, source, value, 0);
    }

    private Message(String topic, int partition, long offset, Instant timestamp, @Nullable Object key,
                    byte @Nullable [] rawKey, @Nullable Decoder keyDecoder, @Nullable List<MessageHeader> headers,
                    @Nullable String code, @Nullable LazyValue source, @Nullable Object value, int deliveryCount) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partition = partition;
        this.offset = offset;
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.key = key;
        this.rawKey = rawKey;
        this.keyDecoder = keyDecoder;
        this.headers = headers == null || headers.isEmpty()
                ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(headers));
        this.code = code;
        this.source = source;
        this.value = value;
        this.deliveryCount = deliveryCount;
    }

    /**
     * A message whose value is built from {@code value} when first asked for; its code is
     * {@link LazyValue#code()}, read when the message is made.
     *
     * @param topic the topic the record was read from
     * @param partition the partition the record was read from
     * @param offset the record's offset in its partition
     * @param timestamp the record's timestamp
     * @param key the decoded key, possibly null
     * @param headers the record's headers in their original order
     * @param value the value, not yet built
     * @return the message
     */
    public static Message lazy(String topic, int partition, long offset, Instant timestamp, @Nullable Object key,
                               @Nullable List<MessageHeader> headers, LazyValue value) {
        Objects.requireNonNull(value, "value");
        return new Message(topic, partition, offset, timestamp, key, null, null, headers, value.code(), value, NOT_BUILT);
    }

    /**
     * A message whose key and value are built when first asked for: the key by {@code keyDecoder}
     * from {@code rawKey}, which must be a decoder that {@linkplain Decoder#decodesOnDemand() may
     * be deferred}; the value as {@link #lazy(String, int, long, Instant, Object, List, LazyValue)}.
     *
     * @param topic the topic the record was read from
     * @param partition the partition the record was read from
     * @param offset the record's offset in its partition
     * @param timestamp the record's timestamp
     * @param keyDecoder decodes the key on first use
     * @param rawKey the key's bytes, possibly null; not copied, so not to be changed afterwards
     * @param headers the record's headers in their original order
     * @param value the value, not yet built
     * @return the message
     */
    public static Message lazy(String topic, int partition, long offset, Instant timestamp, Decoder keyDecoder,
                               byte @Nullable [] rawKey, @Nullable List<MessageHeader> headers, LazyValue value) {
        Objects.requireNonNull(keyDecoder, "keyDecoder");
        Objects.requireNonNull(value, "value");
        if (!keyDecoder.decodesOnDemand()) {
            throw new IllegalArgumentException("The key decoder " + keyDecoder.getClass().getName()
                    + " must be called before the handler: it does not decode on demand");
        }
        return new Message(topic, partition, offset, timestamp, NOT_BUILT, rawKey, keyDecoder, headers, value.code(),
                value, NOT_BUILT);
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

    /** @return the topic the record was read from */
    public String topic() {
        return topic;
    }

    /** @return the partition the record was read from */
    public int partition() {
        return partition;
    }

    /** @return the record's offset in its partition */
    public long offset() {
        return offset;
    }

    /** @return the record's timestamp */
    public Instant timestamp() {
        return timestamp;
    }

    /** @return the decoded key, possibly null */
    public @Nullable Object key() {
        Object current = key;
        if (current == NOT_BUILT) {
            synchronized (this) {
                current = key;
                if (current == NOT_BUILT) {
                    current = Objects.requireNonNull(keyDecoder, "keyDecoder").decode(topic, headers, rawKey);
                    key = current;
                }
            }
        }
        return current;
    }

    /** @return the record's headers in their original order; repeated keys are kept */
    public List<MessageHeader> headers() {
        return headers;
    }

    /**
     * The decoded value, built on the first call when the message was made {@linkplain #lazy lazily}.
     *
     * @return the decoded value, possibly null
     */
    public @Nullable Object value() {
        Object current = value;
        if (current == NOT_BUILT) {
            synchronized (this) {
                current = value;
                if (current == NOT_BUILT) {
                    current = Objects.requireNonNull(source, "source").get();
                    value = current;
                }
            }
        }
        return current;
    }

    /**
     * How many times the broker has delivered this record, this delivery included: 1 the first
     * time, 2 when it came back after a release, a lock that expired or a member that left. Only
     * share groups count deliveries; a record of a classic consumer group has none.
     *
     * @return the delivery count, from 1, or empty for a record of a classic consumer group
     */
    public OptionalInt deliveryCount() {
        return deliveryCount > 0 ? OptionalInt.of(deliveryCount) : OptionalInt.empty();
    }

    /**
     * @param count the broker's delivery count, from 1
     * @return this message with that delivery count, its key and value built from the same sources
     */
    public Message withDeliveryCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("A delivery count starts at 1; was " + count);
        }
        return new Message(topic, partition, offset, timestamp, key, rawKey, keyDecoder, headers, code, source, value,
                count);
    }

    /** @return the routing code read from the value, or null when the value has none */
    public @Nullable String code() {
        return code;
    }

    /**
     * For payload binders that can read the value's undecoded form (the JSON binder binds from
     * the record's bytes, without building the value).
     *
     * @return what the value is built from, or empty when the message was made with its value
     */
    public Optional<LazyValue> lazyValue() {
        return Optional.ofNullable(source);
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

    /** Messages are equal when their components are, the value as built (a byte array by content). */
    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Message that)) {
            return false;
        }
        return partition == that.partition && offset == that.offset && topic.equals(that.topic)
                && timestamp.equals(that.timestamp) && Objects.deepEquals(key(), that.key()) && headers.equals(that.headers)
                && Objects.deepEquals(value(), that.value()) && Objects.equals(code, that.code)
                && deliveryCount == that.deliveryCount;
    }

    @Override
    public int hashCode() {
        Object built = value();
        int valueHash = built instanceof byte[] bytes ? Arrays.hashCode(bytes) : Objects.hashCode(built);
        Object builtKey = key();
        int keyHash = builtKey instanceof byte[] bytes ? Arrays.hashCode(bytes) : Objects.hashCode(builtKey);
        return Objects.hash(topic, partition, offset, timestamp, keyHash, headers, valueHash, code);
    }

    /** @return the components, as a record would print them; the value is built to print it */
    @Override
    public String toString() {
        return "Message[topic=" + topic + ", partition=" + partition + ", offset=" + offset + ", timestamp="
                + timestamp + ", key=" + key() + ", headers=" + headers + ", value=" + value() + ", code=" + code
                + (deliveryCount > 0 ? ", deliveryCount=" + deliveryCount : "") + "]";
    }
}
