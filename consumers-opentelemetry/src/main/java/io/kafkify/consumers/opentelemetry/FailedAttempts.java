package io.kafkify.consumers.opentelemetry;

import io.kafkify.consumers.domain.RecordOutcome;
import io.opentelemetry.api.trace.SpanContext;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The span of each record's last failed attempt, until the record ends: a dead letter is published
 * after that span has ended, and carries its context on. Bounded, so that records that never end
 * here (their partition lost while they wait to retry) cannot make it grow; past the bound a dead
 * letter keeps the original's context.
 */
final class FailedAttempts {

    static final int MAX_REMEMBERED = 10_000;

    private final ConcurrentHashMap<String, SpanContext> lastFailed = new ConcurrentHashMap<>();

    void remember(String coordinates, SpanContext span) {
        if (span.isValid() && (lastFailed.size() < MAX_REMEMBERED || lastFailed.containsKey(coordinates))) {
            lastFailed.put(coordinates, span);
        }
    }

    @Nullable SpanContext lastFailed(String coordinates) {
        return lastFailed.get(coordinates);
    }

    /** Forgets a record that ended; costs no look-up while no record has failed. */
    void ended(RecordOutcome outcome) {
        if (!lastFailed.isEmpty()) {
            lastFailed.remove(outcome.coordinates());
        }
    }

    int size() {
        return lastFailed.size();
    }
}
