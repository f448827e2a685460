package io.kafkify.consumers.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One header of a Kafka record. Kafka allows repeated keys and null values; both are kept.
 *
 * @param key the header's name, never null
 * @param value the header's raw value, possibly null
 */
public record MessageHeader(String key, byte @Nullable [] value) {

    /**
     * Checks the key and copies the value so that the header is immutable.
     *
     * @param key the header's name, never null
     * @param value the header's raw value, possibly null
     */
    public MessageHeader {
        Objects.requireNonNull(key, "key");
        value = value == null ? null : value.clone();
    }

    /** @return a copy of the raw value, or null when the header has no value */
    @Override
    public byte @Nullable [] value() {
        return value == null ? null : value.clone();
    }

    /** @return the value decoded as UTF-8, or null when the header has no value */
    public @Nullable String valueAsString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Creates a header whose value is the UTF-8 encoding of {@code value}.
     *
     * @param key the header's name
     * @param value the text value, possibly null
     * @return the header
     */
    public static MessageHeader of(String key, @Nullable String value) {
        return new MessageHeader(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof MessageHeader that && key.equals(that.key) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return key + "=" + (value == null ? "null" : "[" + value.length + " bytes]");
    }
}
