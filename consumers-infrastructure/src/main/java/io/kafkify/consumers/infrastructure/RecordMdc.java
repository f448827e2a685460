package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHandler;
import io.kafkify.consumers.domain.TypedMessageHandler;
import io.kafkify.consumers.engine.spi.AttemptScope;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.RawRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts the record's topic, partition and offset in SLF4J's MDC for the duration of each attempt,
 * and its code for the duration of its handler's call (once decoding has found it), so that every
 * line a handler logs names its record; removes them after. Both adapters register it as an
 * observer and wrap each handler with {@link #withCode}.
 *
 * <p>Threading: called on the handler thread that runs the attempt (the MDC is per thread).
 */
public final class RecordMdc implements EngineObserver {

    /** The MDC key of the record's topic. */
    public static final String TOPIC = "kafkify.topic";
    /** The MDC key of the record's partition. */
    public static final String PARTITION = "kafkify.partition";
    /** The MDC key of the record's offset. */
    public static final String OFFSET = "kafkify.offset";
    /** The MDC key of the record's code, absent when the record has none. */
    public static final String CODE = "kafkify.code";

    private static final AttemptScope CLEAR = (outcome, nanos) -> {
        MDC.remove(TOPIC);
        MDC.remove(PARTITION);
        MDC.remove(OFFSET);
    };

    /** Takes no settings. */
    public RecordMdc() {
    }

    @Override
    public AttemptScope attemptStarted(RawRecord record) {
        MDC.put(TOPIC, record.topic());
        MDC.put(PARTITION, Integer.toString(record.partition()));
        MDC.put(OFFSET, Long.toString(record.offset()));
        return CLEAR;
    }

    /**
     * @param registration a handler's registration
     * @return the same registration (topic, codes, payload with its part and strictness,
     *     description), whose handler runs with the record's code in the MDC
     */
    public static HandlerRegistration withCode(HandlerRegistration registration) {
        if (registration instanceof HandlerRegistration.Plain plain) {
            MessageHandler handler = plain.handler();
            return new HandlerRegistration.Plain(plain.topic(), plain.codes(), message -> {
                try (MDC.MDCCloseable ignored = putCode(message)) {
                    handler.handle(message);
                }
            }, plain.description());
        }
        if (registration instanceof HandlerRegistration.Typed<?> typed) {
            return typedWithCode(typed);
        }
        return registration;
    }

    private static <T> HandlerRegistration typedWithCode(HandlerRegistration.Typed<T> typed) {
        TypedMessageHandler<T> handler = typed.handler();
        return new HandlerRegistration.Typed<>(typed.topic(), typed.codes(), typed.payload(), (payload, message) -> {
            try (MDC.MDCCloseable ignored = putCode(message)) {
                handler.handle(payload, message);
            }
        }, typed.description());
    }

    private static MDC.@Nullable MDCCloseable putCode(Message message) {
        String code = message.code();
        return code == null ? null : MDC.putCloseable(CODE, code);
    }
}
