package io.kafkify.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The minimum work per record of the arms that are not Kafkify (the raw loop, Spring for Apache
 * Kafka, Parallel Consumer): decode the JSON value with Jackson into a {@code Map}, read its
 * {@code code}, route through a {@code HashMap} of handlers, run the handler. It is the same work
 * Kafkify does for a record (its JSON decoding also yields a {@code Map}), so that the arms differ
 * only in how they poll, dispatch and commit.
 *
 * <p>Threading: immutable after construction; {@link #handle(byte[])} from any thread.
 */
final class RecordWork {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Runnable> handlers = new HashMap<>();
    private final Runnable fallback;

    /**
     * @param handler what every code's handler does (count, or wait then count)
     */
    RecordWork(Runnable handler) {
        for (String code : Workload.CODES) {
            handlers.put(code, handler);
        }
        this.fallback = handler;
    }

    void handle(byte[] value) {
        Object decoded;
        try {
            decoded = MAPPER.readValue(value, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object code = decoded instanceof Map<?, ?> map ? map.get("code") : null;
        Runnable handler = code instanceof String text ? handlers.get(text) : null;
        (handler != null ? handler : fallback).run();
    }
}
