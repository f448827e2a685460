package io.kafkify.consumers.infrastructure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decides which of a run of like log events is written at WARN: the first of each kind, then at
 * most one per interval, which says how many were left at DEBUG since the last. Like events
 * are those of one key (a topic and what happened to its records).
 *
 * <p>Threading: thread-safe.
 */
final class LogLimiter {

    /** What to do with an event. */
    sealed interface Verdict {
        /** The first of its kind: write it at WARN, and say that the next ones are summarized. */
        record First() implements Verdict {
        }

        /** Within the interval: write it at DEBUG only. */
        record Quiet() implements Verdict {
        }

        /**
         * The interval has passed: write it at WARN with the count of those left at DEBUG.
         *
         * @param quieted events written at DEBUG since the last WARN
         * @param since how long ago that WARN was
         */
        record Summary(long quieted, Duration since) implements Verdict {
        }
    }

    private static final Verdict FIRST = new Verdict.First();
    private static final Verdict QUIET = new Verdict.Quiet();

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * @param interval the shortest time between two WARN lines of one key
     * @param nanoTime the clock, {@code System::nanoTime} outside tests
     */
    LogLimiter(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * @param key what the event is about, e.g. {@code "dead-lettered orders"}
     * @return how to write it
     */
    Verdict next(String key) {
        long now = nanoTime.getAsLong();
        Window created = new Window(now);
        Window window = windows.putIfAbsent(key, created);
        if (window == null) {
            return FIRST;
        }
        synchronized (window) {
            long elapsed = now - window.lastWarn;
            if (elapsed < intervalNanos) {
                window.quieted++;
                return QUIET;
            }
            Verdict summary = new Verdict.Summary(window.quieted, Duration.ofNanos(elapsed));
            window.lastWarn = now;
            window.quieted = 0;
            return summary;
        }
    }

    private static final class Window {
        long lastWarn;
        long quieted;

        Window(long lastWarn) {
            this.lastWarn = lastWarn;
        }
    }
}
