package io.kafkify.consumers.domain;

import org.jspecify.annotations.Nullable;

/**
 * Reads the routing code out of a decoded value. The default reads the {@code code} field of
 * a JSON object ({@link Message#codeOf(Object)}); a consumer with its own value decoder (Avro,
 * Protobuf) supplies one that reads the code from what that decoder returns.
 *
 * <p>Threading: called on the poll thread, once per record.
 */
@FunctionalInterface
public interface CodeExtractor {

    /** The documented rule: the string {@code code} field of a JSON object. */
    CodeExtractor JSON_CODE_FIELD = Message::codeOf;

    /**
     * @param value the decoded value, possibly null
     * @return the code, or null when the value has none
     */
    @Nullable String codeOf(@Nullable Object value);
}
