package io.kafkify.examples.consumer.events;

import io.kafkify.consumers.domain.Message;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the example's handlers did: each handler prints one line per event it handles and counts
 * it here, so that the application can print a summary and know when the sample stream is done.
 * A real application would save to a database instead.
 *
 * <p>Threading: thread-safe. Handlers of different partitions run at the same time.
 */
public final class HandledEvents {

    private final PrintStream out;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** @param out where each handled event is printed */
    public HandledEvents(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Prints and counts one handled event.
     *
     * @param handler the handler's name in the summary
     * @param message the record it handled
     * @param what what it did, in a few words
     */
    public void record(String handler, Message message, String what) {
        counts.computeIfAbsent(handler, name -> new LongAdder()).increment();
        out.printf("handled  %-22s %-26s %s%n", message.coordinates(), handler, what);
    }

    /** @return events handled so far per handler name, sorted by name */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((handler, count) -> snapshot.put(handler, count.sum()));
        return snapshot;
    }

    /** @return events handled so far by every handler together */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
