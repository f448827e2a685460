package io.kafkify.consumers.engine.internal;

import java.util.Collection;

/**
 * What must hold of the engine whenever its lock is free: every window within the bound and
 * counted, every record waiting in a live lane, every ready lane queued, the workers
 * work-conserving. The simulation and the engine's tests check it after every step.
 */
final class Invariants {

    private Invariants() {
    }

    /** Throws {@link IllegalStateException} naming the first broken invariant. Call with the engine's lock held. */
    static void check(Collection<PartitionState> partitions, int buffered, int maxBuffered, Workers workers) {
        int window = 0;
        int running = 0;
        for (PartitionState partition : partitions) {
            partition.checkInvariants();
            partition.checkEveryRecordCanRun();
            window += partition.windowSize();
            running += partition.inFlight();
            partition.forEachLane(lane -> PartitionState.check(lane.state != Lane.State.READY || workers.isQueued(lane),
                    "ready lane " + lane + " is not in the ready queue"));
        }
        PartitionState.check(window == buffered, "buffered " + buffered + " but the windows hold " + window);
        PartitionState.check(buffered <= maxBuffered, buffered + " records buffered, above the bound of " + maxBuffered);
        PartitionState.check(workers.running() >= running,
                "in flight " + workers.running() + " but partitions count " + running);
        workers.checkInvariants();
    }
}
