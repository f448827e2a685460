package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.CodeExtractor;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.LazyDecoder;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHandler;
import io.kafkify.consumers.domain.PayloadBinder;
import io.kafkify.consumers.domain.PayloadException;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.kafkify.consumers.router.Route;
import io.kafkify.consumers.router.RoutingTable;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes, routes and handles one record: the part of consuming that does not depend on
 * where records come from. A {@link LazyDecoder} (the default JSON decoding) gives the code
 * at once and the value only when a handler asks for it. The Kafka adapter and the in-memory adapter both run records
 * through it, so that a handler tested in memory behaves the same on a broker.
 *
 * <p>Threading: registrations happen before
 * processing starts; {@link #decode} and {@link #process} may then run on any threads at
 * once.
 */
public final class RecordProcessor {

    private final RoutingTable table = new RoutingTable();
    private final Decoder keyDecoder;
    private final Decoder valueDecoder;
    private final CodeExtractor codeExtractor;
    private final PayloadBinder binder;
    private final @Nullable LazyDecoder lazyValues;

    /**
     * @param keyDecoder decodes keys
     * @param valueDecoder decodes values
     * @param codeExtractor reads the code out of a decoded value
     * @param binder binds values for typed handlers
     */
    public RecordProcessor(Decoder keyDecoder, Decoder valueDecoder, CodeExtractor codeExtractor,
                           PayloadBinder binder) {
        this.keyDecoder = Objects.requireNonNull(keyDecoder, "keyDecoder");
        this.valueDecoder = Objects.requireNonNull(valueDecoder, "valueDecoder");
        this.codeExtractor = Objects.requireNonNull(codeExtractor, "codeExtractor");
        this.binder = Objects.requireNonNull(binder, "binder");
        // The lazy path reads the code by the documented rule, so it serves only that rule.
        this.lazyValues = valueDecoder instanceof LazyDecoder lazy && codeExtractor == CodeExtractor.JSON_CODE_FIELD
                ? lazy : null;
    }

    /**
     * Adds a handler to the routing table; a typed handler is wrapped so that it binds first.
     *
     * @param registration the handler
     * @throws io.kafkify.consumers.domain.DuplicateHandlerException naming both handlers
     */
    public void register(HandlerRegistration registration) {
        MessageHandler handler;
        if (registration instanceof HandlerRegistration.Plain plain) {
            handler = plain.handler();
        } else if (registration instanceof HandlerRegistration.Typed<?> typed) {
            handler = typed.bindWith(binder);
        } else {
            throw new IllegalArgumentException("unknown registration " + registration);
        }
        table.register(registration.topic(), registration.codes(), handler, registration.description());
    }

    /** @return the topics that have handlers */
    public Set<String> topics() {
        return table.topics();
    }

    /** @return true when no handler is registered */
    public boolean hasNoHandlers() {
        return table.isEmpty();
    }

    /**
     * Decodes a record.
     *
     * @param record the raw record
     * @return the message
     * @throws RuntimeException what a decoder threw: a {@link PayloadException} when the bytes
     *     cannot be decoded (not retried), anything else (a schema registry that timed out) is
     *     retried
     */
    public Message decode(RawRecord record) {
        if (lazyValues != null && keyDecoder.decodesOnDemand()) {
            // The key is decoded only if the handler reads it: routing never does.
            return Message.lazy(record.topic(), record.partition(), record.offset(), record.timestamp(), keyDecoder,
                    record.key(), record.headers(),
                    lazyValues.decodeLazily(record.topic(), record.headers(), record.value()));
        }
        Object key = keyDecoder.decode(record.topic(), record.headers(), record.key());
        if (lazyValues != null) {
            return Message.lazy(record.topic(), record.partition(), record.offset(), record.timestamp(), key,
                    record.headers(), lazyValues.decodeLazily(record.topic(), record.headers(), record.value()));
        }
        Object value = valueDecoder.decode(record.topic(), record.headers(), record.value());
        return new Message(record.topic(), record.partition(), record.offset(), record.timestamp(), key,
                record.headers(), value, codeExtractor.codeOf(value));
    }

    /**
     * Finds the route of a decoded message.
     *
     * @param message the message
     * @return the route, or empty when no handler takes it
     */
    public Optional<Route> routeOf(Message message) {
        return table.routeFor(message.topic(), message.code());
    }

    /**
     * Decodes, routes and handles a record, once. Never throws for a record's own problems:
     * they are the outcome. Whether a failure is retried is not decided here but by the engine,
     * along the failure's cause chain.
     *
     * @param record the raw record
     * @return what became of it
     */
    public RecordOutcome process(RawRecord record) {
        Message message;
        try {
            message = decode(record);
        } catch (Throwable e) {
            return RecordOutcome.Failed.of(record.coordinates(), null, null, e, true);
        }
        return handle(message);
    }

    /**
     * Routes and handles a decoded message, once.
     *
     * @param message the message
     * @return what became of it
     */
    public RecordOutcome handle(Message message) {
        Optional<Route> route = routeOf(message);
        if (route.isEmpty()) {
            return new RecordOutcome.Unrouted(message);
        }
        Route target = route.get();
        try {
            target.handler().handle(message);
            return new RecordOutcome.Handled(message, target.description());
        } catch (Throwable e) {
            return RecordOutcome.Failed.of(message.coordinates(), message, target.description(), e, true);
        }
    }
}
