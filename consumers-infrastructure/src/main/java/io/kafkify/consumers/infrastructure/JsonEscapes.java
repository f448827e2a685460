package io.kafkify.consumers.infrastructure;

import java.nio.charset.StandardCharsets;

/**
 * The backslash escapes of JSON strings, as Jackson reads them: {@code \" \\ \/ \b \f \n \r \t}
 * and {@code \\uXXXX} with four hexadecimal digits of either case, one {@code char} each (a
 * surrogate escape stays one {@code char}, paired or not, in a value; in a name it must be paired).
 * Any other escape is malformed.
 *
 * <p>Threading: stateless.
 */
final class JsonEscapes {

    private static final int INVALID = (int) JsonScanner.NOT_JSON;

    private JsonEscapes() {
    }

    /**
     * @param data the bytes
     * @param from the index after a backslash inside a string value
     * @return the index after the escape, or {@link JsonScanner#NOT_JSON} when it is malformed
     */
    static int skip(byte[] data, int from) {
        if (from >= data.length) {
            return INVALID;
        }
        switch (data[from]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return from + 1;
            }
            case 'u' -> {
                return unicode(data, from) < 0 ? INVALID : from + 5;
            }
            default -> {
                return INVALID;
            }
        }
    }

    /**
     * In a name Jackson also checks surrogates: a high surrogate escape must be followed at once by
     * the escape of a low one, and a low one must not stand alone.
     *
     * @param data the bytes
     * @param from the index after a backslash inside a name
     * @return the index after the escape (after both escapes of a pair), or {@link JsonScanner#NOT_JSON}
     */
    static int skipInName(byte[] data, int from) {
        if (from >= data.length || data[from] != 'u') {
            return skip(data, from);
        }
        int value = unicode(data, from);
        if (value < 0 || Character.isLowSurrogate((char) value)) {
            return INVALID;
        }
        if (!Character.isHighSurrogate((char) value)) {
            return from + 5;
        }
        int low = from + 5;
        if (low + 1 >= data.length || data[low] != '\\' || data[low + 1] != 'u') {
            return INVALID;
        }
        int lowValue = unicode(data, low + 1);
        return lowValue >= 0 && Character.isLowSurrogate((char) lowValue) ? low + 6 : INVALID;
    }

    /** @return the value of the four hexadecimal digits after the {@code u} at {@code u}, or -1 */
    private static int unicode(byte[] data, int u) {
        if (u + 4 >= data.length) {
            return -1;
        }
        int value = 0;
        for (int i = u + 1; i <= u + 4; i++) {
            int digit = hex(data[i]);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /**
     * @param data the bytes
     * @param start the first byte of a string's content, after its opening quote
     * @param end the index of its closing quote; the escapes between are well-formed
     * @return the string's value
     */
    static String decode(byte[] data, int start, int end) {
        StringBuilder text = new StringBuilder(end - start);
        int run = start;
        int i = start;
        while (i < end) {
            if (data[i] != '\\') {
                i++;
                continue;
            }
            // An escape is ASCII, so the run before it is whole UTF-8 characters.
            text.append(new String(data, run, i - run, StandardCharsets.UTF_8));
            byte kind = data[i + 1];
            if (kind == 'u') {
                int value = 0;
                for (int k = i + 2; k < i + 6; k++) {
                    value = value << 4 | hex(data[k]);
                }
                text.append((char) value);
                i += 6;
            } else {
                text.append(switch (kind) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> (char) kind; // '"', '\\', '/'
                });
                i += 2;
            }
            run = i;
        }
        return text.append(new String(data, run, end - run, StandardCharsets.UTF_8)).toString();
    }

    /**
     * @param data the bytes
     * @param start the first byte of a string's content
     * @param end the index of its closing quote
     * @param expected the value to compare with
     * @return whether the string's value is {@code expected}
     */
    static boolean equals(byte[] data, int start, int end, String expected) {
        return decode(data, start, end).equals(expected);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
