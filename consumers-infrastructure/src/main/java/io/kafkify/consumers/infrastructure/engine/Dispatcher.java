package io.kafkify.consumers.infrastructure.engine;

import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs fetched records on handler threads in the order the {@link Ordering} asks for, and
 * tracks per partition how far it may be committed.
 *
 * <p>Records wait in lanes: one lane per partition ({@code PARTITION}), one per key and
 * partition ({@code KEY}; records without a key share their partition's lane), or none
 * ({@code UNORDERED}). A lane runs one record at a time, in offset order; lanes run in
 * parallel, at most {@code maxConcurrency} at once. A partition's committable offset is
 * the lowest offset not yet finished, whatever order records finish in.
 *
 * <p>A record whose handler fails halts its partition: its lanes start nothing more, nothing
 * past the record is committable, and the adapter decides what happens next (redelivery, for
 * now). Revoking a partition drops its waiting records and waits, bounded, for its running
 * ones.
 *
 * <p>For adapters, not for application code. Threading: {@link #dispatch}, {@link #commitReady},
 * {@link #revoke}, {@link #lose} and {@link #reset} are called by one thread (the thread that
 * fetches); handlers run on the executor; {@link #buffered()} and the partition queries may be
 * called from any thread.
 */
public final class Dispatcher {

    /** How many records a lane handles in one go before it lets other lanes have the thread. */
    private static final int LANE_BATCH = 256;
    private static final Object PARTITION_LANE = new Object();

    /** Told what happens to records; called on handler threads, so it must be thread-safe and quick. */
    public interface Listener {
        /** @param outcome what became of one record */
        void onOutcome(RecordOutcome outcome);

        /** A partition halted at a failed record; the fetching thread should look at {@link #halted()}. */
        void onHalted(PartitionId partition);

        /** The buffered count fell to {@code resumeThreshold} while the fetcher had asked to be told. */
        void onDrained();
    }

    private final RecordProcessor processor;
    private final Ordering ordering;
    private final Executor executor;
    private final Semaphore permits;
    private final Listener listener;
    private final Map<PartitionId, PartitionLanes> partitions = new ConcurrentHashMap<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private volatile int drainedThreshold = -1;

    /**
     * @param processor decodes, routes and handles a record
     * @param ordering which records may run at the same time
     * @param maxConcurrency the most handlers running at once
     * @param executor runs handlers; it needs no bound of its own
     * @param listener told about outcomes, halts and drains
     */
    public Dispatcher(RecordProcessor processor, Ordering ordering, int maxConcurrency, Executor executor,
                      Listener listener) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.ordering = Objects.requireNonNull(ordering, "ordering");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        this.permits = new Semaphore(maxConcurrency);
    }

    /**
     * Queues a fetched record. A record of a halted partition is dropped: the partition will be
     * fetched again from its failed record.
     *
     * @param record the record; records of one partition must come in offset order
     * @return false when the record was dropped
     */
    public boolean dispatch(RawRecord record) {
        PartitionId id = new PartitionId(record.topic(), record.partition());
        PartitionLanes partition = partitions.computeIfAbsent(id, PartitionLanes::new);
        if (partition.halted) {
            return false;
        }
        Item item = new Item(record, partition.tracker.track(record.offset()), partition);
        partition.started();
        buffered.incrementAndGet();
        if (ordering == Ordering.UNORDERED) {
            executor.execute(() -> runAlone(item));
            return true;
        }
        Object key = ordering == Ordering.KEY && record.key() != null ? ByteBuffer.wrap(record.key()) : PARTITION_LANE;
        while (true) {
            Lane lane = partition.lanes.computeIfAbsent(key, k -> new Lane(k, partition));
            synchronized (lane) {
                if (lane.retired) {
                    continue;
                }
                lane.queue.addLast(item);
                if (!lane.scheduled) {
                    lane.scheduled = true;
                    executor.execute(lane);
                }
                return true;
            }
        }
    }

    /** @return records queued or running, over every partition */
    public int buffered() {
        return buffered.get();
    }

    /**
     * Asks to be told ({@link Listener#onDrained()}) once, when the buffered count falls to
     * {@code threshold} or below.
     *
     * @param threshold the count to wait for
     */
    public void notifyWhenDrainedTo(int threshold) {
        drainedThreshold = threshold;
        if (buffered.get() <= threshold) {
            fireDrained();
        }
    }

    /**
     * @return for each partition whose committable offset moved since the last call, the offset
     *     to commit
     */
    public Map<PartitionId, Long> commitReady() {
        Map<PartitionId, Long> ready = new LinkedHashMap<>();
        for (PartitionLanes partition : partitions.values()) {
            long committable = partition.tracker.committable();
            if (committable > partition.lastCommitted) {
                partition.lastCommitted = committable;
                ready.put(partition.id, committable);
            }
        }
        return ready;
    }

    /**
     * Forgets that an offset was handed out for commit, so that the next {@link #commitReady()}
     * offers it again (after an asynchronous commit failed).
     *
     * @param id the partition
     * @param offset the offset whose commit failed
     */
    public void commitFailed(PartitionId id, long offset) {
        PartitionLanes partition = partitions.get(id);
        if (partition != null && partition.lastCommitted == offset) {
            partition.lastCommitted = -1;
        }
    }

    /**
     * @return the partitions halted at a failed record, with that record's offset
     */
    public Map<PartitionId, Long> halted() {
        Map<PartitionId, Long> halted = new HashMap<>();
        for (PartitionLanes partition : partitions.values()) {
            long offset = partition.failedOffset;
            if (offset >= 0) {
                halted.put(partition.id, offset);
            }
        }
        return halted;
    }

    /**
     * @param id a partition
     * @return its records queued or running
     */
    public int outstanding(PartitionId id) {
        PartitionLanes partition = partitions.get(id);
        return partition == null ? 0 : partition.outstanding();
    }

    /**
     * Starts a partition afresh after it halted: forgets its tracked records, so that it can be
     * fetched again from the failed record. Call only once its outstanding count is zero.
     *
     * @param id the partition
     * @return the offset that was committable before the reset, or -1
     */
    public long reset(PartitionId id) {
        PartitionLanes old = partitions.remove(id);
        if (old == null) {
            return -1;
        }
        long committable = old.tracker.committable();
        PartitionLanes fresh = new PartitionLanes(id);
        fresh.lastCommitted = Math.max(old.lastCommitted, committable);
        partitions.put(id, fresh);
        return committable;
    }

    /**
     * Revokes partitions: drops their waiting records, waits up to {@code timeout} for their
     * running ones, and returns how far each may be committed. Records still running after the
     * timeout are not committed; the next owner handles them again.
     *
     * @param ids the partitions
     * @param timeout how long to wait for running records, in total
     * @return the committable offset of each partition that has one
     */
    public Map<PartitionId, Long> revoke(Collection<PartitionId> ids, Duration timeout) {
        List<PartitionLanes> revoked = new ArrayList<>();
        for (PartitionId id : ids) {
            PartitionLanes partition = partitions.get(id);
            if (partition != null) {
                partition.halt();
                revoked.add(partition);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<PartitionId, Long> committable = new LinkedHashMap<>();
        for (PartitionLanes partition : revoked) {
            partition.awaitIdle(deadline);
            long offset = partition.tracker.committable();
            if (offset >= 0) {
                committable.put(partition.id, offset);
            }
            partitions.remove(partition.id, partition);
        }
        return committable;
    }

    /**
     * Loses partitions (another member owns them already): drops their waiting records and
     * forgets them without waiting or committing.
     *
     * @param ids the partitions
     */
    public void lose(Collection<PartitionId> ids) {
        for (PartitionId id : ids) {
            PartitionLanes partition = partitions.remove(id);
            if (partition != null) {
                partition.halt();
            }
        }
    }

    /** @return the partitions with tracked records */
    public List<PartitionId> partitions() {
        return new ArrayList<>(partitions.keySet());
    }

    private void runAlone(Item item) {
        permits.acquireUninterruptibly();
        try {
            if (item.partition.halted) {
                recordsLeft(1);
                item.partition.dropped(1);
                return;
            }
            handle(item);
        } finally {
            permits.release();
        }
    }

    private void handle(Item item) {
        RecordOutcome outcome;
        try {
            outcome = processor.process(item.record);
        } catch (RuntimeException | Error unexpected) {
            outcome = new RecordOutcome.Failed(item.record.coordinates(), null, null, unexpected, true);
        }
        try {
            listener.onOutcome(outcome);
        } finally {
            if (outcome instanceof RecordOutcome.Failed) {
                item.partition.fail(item.ticket.offset());
                listener.onHalted(item.partition.id);
            } else {
                item.ticket.finish();
            }
            recordsLeft(1);
            item.partition.finished();
        }
    }

    private void recordsLeft(int count) {
        int now = buffered.addAndGet(-count);
        if (now <= drainedThreshold) {
            fireDrained();
        }
    }

    private void fireDrained() {
        if (drainedThreshold >= 0) {
            drainedThreshold = -1;
            listener.onDrained();
        }
    }

    private record Item(RawRecord record, OffsetTracker.Ticket ticket, PartitionLanes partition) {
    }

    /** The records of one partition: its tracker, its lanes, and whether it may go on. */
    private final class PartitionLanes {
        private final PartitionId id;
        private final OffsetTracker tracker = new OffsetTracker();
        private final Map<Object, Lane> lanes = new ConcurrentHashMap<>();
        private volatile boolean halted;
        private volatile long failedOffset = -1;
        private long lastCommitted = -1;
        private int outstanding;

        PartitionLanes(PartitionId id) {
            this.id = id;
        }

        synchronized void started() {
            outstanding++;
        }

        synchronized void finished() {
            outstanding--;
            if (outstanding == 0) {
                notifyAll();
            }
        }

        synchronized void dropped(int count) {
            outstanding -= count;
            if (outstanding == 0) {
                notifyAll();
            }
        }

        synchronized int outstanding() {
            return outstanding;
        }

        synchronized void fail(long offset) {
            if (failedOffset < 0 || offset < failedOffset) {
                failedOffset = offset;
            }
            halted = true;
        }

        void halt() {
            halted = true;
            for (Lane lane : lanes.values()) {
                int dropped;
                synchronized (lane) {
                    dropped = lane.queue.size();
                    lane.queue.clear();
                }
                if (dropped > 0) {
                    recordsLeft(dropped);
                    dropped(dropped);
                }
            }
        }

        synchronized void awaitIdle(long deadlineNanos) {
            while (outstanding > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Records that must run one at a time, in order: a partition's, or a key's. */
    private final class Lane implements Runnable {
        private final Object key;
        private final PartitionLanes partition;
        private final ArrayDeque<Item> queue = new ArrayDeque<>();
        private boolean scheduled;
        private boolean retired;

        Lane(Object key, PartitionLanes partition) {
            this.key = key;
            this.partition = partition;
        }

        @Override
        public void run() {
            boolean again = false;
            permits.acquireUninterruptibly();
            try {
                for (int handled = 0; ; handled++) {
                    Item item;
                    int dropped = 0;
                    synchronized (this) {
                        if (partition.halted && !queue.isEmpty()) {
                            dropped = queue.size();
                            queue.clear();
                        }
                        item = queue.pollFirst();
                        if (item == null) {
                            scheduled = false;
                            retired = true;
                            partition.lanes.remove(key, this);
                        } else if (handled >= LANE_BATCH) {
                            queue.addFirst(item);
                            again = true;
                            item = null;
                        }
                    }
                    if (dropped > 0) {
                        recordsLeft(dropped);
                        partition.dropped(dropped);
                    }
                    if (item == null) {
                        break;
                    }
                    handle(item);
                }
            } finally {
                permits.release();
            }
            if (again) {
                executor.execute(this);
            }
        }
    }
}
