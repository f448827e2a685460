package io.kafkify.consumers.infrastructure;

/**
 * One UTF-8 character at a time, checked as strictly as the JDK's decoder checks a whole value
 * ({@link JsonDocument#isUtf8}): no overlong forms, no surrogates, nothing above U+10FFFF, no cut
 * sequences. {@link JsonScanner} checks the characters of strings with it as it meets them.
 *
 * <p>Threading: stateless.
 */
final class Utf8Sequences {

    private static final int BAD_UTF8 = (int) JsonScanner.NOT_UTF8;

    private Utf8Sequences() {
    }

    /**
     * The well-formed sequences of Unicode's table 3-7, which the JDK's UTF-8 decoder accepts.
     *
     * @param data the bytes
     * @param i the index of a byte that is not ASCII
     * @return the index after the character it starts, or {@link JsonScanner#NOT_UTF8}
     */
    static int skip(byte[] data, int i) {
        final int n = data.length;
        int lead = data[i] & 0xFF;
        if (lead < 0xC2) {
            return BAD_UTF8; // a continuation byte, or an overlong lead
        }
        if (lead < 0xE0) {
            return i + 1 < n && continues(data[i + 1]) ? i + 2 : BAD_UTF8;
        }
        if (lead < 0xF0) {
            if (i + 2 >= n) {
                return BAD_UTF8;
            }
            int second = data[i + 1] & 0xFF;
            boolean valid = lead == 0xE0 ? second >= 0xA0 && second <= 0xBF // not overlong
                    : lead == 0xED ? second >= 0x80 && second <= 0x9F // not a surrogate
                    : continues(data[i + 1]);
            return valid && continues(data[i + 2]) ? i + 3 : BAD_UTF8;
        }
        if (lead < 0xF5) {
            if (i + 3 >= n) {
                return BAD_UTF8;
            }
            int second = data[i + 1] & 0xFF;
            boolean valid = lead == 0xF0 ? second >= 0x90 && second <= 0xBF // not overlong
                    : lead == 0xF4 ? second >= 0x80 && second <= 0x8F // not above U+10FFFF
                    : continues(data[i + 1]);
            return valid && continues(data[i + 2]) && continues(data[i + 3]) ? i + 4 : BAD_UTF8;
        }
        return BAD_UTF8;
    }

    private static boolean continues(byte c) {
        return (c & 0xC0) == 0x80;
    }
}
