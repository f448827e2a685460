package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.LazyValue;
import io.kafkify.consumers.domain.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lazy decoding against the eager one: same value, same code, by the documented rules. */
class JsonDocumentTest {

    private final JsonValueDecoder decoder = new JsonValueDecoder();

    @Test
    void reads_the_code_of_an_object_without_building_it() {
        CountingMapper mapper = new CountingMapper();
        LazyValue value = new JsonValueDecoder(mapper).decodeLazily("t", List.of(),
                utf8("{\"code\":\"ORDER_PLACED\",\"data\":{\"id\":1}}"));

        assertThat(value.code()).isEqualTo("ORDER_PLACED");
        assertThat(CountingMapper.reads).as("values built").hasValue(0);
        assertThat(value.get()).isEqualTo(decoder.decode(utf8("{\"code\":\"ORDER_PLACED\",\"data\":{\"id\":1}}")));
    }

    @Test
    void follows_the_routing_rules_exactly_for_every_kind_of_value() {
        for (byte[] data : corpus()) {
            LazyValue lazy = decoder.decodeLazily("t", List.of(), data);
            Object eager = decoder.decode(data);

            assertThat(lazy.get()).as(show(data)).isEqualTo(eager);
            assertThat(lazy.code()).as(show(data)).isEqualTo(Message.codeOf(eager));
        }
    }

    @Test
    void counts_a_document_that_breaks_after_its_code_as_text_with_no_code() {
        LazyValue value = decoder.decodeLazily("t", List.of(), utf8("{\"code\":\"A\",\"data\":{\"id\":}"));

        assertThat(value.code()).isNull();
        assertThat(value.get()).isEqualTo("{\"code\":\"A\",\"data\":{\"id\":}");
    }

    @Test
    void takes_the_last_top_level_code_as_a_map_would_and_ignores_nested_ones() {
        assertThat(decoder.decodeLazily("t", List.of(), utf8("{\"code\":\"A\",\"code\":\"B\"}")).code()).isEqualTo("B");
        assertThat(decoder.decodeLazily("t", List.of(), utf8("{\"code\":\"A\",\"code\":7}")).code()).isNull();
        assertThat(decoder.decodeLazily("t", List.of(), utf8("{\"data\":{\"code\":\"A\"}}")).code()).isNull();
    }

    private static List<byte[]> corpus() {
        List<byte[]> corpus = new ArrayList<>();
        for (String text : List.of("{\"code\":\"A\",\"id\":1}", "{\"id\":1}", "{\"code\":7}", "{\"code\":null}",
                "{\"code\":[\"A\"]}", "{\"code\":{\"name\":\"A\"}}", "[{\"code\":\"A\"}]", "\"{\\\"code\\\":\\\"A\\\"}\"",
                "42", "-1.5", "true", "null", "{not json", "12 apples", "   ", "{\"code\":\"A\"} trailing",
                "{\"code\":\"A\"}{\"code\":\"B\"}", "{\"code\":\"A\",}", "hello, Kafka ✓", "{\"name\":\"Zoë\",\"code\":\"Ü\"}",
                "01", "NaN", "{\"a\":\"\u0001\"}", "[1,2", "{\"code\":\"A\",\"data\":{\"id\":}")) {
            corpus.add(utf8(text));
        }
        corpus.add(new byte[] {(byte) 0xC3, (byte) 0x28, 0x00, (byte) 0xFF});
        corpus.add(new byte[] {'{', '"', 'c', 'o', 'd', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'});
        corpus.add(new byte[0]);
        corpus.add(null);
        byte[] big = new byte[1_000_000];
        Arrays.fill(big, (byte) 'x');
        corpus.add(utf8("{\"code\":\"BIG\",\"blob\":\"" + new String(big, StandardCharsets.US_ASCII) + "\"}"));
        return corpus;
    }

    private static String show(byte[] data) {
        return data == null ? "null" : new String(data, 0, Math.min(data.length, 60), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Counts the values built as a whole; the decoder copies its mapper, so the count is static. */
    static final class CountingMapper extends ObjectMapper {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger reads = new AtomicInteger();

        CountingMapper() {
            reads.set(0);
        }

        private CountingMapper(CountingMapper source) {
            super(source);
        }

        @Override
        public ObjectMapper copy() {
            return new CountingMapper(this);
        }

        @Override
        public <T> T readValue(byte[] src, Class<T> valueType) throws java.io.IOException {
            reads.incrementAndGet();
            return super.readValue(src, valueType);
        }
    }
}
