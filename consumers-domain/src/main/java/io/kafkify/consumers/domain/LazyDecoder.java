package io.kafkify.consumers.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A value decoder that reads the routing code without building the value, so that a record
 * costs only what its handler uses. The default JSON decoding is one; a consumer uses
 * {@link #decodeLazily} whenever it reads the code by the documented rule.
 *
 * <p>Threading: as {@link Decoder}.
 */
public interface LazyDecoder extends Decoder {

    /**
     * @param topic the record's topic
     * @param headers the record's headers
     * @param data the raw bytes, possibly null
     * @return the value, with its code read and the value not yet built; what
     *     {@link LazyValue#get()} builds equals what {@link #decode} returns
     */
    LazyValue decodeLazily(String topic, List<MessageHeader> headers, byte @Nullable [] data);
}
