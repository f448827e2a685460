package io.kafkify.consumers.engine.spi;

import io.kafkify.consumers.domain.MessageHeader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record bound for a dead-letter topic: the original key, value and headers, plus headers
 * that say where it came from and why it failed.
 *
 * <p>{@link #toString()} is meant for logs: the key, the value and each header's value read as
 * text when they are valid UTF-8 text and as a byte count otherwise, cut after 200 characters
 * (saying how long they were), on one line.
 *
 * @param topic the dead-letter topic
 * @param key the original key
 * @param value the original value
 * @param headers the original headers followed by the {@code kafkify-dlt-*} headers
 * @param original the original record
 * @param reason why the record could not be handled
 * @param attempts how many attempts were made
 */
public record DeadLetter(String topic, byte @Nullable [] key, byte @Nullable [] value, List<MessageHeader> headers,
                         RawRecord original, String reason, int attempts) {

    /** Header: the original topic. */
    public static final String ORIGINAL_TOPIC = "kafkify-dlt-original-topic";
    /** Header: the original partition. */
    public static final String ORIGINAL_PARTITION = "kafkify-dlt-original-partition";
    /** Header: the original offset. */
    public static final String ORIGINAL_OFFSET = "kafkify-dlt-original-offset";
    /** Header: the original timestamp, in epoch milliseconds. */
    public static final String ORIGINAL_TIMESTAMP = "kafkify-dlt-original-timestamp";
    /** Header: the class of the exception, or {@code unrouted}. */
    public static final String EXCEPTION_CLASS = "kafkify-dlt-exception-class";
    /** Header: the exception's message, the readable reason. */
    public static final String EXCEPTION_MESSAGE = "kafkify-dlt-exception-message";
    /** Header: the number of attempts made. */
    public static final String ATTEMPTS = "kafkify-dlt-attempts";

    /** How much of a key, a value, a header's value or the reason {@link #toString()} shows. */
    private static final int SHOWN_CODE_POINTS = 200;

    /**
     * Checks and normalizes the components.
     *
     * @param topic see {@link #topic()}
     * @param key see {@link #key()}
     * @param value see {@link #value()}
     * @param headers see {@link #headers()}
     * @param original see {@link #original()}
     * @param reason see {@link #reason()}
     * @param attempts see {@link #attempts()}
     */
    public DeadLetter {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(reason, "reason");
        headers = List.copyOf(headers);
    }

    /**
     * @param topic the dead-letter topic
     * @param original the record that failed
     * @param exceptionClass the failure's class name, or {@code unrouted}
     * @param message the failure's message
     * @param attempts how many attempts were made
     * @return the dead letter, with the original headers and Kafkify's
     */
    public static DeadLetter of(String topic, RawRecord original, String exceptionClass, @Nullable String message,
                                int attempts) {
        List<MessageHeader> headers = new ArrayList<>(original.headers());
        headers.add(MessageHeader.of(ORIGINAL_TOPIC, original.topic()));
        headers.add(MessageHeader.of(ORIGINAL_PARTITION, Integer.toString(original.partition())));
        headers.add(MessageHeader.of(ORIGINAL_OFFSET, Long.toString(original.offset())));
        headers.add(MessageHeader.of(ORIGINAL_TIMESTAMP, Long.toString(original.timestamp().toEpochMilli())));
        headers.add(MessageHeader.of(EXCEPTION_CLASS, exceptionClass));
        headers.add(MessageHeader.of(EXCEPTION_MESSAGE, message == null ? "" : message));
        headers.add(MessageHeader.of(ATTEMPTS, Integer.toString(attempts)));
        String reason = exceptionClass + ": " + message;
        return new DeadLetter(topic, original.key(), original.value(), headers, original, reason, attempts);
    }

    /**
     * @param replaced the headers to publish the record with
     * @return this dead letter with other headers
     */
    public DeadLetter withHeaders(List<MessageHeader> replaced) {
        return new DeadLetter(topic, key, value, replaced, original, reason, attempts);
    }

    /**
     * @param name a header name
     * @return the last header of that name as text, or null
     */
    public @Nullable String header(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(name)) {
                byte[] value = headers.get(i).value();
                return value == null ? null : new String(value, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * @return the dead letter for a log line, e.g. {@code DeadLetter[topic=orders.DLT, original=orders-0@42,
     *     attempts=3, reason="java.lang.IllegalStateException: boom", key="42", value="{"code":"X"}",
     *     headers=[trace="abc", kafkify-dlt-attempts="3"]]}: text in quotes, with line breaks and tabs
     *     escaped; {@code (16 bytes, not UTF-8 text)} for bytes that are not valid UTF-8, or that hold
     *     control characters other than line breaks and tabs (binary formats often decode as UTF-8);
     *     {@code null} for none; and {@code …(1,234 bytes)} after text cut at 200 characters
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("DeadLetter[topic=").append(topic)
                .append(", original=").append(original.coordinates())
                .append(", attempts=").append(attempts)
                .append(", reason=");
        appendText(text, reason, count(reason.length()) + " chars");
        text.append(", key=");
        appendBytes(text, key);
        text.append(", value=");
        appendBytes(text, value);
        text.append(", headers=[");
        for (int i = 0; i < headers.size(); i++) {
            MessageHeader header = headers.get(i);
            text.append(i == 0 ? "" : ", ").append(header.key()).append('=');
            appendBytes(text, header.value());
        }
        return text.append("]]").toString();
    }

    private static void appendBytes(StringBuilder text, byte @Nullable [] bytes) {
        if (bytes == null) {
            text.append("null");
            return;
        }
        String decoded = utf8Text(bytes);
        if (decoded == null) {
            text.append('(').append(count(bytes.length)).append(" bytes, not UTF-8 text)");
        } else {
            appendText(text, decoded, count(bytes.length) + " bytes");
        }
    }

    /** Quotes the text, cut after {@link #SHOWN_CODE_POINTS} code points, then says how long it was. */
    private static void appendText(StringBuilder text, String shown, String length) {
        boolean cut = shown.codePointCount(0, shown.length()) > SHOWN_CODE_POINTS;
        String head = cut ? shown.substring(0, shown.offsetByCodePoints(0, SHOWN_CODE_POINTS)) : shown;
        text.append('"');
        head.codePoints().forEach(codePoint -> appendEscaped(text, codePoint));
        text.append('"');
        if (cut) {
            text.append("\u2026(").append(length).append(')');
        }
    }

    /** Keeps a log line on one line: control characters (a reason may hold any) are written as escapes. */
    private static void appendEscaped(StringBuilder text, int codePoint) {
        switch (codePoint) {
            case '\n' -> text.append("\\n");
            case '\r' -> text.append("\\r");
            case '\t' -> text.append("\\t");
            default -> {
                if (Character.isISOControl(codePoint)) {
                    text.append(String.format(Locale.ROOT, "\\u%04x", codePoint));
                } else {
                    text.appendCodePoint(codePoint);
                }
            }
        }
    }

    /**
     * @return the bytes as text, or null when they are not valid UTF-8 or hold control characters
     *     other than line breaks and tabs
     */
    private static @Nullable String utf8Text(byte[] bytes) {
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        boolean binary = decoded.codePoints()
                .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
        return binary ? null : decoded;
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
