package io.kafkify.consumers.domain;

import org.jspecify.annotations.Nullable;

/**
 * A record's value before it is built: the routing code is read at once, the value itself only
 * when a handler asks for it ({@link Message#value()}). What a {@link LazyDecoder} returns.
 *
 * <p>Threading: {@link #get()} may be called from any thread, at most once per message.
 */
public interface LazyValue {

    /**
     * @return the routing code by the documented rule ({@link Message#codeOf(Object)} of the
     *     value {@link #get()} builds), read without building the value; null when it has none
     */
    @Nullable String code();

    /**
     * Builds the value. Never throws for the record's own content: every content has a value.
     *
     * @return the decoded value, possibly null
     */
    @Nullable Object get();
}
