package io.kafkify.consumers.infrastructure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated JSON documents, valid ones and the same mutated, for the property tests of
 * {@link JsonScanner}: every construct the scanner decides on, often enough that each verdict of
 * Jackson's is seen many times (well-formed, not, and past a limit).
 */
final class JsonDocuments {

    /** How a generated document was changed before it is read. */
    enum Mutation {
        NONE, FLIP_BYTE, TRUNCATE, INSERT_SYNTAX, DELETE_BYTE, INVALID_UTF8, INSERT_CHARACTER, TRAILING, LEADING
    }

    /** A document and the mutation that made it. */
    record Sample(Mutation mutation, byte[] data) {
        @Override
        public String toString() {
            return mutation + ": " + new String(data, StandardCharsets.ISO_8859_1);
        }
    }

    /** Bytes that change JSON's structure where they land, the zero byte and control characters among them. */
    private static final byte[] SYNTAX = "{}[],:\"\\ \t\n\r0-+.eEtfnu/#'\u0000\u0001\u001f\u007f".getBytes(StandardCharsets.UTF_8);
    /** Invalid UTF-8: a lone continuation, overlong forms, surrogates, above U+10FFFF, cut sequences. */
    private static final List<byte[]> INVALID_UTF8 = List.of(bytes(0x80), bytes(0xBF), bytes(0xC0, 0xAF),
            bytes(0xC1, 0xBF), bytes(0xE0, 0x80, 0xAF), bytes(0xF0, 0x80, 0x80, 0xAF), bytes(0xED, 0xA0, 0x80),
            bytes(0xED, 0xBF, 0xBF), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF5, 0x80, 0x80, 0x80), bytes(0xFF),
            bytes(0xE2, 0x82), bytes(0xF0, 0x9F, 0x98), bytes(0xC3));
    /** Valid characters that JSON allows only inside strings: outside, the document is text. */
    private static final List<String> CHARACTERS = List.of("é", "€", "😀", "\u00a0", "\ufeff", "\u2028", "\uffff", "\u0000");

    private JsonDocuments() {
    }

    /** @return valid documents, mutated or not, with their mutation */
    static Arbitrary<Sample> samples() {
        Arbitrary<Mutation> mutations = Arbitraries.frequency(Tuple.of(4, Mutation.NONE),
                Tuple.of(2, Mutation.FLIP_BYTE), Tuple.of(1, Mutation.TRUNCATE), Tuple.of(2, Mutation.INSERT_SYNTAX),
                Tuple.of(1, Mutation.DELETE_BYTE), Tuple.of(1, Mutation.INVALID_UTF8),
                Tuple.of(1, Mutation.INSERT_CHARACTER), Tuple.of(1, Mutation.TRAILING), Tuple.of(1, Mutation.LEADING));
        return samples(mutations);
    }

    /** @return valid documents changed by the given mutation */
    static Arbitrary<Sample> samples(Mutation mutation) {
        return samples(Arbitraries.just(mutation));
    }

    private static Arbitrary<Sample> samples(Arbitrary<Mutation> mutations) {
        Arbitrary<String> documents = Arbitraries.frequencyOf(
                Tuple.of(12, Combinators.combine(whiteSpace(), value(3), whiteSpace()).as((a, v, b) -> a + v + b)),
                Tuple.of(1, deep()), Tuple.of(1, envelope()));
        return Combinators.combine(documents, mutations, Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, 255))
                .as((document, mutation, where, what) -> new Sample(mutation,
                        mutate(document.getBytes(StandardCharsets.UTF_8), mutation, where, what)));
    }

    static Arbitrary<String> value(int depth) {
        if (depth == 0) {
            return scalar();
        }
        return Arbitraries.frequencyOf(Tuple.of(3, scalar()),
                Tuple.of(2, Arbitraries.lazy(() -> object(depth - 1))),
                Tuple.of(1, Arbitraries.lazy(() -> array(depth - 1))));
    }

    private static Arbitrary<String> scalar() {
        return Arbitraries.frequencyOf(Tuple.of(4, string()), Tuple.of(3, number()),
                Tuple.of(1, Arbitraries.of("true", "false", "null")));
    }

    private static Arbitrary<String> object(int depth) {
        Arbitrary<String> member = Combinators.combine(whiteSpace(), name(), whiteSpace(), whiteSpace(),
                value(depth), whiteSpace()).as((a, name, b, c, value, d) -> a + name + b + ':' + c + value + d);
        return member.list().ofMaxSize(4).map(members -> '{' + String.join(",", members) + '}');
    }

    private static Arbitrary<String> array(int depth) {
        Arbitrary<String> element = Combinators.combine(whiteSpace(), value(depth), whiteSpace())
                .as((a, value, b) -> a + value + b);
        return element.list().ofMaxSize(4).map(elements -> '[' + String.join(",", elements) + ']');
    }

    /** @return {@code code} often (duplicates follow), spelled with escapes too, or any string */
    private static Arbitrary<String> name() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("\"code\"")),
                Tuple.of(1, Arbitraries.of("\"\\u0063ode\"", "\"c\\u006Fde\"", "\"cod\\u0065\"", "\"Code\"",
                        "\"code \"", "\"cod\"", "\"codes\"", "\"data\"")),
                Tuple.of(4, string()));
    }

    private static Arbitrary<String> string() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6)),
                Tuple.of(2, Arbitraries.of("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9",
                        "\\u00C9", "\\u0000", "\\u001F", "\\uD83D\\uDE00", "\\uDBFF\\uDFFF", "\\uD800", "\\uDC00",
                        "\\uDE00\\uD83D", "\\uD83D\\n")),
                Tuple.of(2, Arbitraries.of("é", "€", "😀", "ü", "\u007f", "\u00a0", "\uffff", " ", "'", "/")));
        Arbitrary<String> long_ = Arbitraries.of(255, 256, 257, 300).map("x"::repeat); // names: the scan's limit
        return Arbitraries.frequencyOf(Tuple.of(300, piece.list().ofMaxSize(6).map(pieces -> String.join("", pieces))),
                Tuple.of(1, long_)).map(content -> '"' + content + '"');
    }

    private static Arbitrary<String> number() {
        // Long numbers are rare per number, so that few documents hold one: past 64 bytes the scan is unsure.
        Arbitrary<String> integer = Arbitraries.frequencyOf(Tuple.of(50, Arbitraries.just("0")),
                Tuple.of(200, Arbitraries.longs().between(1, Long.MAX_VALUE).map(String::valueOf)),
                Tuple.of(1, Arbitraries.integers().between(60, 66).map(n -> "1" + "0".repeat(n))),
                Tuple.of(1, Arbitraries.of(998, 999, 1000, 1001).map(n -> "9".repeat(n))));
        Arbitrary<String> fraction = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.integers().between(0, 99999).map(n -> "." + n)));
        Arbitrary<String> exponent = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("")),
                Tuple.of(1, Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                        Arbitraries.integers().between(0, 400)).as((e, sign, n) -> e + sign + n)));
        return Combinators.combine(Arbitraries.of("", "", "-"), integer, fraction, exponent)
                .as((sign, i, f, e) -> sign + i + f + e);
    }

    private static Arbitrary<String> whiteSpace() {
        return Arbitraries.of("", "", "", "", " ", "\n", "\t", "\r\n", "  ");
    }

    /** @return nesting around the limits: the scanner's (64) and Jackson's (1,000) */
    private static Arbitrary<String> deep() {
        return Combinators.combine(Arbitraries.of(1, 2, 10, 63, 64, 65, 999, 1000, 1001, 1010),
                Arbitraries.of("[", "{\"code\":"),
                scalar()).as((levels, open, inner) -> open.repeat(levels) + inner
                        + (open.equals("[") ? "]" : "}").repeat(levels));
    }

    /** @return the documented envelope, with a nested code beside the real one */
    private static Arbitrary<String> envelope() {
        return Combinators.combine(string(), value(2)).as((code, data) ->
                "{\"code\":" + code + ",\"data\":{\"code\":\"NESTED\",\"x\":" + data + "},\"timestamp\":\"2023-10-27T10:00:00Z\"}");
    }

    static byte[] mutate(byte[] data, Mutation mutation, int where, int what) {
        int at = data.length == 0 ? 0 : where % (data.length + 1);
        return switch (mutation) {
            case NONE -> data;
            case FLIP_BYTE -> {
                byte[] flipped = data.clone();
                if (flipped.length > 0) {
                    flipped[where % flipped.length] = (byte) what;
                }
                yield flipped;
            }
            case TRUNCATE -> java.util.Arrays.copyOf(data, at);
            case INSERT_SYNTAX -> insert(data, at, new byte[] {SYNTAX[what % SYNTAX.length]});
            case DELETE_BYTE -> at == data.length ? data : concat(slice(data, 0, at), slice(data, at + 1, data.length));
            case INVALID_UTF8 -> insert(data, at, INVALID_UTF8.get(what % INVALID_UTF8.size()));
            case INSERT_CHARACTER -> insert(data, at, CHARACTERS.get(what % CHARACTERS.size()).getBytes(StandardCharsets.UTF_8));
            case TRAILING -> concat(data, List.of(" ", "\n", " x", "}", "]", ",", "0", "{}", "//", "\u0000", "\u00a0")
                    .get(what % 11).getBytes(StandardCharsets.UTF_8));
            case LEADING -> concat(List.of(" ", "\ufeff", "\u0000", "\u0000\u0000\u0000", "x", "\t\n")
                    .get(what % 6).getBytes(StandardCharsets.UTF_8), data);
        };
    }

    private static byte[] insert(byte[] data, int at, byte[] inserted) {
        return concat(concat(slice(data, 0, at), inserted), slice(data, at, data.length));
    }

    private static byte[] slice(byte[] data, int from, int to) {
        return java.util.Arrays.copyOfRange(data, from, to);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
