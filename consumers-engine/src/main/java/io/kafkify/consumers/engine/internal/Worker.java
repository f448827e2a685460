package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.RecordOutcome;

/**
 * A task on the handler executor: takes a runnable lane's next record, runs it outside the
 * engine's lock, hands the result back, and goes on with the same lane (up to a batch) or the
 * next ready one, until nothing is ready. The engine starts at most {@code maxConcurrency} of
 * them, so a worker never blocks waiting for a permit.
 */
final class Worker implements Runnable {

    private static final ThreadLocal<EngineCore> CURRENT = new ThreadLocal<>();

    private final EngineCore core;
    final Notices notices = new Notices();
    /** What the last attempt gave: an outcome, or for a dead letter, whether it was published. */
    RecordOutcome outcome;
    boolean published;
    Throwable publishError;
    /** Records of the current lane run in a row, for fairness between lanes. */
    int batch;

    Worker(EngineCore core) {
        this.core = core;
    }

    /** @return whether the calling thread is running a handler of this engine now */
    static boolean runningIn(EngineCore core) {
        return CURRENT.get() == core;
    }

    @Override
    public void run() {
        EngineCore previous = CURRENT.get();
        CURRENT.set(core);
        Entry entry = null;
        try {
            entry = core.firstWork(this);
            while (entry != null) {
                core.perform(entry, this);
                Entry done = entry;
                entry = null;
                entry = core.complete(done, this);
                core.emit(notices);
            }
        } catch (Throwable unexpected) {
            core.workerDied(this, entry, unexpected);
            if (unexpected instanceof VirtualMachineError error) {
                throw error;
            }
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    void reset() {
        outcome = null;
        published = false;
        publishError = null;
    }
}
