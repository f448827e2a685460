package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetter;
import java.util.ArrayList;
import java.util.List;

/**
 * What one completed batch must tell or start once the engine's lock is released: outcomes for
 * the observer, failed dead-letter publishes, a wake-up of the polling thread, a signal to a
 * thread waiting for running records, and workers to start. One per worker, reused.
 */
final class Notices {

    /** A dead letter whose publish failed, and why. */
    record FailedLetter(DeadLetter deadLetter, Throwable error) {
    }

    final List<RecordOutcome> outcomes = new ArrayList<>();
    final List<FailedLetter> failedLetters = new ArrayList<>(2);
    boolean wake;
    boolean signal;
    int workersToStart;

    void add(RecordOutcome outcome) {
        outcomes.add(outcome);
    }

    void publishFailed(DeadLetter deadLetter, Throwable error) {
        failedLetters.add(new FailedLetter(deadLetter, error));
    }

    void clear() {
        outcomes.clear();
        failedLetters.clear();
        wake = false;
        signal = false;
        workersToStart = 0;
    }
}
