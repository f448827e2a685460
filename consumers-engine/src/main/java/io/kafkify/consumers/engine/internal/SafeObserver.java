package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.EngineObserver;

/**
 * Calls the application's observer (and the adapter's wake-up) so that nothing it throws reaches
 * the engine: a failure is remembered as the engine's last error, and the worker goes on.
 */
final class SafeObserver {

    private final EngineObserver observer;
    private final EngineCore core;

    SafeObserver(EngineObserver observer, EngineCore core) {
        this.observer = observer;
        this.core = core;
    }

    void outcome(RecordOutcome outcome) {
        try {
            observer.outcome(outcome);
        } catch (VirtualMachineError error) {
            throw error;
        } catch (Throwable error) {
            core.observerFailed(error);
        }
    }

    void deadLetterFailed(DeadLetter deadLetter, Throwable failure) {
        try {
            observer.deadLetterFailed(deadLetter, failure);
        } catch (VirtualMachineError error) {
            throw error;
        } catch (Throwable error) {
            core.observerFailed(error);
        }
    }

    void wake(Runnable wakeUp) {
        try {
            wakeUp.run();
        } catch (VirtualMachineError error) {
            throw error;
        } catch (Throwable error) {
            core.observerFailed(error);
        }
    }
}
