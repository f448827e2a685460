package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.engine.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * The ready lanes and the workers that run them: at most {@code maxConcurrency} workers, each
 * taking a batch of records of one ready lane from one queue, so that a worker takes the lock
 * twice per batch rather than once per record, and a lane with more records goes back to the end
 * of the queue after each batch. No worker ever waits for a permit, so a synchronous executor works
 * as well as a pool. Guarded by the engine's lock (its monitor is {@code lock}), except
 * {@link #start}, which hands workers to the executor outside it.
 */
final class Workers {

    /** The most records a worker takes in one batch: one lock to take them, one to hand them back. */
    static final int BATCH = 64;
    private static final Duration REJECTED_RETRY = Duration.ofMillis(100);

    private final EngineCore core;
    private final Executor executor;
    private final Scheduler scheduler;
    private final int maxConcurrency;
    private final Counters counters;
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    private int workers;
    /** Workers handed to the executor that have not taken their first record yet. */
    private int pending;
    /** Attempts and dead-letter publishes running now. */
    private int running;
    private boolean kickScheduled;

    Workers(EngineCore core, Executor executor, Scheduler scheduler, int maxConcurrency, Counters counters) {
        this.core = core;
        this.executor = executor;
        this.scheduler = scheduler;
        this.maxConcurrency = maxConcurrency;
        this.counters = counters;
    }

    /** A lane has records to run: it joins the end of the queue. */
    void offer(Lane lane) {
        lane.state = Lane.State.READY;
        ready.addLast(lane);
    }

    /** @return how many workers to start now, outside the lock, for the lanes that are ready */
    int toStart() {
        int start = Math.max(0, Math.min(ready.size(), maxConcurrency - workers));
        workers += start;
        pending += start;
        return start;
    }

    /** A worker starts: fills its first batch; false (the worker ends) when nothing is ready. */
    boolean first(Worker worker) {
        pending--;
        return fill(worker);
    }

    /**
     * Fills a worker's empty batch from the lane at the head of the ready queue: up to
     * {@link #BATCH} of its queued records, in offset order; the lane is the worker's (RUNNING)
     * until {@link #release}. One lane only: a record that hangs then holds back nothing but its
     * own lane. False, and the worker ends, when nothing is ready.
     */
    boolean fill(Worker worker) {
        Lane lane;
        while (worker.batch.isEmpty() && (lane = ready.pollFirst()) != null) {
            if (!lane.live()) {
                lane.kill();
            } else if (lane.queue.isEmpty()) {
                idle(lane);
            } else {
                lane.state = Lane.State.RUNNING;
                worker.lanes.add(lane);
                while (worker.batch.size() < BATCH && !lane.queue.isEmpty()) {
                    Entry entry = lane.queue.pollFirst();
                    begin(entry);
                    worker.batch.add(entry);
                }
            }
        }
        if (worker.batch.isEmpty()) {
            workers--;
            return false;
        }
        return true;
    }

    /**
     * After a batch, each lane the worker held goes back to the end of the queue if records wait in
     * it, or idles; a lane that waits for a retry or was killed meanwhile stays as it is.
     */
    void release(Worker worker) {
        for (Lane lane : worker.lanes) {
            release(lane);
        }
        worker.lanes.clear();
    }

    private void release(Lane lane) {
        lane.blocked = false;
        if (!lane.live() || lane.state != Lane.State.RUNNING) {
            return;
        }
        if (lane.queue.isEmpty()) {
            idle(lane);
        } else {
            offer(lane);
        }
    }

    private static void idle(Lane lane) {
        lane.state = Lane.State.IDLE;
        lane.partition.laneIdle(lane);
    }

    void begin(Entry entry) {
        entry.running = true;
        entry.partition.attemptStarted();
        running++;
    }

    void end(Entry entry) {
        entry.running = false;
        entry.partition.attemptEnded();
        running--;
    }

    int running() {
        return running;
    }

    /** Hands workers to the executor; called outside the lock. A rejection is tried again later. */
    void start(int count) {
        for (int i = 0; i < count; i++) {
            try {
                executor.execute(new Worker(core));
            } catch (VirtualMachineError error) {
                throw error;
            } catch (Throwable rejected) {
                synchronized (core) {
                    workers--;
                    pending--;
                    counters.error("The handler executor rejected a task (" + Failures.describe(rejected)
                            + "); trying again in " + REJECTED_RETRY.toMillis() + " ms");
                    kickLater();
                }
            }
        }
    }

    /**
     * A worker ended by an unexpected throwable: the records of its batch that were running go back
     * to their lanes, its slot is freed and a replacement started later.
     */
    void died(Worker worker) {
        workers--;
        for (int i = worker.batch.size() - 1; i >= 0; i--) {
            Entry entry = worker.batch.get(i);
            if (entry.running) {
                end(entry);
                if (entry.lane.live() && !entry.finished) {
                    entry.lane.queue.addFirst(entry);
                }
            }
        }
        for (Lane lane : worker.lanes) {
            release(lane);
        }
        worker.batch.clear();
        worker.lanes.clear();
        kickLater();
    }

    private void kickLater() {
        if (!kickScheduled) {
            kickScheduled = true;
            scheduler.schedule(REJECTED_RETRY, this::kick);
        }
    }

    private void kick() {
        int start;
        synchronized (core) {
            kickScheduled = false;
            start = toStart();
        }
        start(start);
    }

    /** @return whether no worker exists or is due, nothing runs, and no live lane waits in the queue */
    boolean idle() {
        if (running > 0 || workers > 0 || kickScheduled) {
            return false;
        }
        for (Lane lane : ready) {
            if (lane.live() && !lane.queue.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    boolean isQueued(Lane lane) {
        return ready.contains(lane);
    }

    /** Checks that the workers are work-conserving; throws {@link IllegalStateException} when not. */
    void checkInvariants() {
        PartitionState.check(workers >= 0 && workers <= maxConcurrency && pending >= 0 && pending <= workers,
                workers + " workers, " + pending + " pending");
        int runnable = 0;
        for (Lane lane : ready) {
            PartitionState.check(!lane.live() || lane.state == Lane.State.READY || lane.queue.isEmpty(),
                    "lane " + lane + " in the ready queue");
            runnable += lane.live() && !lane.queue.isEmpty() ? 1 : 0;
        }
        int busy = workers - pending;
        PartitionState.check(Math.min(runnable, maxConcurrency - busy) <= pending || kickScheduled,
                runnable + " runnable lanes wait while " + busy + " of " + maxConcurrency
                        + " workers are busy and " + pending + " are on their way");
    }
}
