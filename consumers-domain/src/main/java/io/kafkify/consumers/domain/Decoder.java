package io.kafkify.consumers.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a record's raw key or value into the object handlers see (the port the documented
 * library fills with its {@code key_deserializer} and {@code value_deserializer}). Plug in
 * Avro, Protobuf or any custom format; the default decodes JSON, text and bytes.
 *
 * <p>Threading: called on the poll thread, once per record, so it should be fast and must
 * be thread-safe if it is shared between consumers.
 */
@FunctionalInterface
public interface Decoder {

    /**
     * @param topic the record's topic
     * @param headers the record's headers
     * @param data the raw bytes, possibly null
     * @return the decoded object, possibly null
     * @throws PayloadException when the bytes cannot be decoded; the record is dead-lettered
     *     with the message as its reason, never retried
     */
    @Nullable Object decode(String topic, List<MessageHeader> headers, byte @Nullable [] data);

    /**
     * Whether this decoder may be called only when a handler asks for what it decodes, on the
     * handler's thread: true only for a decoder that never throws and has no side effect, such as
     * the default key decoder. A decoder that can fail must be called before the handler (false,
     * the default), so that its failure takes the failure policy of a record that cannot be
     * decoded.
     *
     * @return true when the decoding may be deferred to first use
     */
    default boolean decodesOnDemand() {
        return false;
    }
}
