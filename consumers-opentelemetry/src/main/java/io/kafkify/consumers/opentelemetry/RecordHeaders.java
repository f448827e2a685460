package io.kafkify.consumers.opentelemetry;

import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a propagated context from a record's headers, and writes one into a dead letter's: what
 * a propagator needs to cross Kafka. The last header of a name wins, as Kafka's
 * {@code Headers.lastHeader} reads it.
 */
final class RecordHeaders {

    /** Reads header values as UTF-8 text. */
    static final TextMapGetter<RawRecord> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(RawRecord record) {
            List<String> keys = new ArrayList<>(record.headers().size());
            for (MessageHeader header : record.headers()) {
                keys.add(header.key());
            }
            return keys;
        }

        @Override
        public @Nullable String get(@Nullable RawRecord record, String key) {
            if (record == null) {
                return null;
            }
            List<MessageHeader> headers = record.headers();
            for (int i = headers.size() - 1; i >= 0; i--) {
                MessageHeader header = headers.get(i);
                if (header.key().equals(key)) {
                    byte[] value = header.value();
                    return value == null ? null : new String(value, StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    };

    /** Collects what a propagator injects, in order. */
    static final TextMapSetter<Map<String, String>> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.put(key, value);
        }
    };

    private RecordHeaders() {
    }

    /**
     * @param headers the headers as they are
     * @param injected what a propagator wrote
     * @return the headers without those of an injected name, followed by the injected ones
     */
    static List<MessageHeader> replaced(List<MessageHeader> headers, Map<String, String> injected) {
        List<MessageHeader> result = new ArrayList<>(headers.size() + injected.size());
        for (MessageHeader header : headers) {
            if (!injected.containsKey(header.key())) {
                result.add(header);
            }
        }
        injected.forEach((key, value) -> result.add(MessageHeader.of(key, value)));
        return result;
    }
}
