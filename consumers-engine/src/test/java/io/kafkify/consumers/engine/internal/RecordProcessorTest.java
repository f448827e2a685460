package io.kafkify.consumers.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.CodeExtractor;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.LazyDecoder;
import io.kafkify.consumers.domain.LazyValue;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.PayloadBinder;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RecordProcessorTest {

    /** Reads "CODE:rest" values: the code at once, the value as a map when built, counting builds. */
    private static final class CountingLazyDecoder implements LazyDecoder {
        final AtomicInteger built = new AtomicInteger();

        @Override
        public @Nullable Object decode(String topic, List<MessageHeader> headers, byte @Nullable [] data) {
            built.incrementAndGet();
            String text = new String(data, StandardCharsets.UTF_8);
            return Map.of("code", text.substring(0, text.indexOf(':')));
        }

        @Override
        public LazyValue decodeLazily(String topic, List<MessageHeader> headers, byte @Nullable [] data) {
            String text = new String(data, StandardCharsets.UTF_8);
            return new LazyValue() {
                @Override
                public String code() {
                    return text.substring(0, text.indexOf(':'));
                }

                @Override
                public Object get() {
                    return decode(topic, headers, data);
                }
            };
        }
    }

    private final CountingLazyDecoder values = new CountingLazyDecoder();

    @Test
    void routes_by_the_lazily_read_code_and_builds_the_value_only_when_a_handler_reads_it() {
        RecordProcessor processor = processor(CodeExtractor.JSON_CODE_FIELD);
        processor.register(new HandlerRegistration.Plain("t", List.of("A"), message -> { }, "ignores the value"));
        processor.register(new HandlerRegistration.Plain("t", List.of("B"), Message::value, "reads the value"));

        RecordOutcome ignored = processor.process(record("A:1"));
        assertThat(ignored).isInstanceOf(RecordOutcome.Handled.class);
        assertThat(values.built).as("values built").hasValue(0);

        processor.process(record("B:2"));
        assertThat(values.built).hasValue(1);
    }

    @Test
    void builds_the_value_at_once_for_a_code_extractor_of_the_applications_own() {
        RecordProcessor processor = processor(value -> "A");
        processor.register(new HandlerRegistration.Plain("t", List.of("A"), message -> { }, "ignores the value"));

        assertThat(processor.process(record("Z:1"))).isInstanceOf(RecordOutcome.Handled.class);
        assertThat(values.built).hasValue(1);
    }

    /** Decodes keys as text, counting calls; on demand or not, as told. */
    private static final class CountingKeyDecoder implements Decoder {
        final AtomicInteger calls = new AtomicInteger();
        private final boolean onDemand;

        CountingKeyDecoder(boolean onDemand) {
            this.onDemand = onDemand;
        }

        @Override
        public @Nullable Object decode(String topic, List<MessageHeader> headers, byte @Nullable [] data) {
            calls.incrementAndGet();
            return data == null ? null : new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public boolean decodesOnDemand() {
            return onDemand;
        }
    }

    @Test
    void decodes_the_key_only_when_a_handler_reads_it_if_the_key_decoder_allows() {
        CountingKeyDecoder keys = new CountingKeyDecoder(true);
        RecordProcessor processor = processor(keys, CodeExtractor.JSON_CODE_FIELD);
        List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        processor.register(new HandlerRegistration.Plain("t", List.of("A"), message -> { }, "ignores the key"));
        processor.register(new HandlerRegistration.Plain("t", List.of("B"), message -> seen.add(message.key()),
                "reads the key"));

        assertThat(processor.process(keyed("A:1", "k1"))).isInstanceOf(RecordOutcome.Handled.class);
        assertThat(keys.calls).as("keys decoded").hasValue(0);

        processor.process(keyed("B:2", "k2"));
        assertThat(keys.calls).hasValue(1);
        assertThat(seen).containsExactly("k2");
    }

    @Test
    void decodes_the_key_before_the_handler_when_the_key_decoder_may_fail() {
        CountingKeyDecoder keys = new CountingKeyDecoder(false);
        RecordProcessor processor = processor(keys, CodeExtractor.JSON_CODE_FIELD);
        processor.register(new HandlerRegistration.Plain("t", List.of("A"), message -> { }, "ignores the key"));

        processor.process(keyed("A:1", "k1"));

        assertThat(keys.calls).hasValue(1);
    }

    private RecordProcessor processor(CodeExtractor codes) {
        return processor((topic, headers, data) -> null, codes);
    }

    private RecordProcessor processor(Decoder keys, CodeExtractor codes) {
        PayloadBinder binder = new PayloadBinder() {
            @Override
            public <T> T bind(Message message, Class<T> type) {
                throw new UnsupportedOperationException();
            }
        };
        return new RecordProcessor(keys, values, codes, binder);
    }

    private static RawRecord keyed(String value, String key) {
        return new RawRecord("t", 0, 0, Instant.EPOCH, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), List.of());
    }

    private static RawRecord record(String value) {
        return new RawRecord("t", 0, 0, Instant.EPOCH, null, value.getBytes(StandardCharsets.UTF_8), List.of());
    }
}
