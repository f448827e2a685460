package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.Message;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a record's bytes that decides what Jackson's default parser would: whether they
 * are one well-formed JSON value, and the top-level {@code code} field's string. It builds no
 * tokens, names or strings (but the code), keeps no symbol table and allocates nothing but the
 * code's {@code String}; the routing read does not need more, and Jackson's tokenizer cost as
 * much as the decode to a {@code Map} ({@code docs/benchmarks.md}, scenario 4).
 *
 * <p>It accepts exactly the grammar of Jackson's {@code UTF8StreamJsonParser} with every
 * {@code JsonReadFeature} off: white space is space, tab, line feed and carriage return; no
 * comments, no single quotes, no unquoted names, no leading zeros or {@code +}, no {@code NaN}, no
 * missing values or trailing commas; in strings no unescaped control character and only the
 * escapes {@code \" \\ \/ \b \f \n \r \t \\uXXXX} (in a value a lone surrogate escape is kept, as
 * Jackson keeps it; in a name it must be paired, as Jackson 2.23 checks); after the root value only
 * white space. Duplicate names are allowed and the last
 * {@code code} counts, as a map built from the document holds it; a {@code code} that is not a
 * string is no code. Where Jackson might answer otherwise than this grammar, the scan answers
 * {@link #UNSURE} and the caller asks Jackson: a zero byte among the first four (Jackson then
 * detects UTF-16 or UTF-32), a UTF-8 byte order mark, and documents near a
 * {@code StreamReadConstraints} limit (see the {@code MAX_} constants; {@link JsonScannerGate}
 * admits only mappers whose limits lie above them).
 *
 * <p>It checks UTF-8 as strictly as the JDK's decoder (no overlong forms, no surrogates, nothing
 * above U+10FFFF, no cut sequences) where JSON allows other bytes than ASCII, inside strings and
 * names: a document it accepts is valid UTF-8, one it finds a bad sequence in is {@link #NOT_UTF8};
 * of one it rejects for another flaw it knows nothing more (the rest was not read).
 *
 * <p>Threading: stateless.
 */
final class JsonScanner {

    /** The bytes are not one well-formed JSON value. */
    static final long NOT_JSON = -1;
    /** The scan cannot tell as surely as Jackson: ask Jackson. */
    static final long UNSURE = -2;
    /** Well-formed JSON without a top-level string {@code code}. */
    static final long NO_CODE = -3;
    /** The bytes are not valid UTF-8 (a bad sequence in a string): bytes, whatever their JSON. */
    static final long NOT_UTF8 = -4;

    /** Deeper documents are {@link #UNSURE}: the open containers are one bit each of a {@code long}. */
    static final int MAX_DEPTH = 64;
    /** Longer numbers, in bytes, are {@link #UNSURE}. */
    static final int MAX_NUMBER_LENGTH = 64;
    /** Longer names, in bytes, are {@link #UNSURE}. */
    static final int MAX_NAME_LENGTH = 256;
    /** Longer strings, in bytes, are {@link #UNSURE}. */
    static final int MAX_STRING_LENGTH = 1 << 20;

    private static final int INVALID = (int) NOT_JSON;
    private static final int ASK_JACKSON = (int) UNSURE;
    private static final byte[] CODE = Message.CODE_FIELD.getBytes(StandardCharsets.US_ASCII);
    /** By unsigned byte: what ends a run of plain string content (quote, backslash, control character, not ASCII). */
    private static final boolean[] STRING_SPECIAL = new boolean[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            STRING_SPECIAL[c] = true;
        }
        for (int c = 0x80; c < 0x100; c++) {
            STRING_SPECIAL[c] = true;
        }
        STRING_SPECIAL['"'] = true;
        STRING_SPECIAL['\\'] = true;
    }

    private JsonScanner() {
    }

    /**
     * @param data the bytes
     * @return {@link #NOT_JSON}, {@link #NOT_UTF8}, {@link #UNSURE}, {@link #NO_CODE}, or the code's place, which
     *     {@link #code} reads
     */
    static long scan(byte[] data) {
        if (encodingMayDiffer(data)) {
            return UNSURE;
        }
        final int n = data.length;
        long code = NO_CODE;
        long objects = 0; // bit k: whether the container open at depth k + 1, counted from the innermost, is an object
        int depth = 0;
        boolean member = false; // whether a name and colon come before the next value
        int i = whiteSpace(data, 0);
        while (true) {
            boolean codeValue = false; // whether the next value is the root object's "code"
            if (member) {
                int name = i + 1;
                i = name(data, i);
                if (i < 0) {
                    return i;
                }
                codeValue = depth == 1 && isCode(data, name, i - 1);
                i = valueAfterName(data, i);
                if (i < 0) {
                    return i;
                }
            }
            // A value starts at i.
            if (i >= n) {
                return NOT_JSON;
            }
            int c = data[i];
            if (codeValue) {
                code = NO_CODE; // unless it is a string, below: the last "code" counts
            }
            if (c == '"') {
                int start = i + 1;
                i = string(data, start, MAX_STRING_LENGTH, false);
                if (i < 0) {
                    return i;
                }
                if (codeValue) {
                    code = (long) start << 32 | (i - 1);
                }
            } else if (c == '{' || c == '[') {
                if (depth == MAX_DEPTH) {
                    return UNSURE;
                }
                depth++;
                member = c == '{';
                objects = objects << 1 | (member ? 1 : 0);
                i = whiteSpace(data, i + 1);
                if (i >= n || data[i] != (member ? '}' : ']')) {
                    continue; // the first member or element
                }
                i++;
                depth--;
                objects >>>= 1;
            } else {
                i = c == '-' || (c >= '0' && c <= '9') ? number(data, i) : literal(data, i, c);
                if (i < 0) {
                    return i;
                }
            }
            // After a value: close containers until a comma, or the end of the root value.
            while (true) {
                i = whiteSpace(data, i);
                if (depth == 0) {
                    return i == n ? code : NOT_JSON;
                }
                if (i >= n) {
                    return NOT_JSON;
                }
                c = data[i++];
                member = (objects & 1) != 0;
                if (c == ',') {
                    i = whiteSpace(data, i);
                    break;
                }
                if (c != (member ? '}' : ']')) {
                    return NOT_JSON;
                }
                depth--;
                objects >>>= 1;
            }
        }
    }

    /**
     * @param data the scanned bytes
     * @param found what {@link #scan} returned for them, neither {@link #NOT_JSON} nor {@link #UNSURE}
     * @return the code, null for {@link #NO_CODE}
     */
    static @Nullable String code(byte[] data, long found) {
        if (found == NO_CODE) {
            return null;
        }
        if (found < 0) {
            throw new IllegalArgumentException("no scanned document: " + found);
        }
        int start = (int) (found >>> 32);
        int end = (int) found;
        for (int i = start; i < end; i++) {
            if (data[i] == '\\') {
                return JsonEscapes.decode(data, start, end);
            }
        }
        return new String(data, start, end - start, StandardCharsets.UTF_8);
    }

    /** @return whether Jackson may read the bytes as another encoding than UTF-8, or skip a byte order mark */
    private static boolean encodingMayDiffer(byte[] data) {
        int n = data.length;
        if (n >= 3 && data[0] == (byte) 0xEF && data[1] == (byte) 0xBB && data[2] == (byte) 0xBF) {
            return true;
        }
        if (n < 2) {
            return false;
        }
        for (int i = 0; i < 4 && i < n; i++) {
            if (data[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static int whiteSpace(byte[] data, int from) {
        int i = from;
        while (i < data.length) {
            byte c = data[i];
            if (c > ' ' || c < 0 || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
                return i;
            }
            i++;
        }
        return i;
    }

    /** @return the index after the name whose opening quote should be at {@code i}, or a negative verdict */
    private static int name(byte[] data, int i) {
        if (i >= data.length || data[i] != '"') {
            return INVALID;
        }
        return string(data, i + 1, MAX_NAME_LENGTH, true);
    }

    /** @return whether the name between {@code start} and its closing quote at {@code end} reads {@code code} */
    private static boolean isCode(byte[] data, int start, int end) {
        if (end - start == CODE.length) {
            return data[start] == CODE[0] && data[start + 1] == CODE[1] && data[start + 2] == CODE[2]
                    && data[start + 3] == CODE[3];
        }
        if (end - start < CODE.length) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (data[i] == '\\') {
                return JsonEscapes.equals(data, start, end, Message.CODE_FIELD); // rare: decodes
            }
        }
        return false; // longer, and no escape to shorten it
    }

    /** @return the index of the value after the name's colon, or a negative verdict */
    private static int valueAfterName(byte[] data, int afterName) {
        int i = whiteSpace(data, afterName);
        if (i >= data.length || data[i] != ':') {
            return INVALID;
        }
        return whiteSpace(data, i + 1);
    }

    /**
     * @param from the index after the opening quote
     * @param limit the longest content, in bytes, that is not {@link #UNSURE}
     * @param name whether the string is a name, whose surrogate escapes must pair
     * @return the index after the closing quote, or a negative verdict
     */
    private static int string(byte[] data, int from, int limit, boolean name) {
        final int n = data.length;
        int i = from;
        while (true) {
            while (i < n && !STRING_SPECIAL[data[i] & 0xFF]) {
                i++;
            }
            if (i >= n) {
                return INVALID;
            }
            byte c = data[i];
            if (c == '"') {
                return i - from > limit ? ASK_JACKSON : i + 1;
            }
            if (c < 0) {
                i = Utf8Sequences.skip(data, i);
                if (i < 0) {
                    return i;
                }
                continue;
            }
            if (c != '\\') {
                return INVALID; // a control character
            }
            i = name ? JsonEscapes.skipInName(data, i + 1) : JsonEscapes.skip(data, i + 1);
            if (i < 0) {
                return i;
            }
        }
    }

    /** @return the index after the number at {@code from}, or a negative verdict */
    private static int number(byte[] data, int from) {
        final int n = data.length;
        int i = from;
        if (data[i] == '-') {
            i++;
        }
        if (i >= n) {
            return INVALID;
        }
        if (data[i] == '0') {
            i++;
            if (i < n && isDigit(data[i])) {
                return INVALID; // leading zero
            }
        } else {
            int digits = digits(data, i);
            if (digits == i) {
                return INVALID;
            }
            i = digits;
        }
        if (i < n && data[i] == '.') {
            int digits = digits(data, i + 1);
            if (digits == i + 1) {
                return INVALID;
            }
            i = digits;
        }
        if (i < n && (data[i] == 'e' || data[i] == 'E')) {
            i++;
            if (i < n && (data[i] == '+' || data[i] == '-')) {
                i++;
            }
            int digits = digits(data, i);
            if (digits == i) {
                return INVALID;
            }
            i = digits;
        }
        return i - from > MAX_NUMBER_LENGTH ? ASK_JACKSON : i;
    }

    private static int digits(byte[] data, int from) {
        int i = from;
        while (i < data.length && isDigit(data[i])) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** @return the index after {@code true}, {@code false} or {@code null} at {@code from}, or {@link #NOT_JSON} */
    private static int literal(byte[] data, int from, int first) {
        String word = switch (first) {
            case 't' -> "true";
            case 'f' -> "false";
            case 'n' -> "null";
            default -> null;
        };
        if (word == null || from + word.length() > data.length) {
            return INVALID;
        }
        for (int k = 1; k < word.length(); k++) {
            if (data[from + k] != word.charAt(k)) {
                return INVALID;
            }
        }
        return from + word.length();
    }
}
