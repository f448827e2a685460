package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.engine.spi.AttemptScope;
import java.util.ArrayList;
import java.util.List;

/**
 * A task on the handler executor: takes a batch of runnable records (queued records of one ready
 * lane) under the engine's lock, runs them outside it, one after the other, hands the results back
 * in one go, and takes the next batch, until nothing is ready. A batch stops at its first record
 * that needs the engine's decision (a failure, a dead letter), and nothing more starts once its
 * partition is halted. The engine starts at most
 * {@code maxConcurrency} workers, so a worker never blocks waiting for a permit.
 */
final class Worker implements Runnable {

    private static final ThreadLocal<EngineCore> CURRENT = new ThreadLocal<>();

    private final EngineCore core;
    private final Batches batches;
    final Notices notices = new Notices();
    /** The records taken, in the order they run: lanes one after the other, each in offset order. */
    final List<Entry> batch = new ArrayList<>();
    /** The lanes the batch's records come from, each once; the worker holds them until the batch is handed back. */
    final List<Lane> lanes = new ArrayList<>();
    /** The observers' scopes of the attempt running now. */
    private final AttemptScope[] scopes;

    Worker(EngineCore core) {
        this.core = core;
        this.batches = core.batches();
        this.scopes = batches.newScopes();
    }

    /** @return whether the calling thread is running a handler of this engine now */
    static boolean runningIn(EngineCore core) {
        return CURRENT.get() == core;
    }

    @Override
    public void run() {
        EngineCore previous = CURRENT.get();
        CURRENT.set(core);
        try {
            boolean more = batches.firstBatch(this);
            while (more) {
                for (Entry entry : batch) {
                    if (entry.lane.blocked || !entry.partition.accepting(entry)) {
                        entry.ran = false;
                    } else {
                        batches.perform(entry, scopes);
                        entry.ran = true;
                        entry.lane.blocked = !entry.simple(batches.deadLettersUnrouted());
                    }
                }
                more = batches.completeBatch(this);
                batches.emit(notices);
            }
        } catch (Throwable unexpected) {
            batches.workerDied(this, unexpected);
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
}
