package io.kafkify.consumers.infrastructure;

import static io.kafkify.consumers.infrastructure.JsonDocument.Kind.BYTES;
import static io.kafkify.consumers.infrastructure.JsonDocument.Kind.JSON;
import static io.kafkify.consumers.infrastructure.JsonDocument.Kind.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Hand-picked edge cases of {@link JsonScanner}, each checked against the expected verdict and
 * against Jackson's parser; and which mappers {@link JsonScannerGate} lets it stand in for.
 */
class JsonScannerTest {

    private static final ObjectMapper MAPPER = JsonDefaults.objectMapper().copy()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A document, what it reads as, and whether the scan decides it (else Jackson does). */
    private record Case(byte[] data, JsonDocument.Kind kind, @Nullable String code, boolean decided) {
        @Override
        public String toString() {
            return new String(data, 0, Math.min(data.length, 80), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void decides_the_edge_cases_as_Jackson_does() {
        for (Case edge : cases()) {
            JsonDocument scanned = JsonDocument.read(MAPPER, true, edge.data());
            JsonDocument jackson = JsonDocument.read(MAPPER, false, edge.data());

            assertThat(jackson.kind()).as("Jackson on " + edge).isEqualTo(edge.kind());
            assertThat(jackson.code()).as("Jackson's code of " + edge).isEqualTo(edge.code());
            assertThat(scanned.kind()).as("kind of " + edge).isEqualTo(edge.kind());
            assertThat(scanned.code()).as("code of " + edge).isEqualTo(edge.code());
            if (JsonDocument.mayBeJson(edge.data())) {
                assertThat(JsonScanner.scan(edge.data()) != JsonScanner.UNSURE).as("scan decides " + edge)
                        .isEqualTo(edge.decided());
            }
        }
    }

    @Test
    void stands_in_for_Kafkifys_default_mapper_and_plain_ones_only() {
        assertThat(JsonScannerGate.admits(MAPPER)).isTrue();
        assertThat(JsonScannerGate.admits(new ObjectMapper())).isTrue();
        assertThat(JsonScannerGate.admits(JsonMapper.builder().build())).isTrue();
        assertThat(JsonScannerGate.admits(new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)))
                .as("a feature that changes no verdict").isTrue();

        assertThat(JsonScannerGate.admits(JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build()))
                .isFalse();
        assertThat(JsonScannerGate.admits(new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS))).isFalse();
        assertThat(JsonScannerGate.admits(new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)))
                .isFalse();
        ObjectMapper readerFeature = new ObjectMapper();
        readerFeature.setConfig(readerFeature.getDeserializationConfig().with(JsonReadFeature.ALLOW_SINGLE_QUOTES));
        assertThat(JsonScannerGate.admits(readerFeature)).as("a feature of the deserialization config").isFalse();
        ObjectMapper shallow = new ObjectMapper();
        shallow.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10).build());
        assertThat(JsonScannerGate.admits(shallow)).as("a limit below the scanner's").isFalse();
        ObjectMapper bounded = new ObjectMapper();
        bounded.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(100).build());
        assertThat(JsonScannerGate.admits(bounded)).as("a document length limit").isFalse();
        assertThat(JsonScannerGate.admits(new ObjectMapper() {
            private static final long serialVersionUID = 1L;
        })).as("a subclass").isFalse();
    }

    @Test
    void leaves_a_mapper_it_does_not_model_to_Jackson() {
        ObjectMapper comments = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);
        byte[] data = utf8("{\"code\":\"A\" /* a comment */}");

        assertThat(new JsonValueDecoder(comments).decodeLazily("t", List.of(), data).code()).isEqualTo("A");
        assertThat(new JsonValueDecoder().decodeLazily("t", List.of(), data).code()).isNull();
    }

    private static List<Case> cases() {
        String deep64 = "[".repeat(64) + "]".repeat(64);
        String deep65 = "[".repeat(65) + "]".repeat(65);
        String deep1001 = "[".repeat(1001) + "]".repeat(1001);
        return List.of(
                json("{\"code\":\"A\"}", "A"),
                json("{}", null),
                json("[]", null),
                json(" \t\r\n{ \"code\" : \"A\" } \t\r\n", "A"),
                json("\"text\"", null),
                json("0", null), json("-0", null), json("-0.0e-0", null), json("1E+9", null), json("123.456e789", null),
                json("true", null), json("false", null), json("null", null),
                // the code: last one wins, non-strings are none, nested ones do not count
                json("{\"code\":\"A\",\"code\":\"B\"}", "B"),
                json("{\"code\":\"A\",\"code\":7}", null),
                json("{\"code\":7,\"code\":\"B\"}", "B"),
                json("{\"code\":null}", null), json("{\"code\":true}", null), json("{\"code\":[\"A\"]}", null),
                json("{\"code\":{\"code\":\"A\"}}", null),
                json("{\"data\":{\"code\":\"A\"}}", null),
                json("[{\"code\":\"A\"}]", null),
                json("{\"code\":\"\"}", ""),
                json("{\"Code\":\"A\"}", null), json("{\"code \":\"A\"}", null),
                // escapes, in the code and in its name
                json("{\"\\u0063ode\":\"A\"}", "A"),
                json("{\"c\\u006Fde\":\"A\"}", "A"),
                json("{\"code\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", "\"\\/\b\f\n\r\t"),
                json("{\"code\":\"\\u00e9\\u00C9\\u0000\"}", "éÉ\u0000"),
                json("{\"code\":\"\\uD83D\\uDE00\"}", "😀"),
                json("{\"code\":\"\\uD800\"}", "\uD800"),
                json("{\"code\":\"\\uDC00x\\uD800\"}", "\uDC00x\uD800"),
                json("{\"code\":\"Zoë € 😀\"}", "Zoë € 😀"),
                json("{\"code\":\"\u007f\"}", "\u007f"),
                json("{\"code\":\"\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff\"}",
                        "\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff"),
                json("{\"\\uD83D\\uDE00\":1,\"code\":\"A\"}", "A"),
                json("{\"\\u0000\":1}", null),
                // Jackson checks surrogate escapes in names, not in values
                text("{\"\\uD800\":1}"), text("{\"\\uDC00\":1}"), text("{\"\\uD83D\\n\":1}"), text("{\"\\uD83D\\u0041\":1}"),
                text("{\"a\\uD83D\":1}"),
                // not JSON: text, whatever came before the flaw
                text("{\"code\":\"A\",}"), text("[1,]"), text("[,1]"), text("{,}"), text("{\"code\":\"A\"} x"),
                text("{\"code\":\"A\"}{}"), text("1 2"), text("12 apples"), text("[1"), text("{\"a\":1"),
                text("{\"code\":\"A"), text("\"abc"), text("{\"a\"}"), text("{\"a\":}"), text("{\"a\" 1}"),
                text("{\"a\":1 \"b\":2}"), text("[1 2]"), text("{'a':1}"), text("{a:1}"), text("[\"a\t\"]"),
                text("[\"\\x\"]"), text("[\"\\u12\"]"), text("[\"\\u12G4\"]"), text("[\"\\'\"]"),
                text("01"), text("-01"), text("00"), text("1."), text("1.e5"), text("1e"), text("1e+"), text("-"),
                text("-a"), text("[.5]"), text("[+1]"), text("NaN"), text("[NaN]"), text("-Infinity"),
                text("tru"), text("truex"), text("true1"), text("nul"), text("[true false]"), text("{\"a\":1}]"),
                text("]"), text("[}"), text("{]"), text("[1]]"), text("{} //"), text("{} /* */"), text("{}#"),
                text("[1]\u00a0"), text("\u00a0[1]"), text("[\u00a0]"), text("{\"code\":\"A\"}\u0000"),
                text("[1,\u0001]"), text("[\"é\"] é"),
                // the zero byte and the byte order mark: Jackson detects other encodings, the scan asks it
                unsure("1\u0000", JSON), unsure(" \u0000", TEXT), unsure("[\u0000]", TEXT),
                new Case(utf8("\ufeff{\"code\":\"A\"}"), TEXT, null, false),
                // not UTF-8: bytes, whatever the JSON, and wherever the bad sequence is
                bytes(0x5B, 0x31, 0x5D, 0x20, 0xFF), bytes(0x7B, 0x7D, 0xC3), text("{}é"), bytes(0x22, 0xC3),
                bytes(0x22, 0xF0, 0x9F, 0x98, 0x22), bytes(0x22, 0xF0, 0x8F, 0xBF, 0xBF, 0x22),
                bytes(0x22, 0xC1, 0xBF, 0x22), bytes(0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22),
                bytes(0x7B, 0x22, 0x63, 0x6F, 0x64, 0x65, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D),
                bytes(0x22, 0xED, 0xA0, 0x80, 0x22), bytes(0x22, 0xF4, 0x90, 0x80, 0x80, 0x22),
                bytes(0x22, 0xE0, 0x80, 0xAF, 0x22), bytes(0x22, 0x80, 0x22), bytes(0x22, 0xC3, 0x22),
                // the limits: the scan's own (unsure, Jackson reads) and Jackson's (text)
                json(deep64, null),
                unsure(deep65, JSON),
                unsure(deep1001, TEXT),
                json("[" + "1".repeat(64) + "]", null),
                unsure("[" + "1".repeat(65) + "]", JSON),
                unsure("[" + "1".repeat(1001) + "]", TEXT),
                json("{\"" + "n".repeat(256) + "\":1,\"code\":\"A\"}", "A"),
                unsure("{\"" + "n".repeat(257) + "\":1,\"code\":\"A\"}", JSON, "A"),
                unsure("{\"" + "n".repeat(50_001) + "\":1}", TEXT),
                json("{\"code\":\"A\",\"blob\":\"" + "x".repeat(1 << 20) + "\"}", "A"),
                unsure("{\"code\":\"A\",\"blob\":\"" + "x".repeat((1 << 20) + 1) + "\"}", JSON, "A"));
    }

    private static Case json(String text, @Nullable String code) {
        return new Case(utf8(text), JSON, code, true);
    }

    private static Case text(String text) {
        return new Case(utf8(text), TEXT, null, true);
    }

    private static Case unsure(String text, JsonDocument.Kind kind) {
        return unsure(text, kind, null);
    }

    private static Case unsure(String text, JsonDocument.Kind kind, @Nullable String code) {
        return new Case(utf8(text), kind, code, false);
    }

    private static Case bytes(int... values) {
        byte[] data = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (byte) values[i];
        }
        return new Case(data, BYTES, null, true);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
