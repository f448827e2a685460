package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PartitionProgress;
import io.kafkify.consumers.domain.StuckPartition;
import io.kafkify.consumers.domain.StoppedPartition;
import io.kafkify.consumers.engine.internal.PartitionState.Halt;
import io.kafkify.consumers.engine.spi.DeadLetterPublisher;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.EngineState;
import io.kafkify.consumers.engine.spi.FlowControl;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.kafkify.consumers.engine.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The processing core behind {@code ProcessingEngine}: the partitions' states and the one lock
 * that guards them and the workers (whose batches {@link Batches} takes and hands back). Handlers
 * and dead-letter publishes run outside the lock; everything they change is applied under it, and
 * what must be told (outcomes, wake-ups) is told after it is released, through the observer that
 * never lets a failure back in.
 *
 * <p>Threading: the operations of {@code ProcessingEngine} that the polling thread calls
 * ({@link #accept}, {@link #flowControl}, {@link #revoke}...) and the workers' calls may come at
 * once; the lock orders them. {@link #revoke} and {@link #stop} wait outside the lock.
 */
public final class EngineCore {

    private final ProcessingPolicy policy;
    private final Scheduler scheduler;
    private final SafeObserver observer;
    private final Workers workers;
    private final Batches batches;
    private final FlowRules flow;
    private final int maxBuffered;
    private final Runnable wakeUp;
    private final long maxUnfinishedNanos;

    private final Map<PartitionId, PartitionState> partitions = new LinkedHashMap<>();
    final Counters counters = new Counters();
    private int buffered;
    private boolean stopping;
    private volatile @Nullable Throwable fatal;
    private Set<PartitionId> lastPaused = Set.of();
    /** When offsets were last offered for commit, for the commit's latency. */
    private long offeredAt;

    /**
     * @param processor decodes, routes and handles records
     * @param policy ordering, concurrency, retries, failure policy
     * @param executor runs workers
     * @param scheduler time, retry timers and bounded waits
     * @param deadLetters publishes dead letters
     * @param observers told of attempts, outcomes, commits and partitions, in order
     * @param maxBuffered the bound of records fetched and not committable
     * @param maxPoll the most records one poll returns
     * @param wakeUp wakes the polling thread (it should look at the flow control again)
     * @param random draws retry jitter
     * @param maxUnfinishedAge how long a partition's oldest unfinished record, or its committable
     *     offset while records wait, may stand before the partition counts as stuck
     */
    public EngineCore(RecordProcessor processor, ProcessingPolicy policy, Executor executor, Scheduler scheduler,
                      DeadLetterPublisher deadLetters, List<EngineObserver> observers, int maxBuffered,
                      int maxPoll, Runnable wakeUp, Random random, Duration maxUnfinishedAge) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.observer = new SafeObserver(observers, this);
        this.workers = new Workers(this, executor, scheduler, policy.maxConcurrency(), counters);
        this.batches = new Batches(this, processor, deadLetters, workers,
                new Outcomes(this, policy, new FailureClassifier(policy.nonRetryable()), random), this.observer,
                scheduler, wakeUp, policy.deadLetterUnrouted());
        this.flow = new FlowRules(maxBuffered, maxPoll);
        this.maxBuffered = maxBuffered;
        this.wakeUp = wakeUp;
        this.maxUnfinishedNanos = maxUnfinishedAge.toNanos();
    }

    // ------------------------------------------------------------------ the polling thread's calls

    /** @param ids partitions the consumer now owns */
    public void assign(Collection<PartitionId> ids) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            for (PartitionId id : ids) {
                partitions.computeIfAbsent(id, key -> new PartitionState(key, policy.ordering()));
            }
        }
        observer.assigned(ids);
    }

    /**
     * Queues a poll's records of one partition. Records of a partition that is not assigned, or
     * halted, are dropped: it is fetched again from its first unfinished record. A batch that
     * starts at or below an offset already taken means the fetch position moved back: the
     * partition restarts there once its running records are done.
     *
     * @param id the partition
     * @param records its records, in offset order
     */
    public void accept(PartitionId id, List<RawRecord> records) {
        int start;
        boolean wake = false;
        synchronized (this) {
            PartitionState partition = partitions.get(id);
            if (partition == null || stopping || records.isEmpty() || partition.halt() != null) {
                return;
            }
            long now = scheduler.nanoTime();
            for (RawRecord record : records) {
                if (!partition.continuesAt(record.offset())) {
                    buffered -= partition.resetTo(record.offset());
                    counters.error(id + ": the fetch position moved back to offset " + record.offset()
                            + " (a seek or a log truncation); the partition restarts there");
                    wake = true;
                    break;
                }
                Entry entry = partition.add(record, now);
                buffered++;
                Lane lane = partition.laneFor(record);
                entry.lane = lane;
                lane.queue.addLast(entry);
                if (lane.state == Lane.State.IDLE) {
                    workers.offer(lane);
                }
            }
            start = workers.toStart();
        }
        workers.start(start);
        if (wake) {
            observer.wake(wakeUp);
        }
    }

    /** @return what the next poll must skip, and where partitions restart; restarts are applied here */
    public FlowControl flowControl() {
        FlowControl control;
        Set<PartitionId> before;
        synchronized (this) {
            Map<PartitionId, Long> seeks = new HashMap<>();
            for (PartitionState partition : partitions.values()) {
                if (partition.restartDue()) {
                    buffered -= partition.windowSize();
                    seeks.put(partition.id(), partition.restart());
                }
            }
            control = new FlowControl(flow.paused(partitions.values(), buffered, stopping || fatal != null,
                    scheduler.nanoTime()), seeks);
            before = lastPaused;
            lastPaused = control.paused();
        }
        if (observer.active() && !before.equals(control.paused())) {
            Set<PartitionId> paused = new HashSet<>(control.paused());
            paused.removeAll(before);
            Set<PartitionId> resumed = new HashSet<>(before);
            resumed.removeAll(control.paused());
            observer.flowChanged(Set.copyOf(paused), Set.copyOf(resumed));
        }
        return control;
    }

    /** @return for each partition whose committable offset moved since its last offer, the offset */
    public synchronized Map<PartitionId, Long> commitReady() {
        Map<PartitionId, Long> ready = null;
        for (PartitionState partition : partitions.values()) {
            long offset = partition.offerCommit();
            if (offset >= 0) {
                if (ready == null) {
                    ready = new LinkedHashMap<>();
                }
                ready.put(partition.id(), offset);
            }
        }
        if (ready == null) {
            return Map.of();
        }
        if (observer.active()) {
            offeredAt = scheduler.nanoTime();
        }
        return ready;
    }

    /** @param offsets offsets the broker confirmed */
    public void committed(Map<PartitionId, Long> offsets) {
        long since;
        synchronized (this) {
            offsets.forEach((id, offset) -> {
                PartitionState partition = partitions.get(id);
                if (partition != null) {
                    partition.commitConfirmed(offset);
                }
            });
            since = offeredAt;
        }
        if (observer.active() && !offsets.isEmpty()) {
            observer.committed(offsets, Math.max(0, scheduler.nanoTime() - since));
        }
    }

    /** @param offsets offsets whose commit failed; they are offered again */
    public void commitFailed(Map<PartitionId, Long> offsets) {
        synchronized (this) {
            offsets.forEach((id, offset) -> {
                PartitionState partition = partitions.get(id);
                if (partition != null) {
                    partition.commitFailed(offset);
                }
            });
        }
        observer.commitFailed(offsets);
    }

    /** @param offsets each partition's end offset, as the adapter's client last saw it */
    public synchronized void endOffsets(Map<PartitionId, Long> offsets) {
        offsets.forEach((id, offset) -> {
            PartitionState partition = partitions.get(id);
            if (partition != null) {
                partition.endOffset(offset);
            }
        });
    }

    /**
     * Halts the partitions, waits up to the timeout for their running records, forgets them.
     *
     * @param ids the revoked partitions
     * @param timeout how long to wait for their running records
     * @return the offsets to commit synchronously now (those the broker does not have yet)
     */
    public Map<PartitionId, Long> revoke(Collection<PartitionId> ids, Duration timeout) {
        List<PartitionState> revoked = new ArrayList<>();
        synchronized (this) {
            for (PartitionId id : ids) {
                PartitionState partition = partitions.get(id);
                if (partition != null) {
                    buffered -= partition.halt(Halt.REVOKED);
                    revoked.add(partition);
                }
            }
        }
        Map<PartitionId, Long> commits = release(revoked, timeout);
        observer.revoked(ids);
        return commits;
    }

    /**
     * Forgets the partitions at once, committing nothing: another member owns them already.
     *
     * @param ids the lost partitions
     */
    public void lose(Collection<PartitionId> ids) {
        synchronized (this) {
            for (PartitionId id : ids) {
                PartitionState partition = partitions.remove(id);
                if (partition != null) {
                    buffered -= partition.halt(Halt.LOST);
                    buffered -= partition.windowSize();
                    partition.disown();
                }
            }
        }
        observer.lost(ids);
    }

    /**
     * Halts every partition for good, waits up to the timeout for running records, forgets them.
     *
     * @param timeout how long to wait for running records
     * @return the offsets to commit synchronously now (those the broker does not have yet)
     */
    public Map<PartitionId, Long> stop(Duration timeout) {
        List<PartitionState> all;
        synchronized (this) {
            stopping = true;
            all = new ArrayList<>(partitions.values());
            for (PartitionState partition : all) {
                buffered -= partition.halt(Halt.STOPPING);
            }
        }
        return release(all, timeout);
    }

    private Map<PartitionId, Long> release(List<PartitionState> halted, Duration timeout) {
        if (halted.isEmpty()) {
            return Map.of();
        }
        scheduler.awaitUntil(() -> idle(halted), timeout);
        Map<PartitionId, Long> commits = new LinkedHashMap<>();
        synchronized (this) {
            for (PartitionState partition : halted) {
                long offset = partition.syncCommit();
                if (offset >= 0) {
                    commits.put(partition.id(), offset);
                }
                if (partitions.remove(partition.id(), partition)) {
                    buffered -= partition.windowSize();
                }
                partition.disown();
            }
            if (!commits.isEmpty()) {
                offeredAt = scheduler.nanoTime();
            }
        }
        return commits;
    }

    private synchronized boolean idle(List<PartitionState> halted) {
        for (PartitionState partition : halted) {
            if (partition.inFlight() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Asks a partition stopped by the STOP policy to restart; any thread.
     *
     * @param id the stopped partition
     */
    public void resume(PartitionId id) {
        boolean asked;
        synchronized (this) {
            PartitionState partition = partitions.get(id);
            asked = partition != null && partition.requestResume();
        }
        if (asked) {
            observer.wake(wakeUp);
        }
    }

    /** @return a snapshot; any thread */
    public synchronized EngineState state() {
        List<StoppedPartition> stopped = new ArrayList<>();
        List<PartitionProgress> progress = new ArrayList<>();
        List<StuckPartition> stuck = new ArrayList<>();
        long now = scheduler.nanoTime();
        for (PartitionState partition : partitions.values()) {
            if (partition.halt() == Halt.STOPPED && partition.stoppedAt() != null) {
                stopped.add(partition.stoppedAt());
            }
            PartitionProgress seen = partition.progress(now);
            progress.add(seen);
            if (partition.halt() == null) {
                Stuck.check(seen, maxUnfinishedNanos, stuck);
            }
        }
        stopped.sort(Comparator.comparing(StoppedPartition::partition));
        progress.sort(Comparator.comparing(PartitionProgress::partition));
        stuck.sort(Comparator.comparing(StuckPartition::partition));
        return counters.snapshot(buffered, workers.running(), stopped, fatal, progress, stuck);
    }

    /** @param reason an adapter's own trouble, remembered as the last error */
    public synchronized void reportError(String reason) {
        counters.error(reason);
    }

    /** @return whether nothing runs, waits in a lane, waits for a retry or is about to start */
    public synchronized boolean isIdle() {
        if (!workers.idle()) {
            return false;
        }
        for (PartitionState partition : partitions.values()) {
            if (partition.waitingForRetry()) {
                return false;
            }
        }
        return true;
    }

    /** @return the error that fails the consumer, or null; any thread, never blocks */
    public @Nullable Throwable fatal() {
        return fatal;
    }

    /** @return whether the calling thread runs one of this engine's handlers */
    public boolean isHandlerThread() {
        return Worker.runningIn(this);
    }

    /** @return what the workers call: taking, running and handing back batches */
    Batches batches() {
        return batches;
    }

    // ------------------------------------------------------------------ under the lock, for Outcomes

    /** A record is finished: moves its partition's committable offset, and wakes the poll when the buffer drained. */
    void finish(Entry entry, Notices notices) {
        PartitionState partition = entry.partition;
        int left = partition.finish(entry);
        if (partition.owned()) {
            // An owned partition is in the map: it leaves both at once (release, lose).
            buffered -= left;
        }
        if (left > 0 && flow.wakeAfterFinish(partition, buffered)) {
            notices.wake = true;
        }
    }

    /** Puts a record back at the head of its lane, to run again after the delay. */
    void retryLater(Entry entry, Duration delay, Notices notices) {
        Lane lane = entry.lane;
        lane.queue.addFirst(entry);
        if (delay.isZero() || delay.isNegative()) {
            workers.offer(lane);
            notices.workersToStart += workers.toStart();
            return;
        }
        lane.state = Lane.State.WAITING;
        entry.partition.retryScheduled();
        scheduler.schedule(delay, () -> retryDue(lane));
    }

    private void retryDue(Lane lane) {
        int start;
        boolean wake;
        synchronized (this) {
            if (!lane.live() || lane.state != Lane.State.WAITING) {
                return;
            }
            lane.partition.retryDue();
            workers.offer(lane);
            start = workers.toStart();
            wake = flow.wakeAfterRetry(lane.partition);
        }
        workers.start(start);
        if (wake) {
            observer.wake(wakeUp);
        }
    }

    /** A record's dead letter is due: it goes back to the head of its lane, to be published next. */
    void publishNext(Entry entry) {
        entry.lane.queue.addFirst(entry);
    }

    /** The STOP policy took a record: its partition halts there. */
    void stopAt(Entry entry, String reason) {
        buffered -= entry.partition.stopAt(entry, reason);
    }

    /** A handler threw a {@link VirtualMachineError}: every partition halts and the consumer fails. */
    void fail(Throwable error, Notices notices) {
        if (fatal == null) {
            fatal = error;
        }
        for (PartitionState partition : partitions.values()) {
            buffered -= partition.halt(Halt.FAILED);
        }
        counters.error("A handler threw " + Failures.describe(error) + "; the consumer fails");
        notices.wake = true;
    }

    synchronized void observerFailed(Throwable error) {
        counters.error("An engine observer failed: " + Failures.describe(error));
    }

    // ------------------------------------------------------------------ checks

    /** Checks what must hold whenever the lock is free, for tests; throws {@link IllegalStateException} when broken. */
    public synchronized void checkInvariants() {
        Invariants.check(partitions.values(), buffered, maxBuffered, workers);
    }
}
