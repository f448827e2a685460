package io.kafkify.consumers.engine.spi;

import io.kafkify.consumers.domain.MessageHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A record bound for a dead-letter topic: the original key, value and headers, plus headers
 * that say where it came from and why it failed.
 *
 * @param topic the dead-letter topic
 * @param key the original key
 * @param value the original value
 * @param headers the original headers followed by the {@code kafkify-dlt-*} headers
 * @param original the original record
 * @param reason why the record could not be handled
 * @param attempts how many attempts were made
 */
public record DeadLetter(String topic, byte[] key, byte[] value, List<MessageHeader> headers, RawRecord original,
                         String reason, int attempts) {

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
    public static DeadLetter of(String topic, RawRecord original, String exceptionClass, String message, int attempts) {
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
     * @param name a header name
     * @return the last header of that name as text, or null
     */
    public String header(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(name)) {
                byte[] value = headers.get(i).value();
                return value == null ? null : new String(value, StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
