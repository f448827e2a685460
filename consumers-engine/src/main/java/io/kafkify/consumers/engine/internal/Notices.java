package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetter;

/**
 * What one completed attempt must tell or start once the engine's lock is released: outcomes
 * for the observer, a failed dead-letter publish, a wake-up of the polling thread, a signal to
 * a thread waiting for running records, and workers to start. One per worker, reused.
 */
final class Notices {

    private final RecordOutcome[] outcomes = new RecordOutcome[3];
    private int count;
    DeadLetter failedLetter;
    Throwable publishError;
    boolean wake;
    boolean signal;
    int workersToStart;

    void add(RecordOutcome outcome) {
        outcomes[count++] = outcome;
    }

    int count() {
        return count;
    }

    RecordOutcome outcome(int index) {
        return outcomes[index];
    }

    void clear() {
        for (int i = 0; i < count; i++) {
            outcomes[i] = null;
        }
        count = 0;
        failedLetter = null;
        publishError = null;
        wake = false;
        signal = false;
        workersToStart = 0;
    }
}
