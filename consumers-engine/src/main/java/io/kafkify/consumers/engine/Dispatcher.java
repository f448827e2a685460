package io.kafkify.consumers.engine;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.domain.StoppedPartition;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs fetched records on handler threads in the order the {@link Ordering} asks for, retries
 * failed ones without blocking the fetching thread, applies the {@link FailurePolicy} after the
 * last attempt, and tracks per partition how far it may be committed.
 *
 * <p>Records wait in lanes: one lane per partition ({@code PARTITION}), one per key and
 * partition ({@code KEY}; records without a key share their partition's lane), or one per
 * record ({@code UNORDERED}). A lane runs one record at a time, in offset order; lanes run in
 * parallel, at most {@code maxConcurrency} at once. A record waiting to be retried keeps its
 * lane: records behind it wait too, records of other lanes go on. A partition's committable
 * offset is the lowest offset not yet finished, whatever order records finish in; a record is
 * finished when it was handled, taken by no handler, dead-lettered or skipped.
 *
 * <p>For adapters, not for application code. Threading: {@link #dispatch}, {@link #commitReady},
 * {@link #revoke}, {@link #lose} and {@link #reset} are called by one thread (the thread that
 * fetches); handlers run on the executor, retries are scheduled on the {@link Delayer}; the
 * queries may be called from any thread.
 */
public final class Dispatcher {

    /** How many records a lane handles in one go before it lets other lanes have the thread. */
    private static final int LANE_BATCH = 256;
    private static final Object PARTITION_LANE = new Object();

    /** Told what happens to records; called on handler threads, so it must be thread-safe and quick. */
    public interface Listener {
        /** @param outcome what became of one attempt at a record */
        void onOutcome(RecordOutcome outcome);

        /**
         * A dead letter could not be published; it is published again after a backoff.
         *
         * @param deadLetter the dead letter
         * @param error why it failed
         */
        void onPublishFailed(DeadLetter deadLetter, Exception error);

        /** The buffered count fell to the threshold asked for with {@link #notifyWhenDrainedTo}. */
        void onDrained();
    }

    /** Runs a task after a delay: a scheduler thread in production, at once in memory. */
    @FunctionalInterface
    public interface Delayer {
        /**
         * @param task the task
         * @param delay how long to wait first
         */
        void schedule(Runnable task, Duration delay);
    }

    private final RecordProcessor processor;
    private final ProcessingPolicy policy;
    private final Executor executor;
    private final Delayer delayer;
    private final DeadLetterPublisher deadLetters;
    private final Semaphore permits;
    private final Listener listener;
    private final Map<PartitionId, PartitionLanes> partitions = new ConcurrentHashMap<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private volatile int drainedThreshold = -1;

    /**
     * @param processor decodes, routes and handles a record
     * @param policy ordering, concurrency, retries and the failure policy
     * @param executor runs handlers; it needs no bound of its own
     * @param delayer schedules retries
     * @param deadLetters publishes records to dead-letter topics
     * @param listener told about outcomes and drains
     */
    public Dispatcher(RecordProcessor processor, ProcessingPolicy policy, Executor executor, Delayer delayer,
                      DeadLetterPublisher deadLetters, Listener listener) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.delayer = Objects.requireNonNull(delayer, "delayer");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.permits = new Semaphore(policy.maxConcurrency());
    }

    /**
     * Queues a fetched record. A record of a stopped or revoked partition is dropped: the
     * partition will be fetched again from its first unfinished record.
     *
     * @param record the record; records of one partition must come in offset order
     * @return false when the record was dropped
     */
    public boolean dispatch(RawRecord record) {
        return dispatchAll(new PartitionId(record.topic(), record.partition()), List.of(record)) == 1;
    }

    /**
     * Queues the records one poll fetched for one partition, handing them to their lanes in one
     * go (one lock per lane rather than per record). Records of a stopped or revoked partition
     * are dropped: the partition will be fetched again from its first unfinished record.
     *
     * @param id the partition
     * @param records its records, in offset order
     * @return how many records were queued: all of them, or none
     */
    public int dispatchAll(PartitionId id, List<RawRecord> records) {
        int count = records.size();
        if (count == 0) {
            return 0;
        }
        PartitionLanes partition = partitions.computeIfAbsent(id, PartitionLanes::new);
        if (partition.halted) {
            return 0;
        }
        partition.started(count);
        buffered.addAndGet(count);
        if (policy.ordering() == Ordering.PARTITION) {
            List<Item> items = new ArrayList<>(count);
            for (RawRecord record : records) {
                items.add(new Item(record, partition.tracker.track(record.offset()), partition));
            }
            enqueue(partition, PARTITION_LANE, items);
            return count;
        }
        Map<Object, List<Item>> byLane = new LinkedHashMap<>();
        for (RawRecord record : records) {
            Item item = new Item(record, partition.tracker.track(record.offset()), partition);
            Object key = policy.ordering() == Ordering.KEY
                    ? (record.key() != null ? ByteBuffer.wrap(record.key()) : PARTITION_LANE)
                    : item;
            byLane.computeIfAbsent(key, k -> new ArrayList<>(2)).add(item);
        }
        byLane.forEach((key, items) -> enqueue(partition, key, items));
        return count;
    }

    private void enqueue(PartitionLanes partition, Object key, List<Item> items) {
        while (true) {
            Lane lane = partition.lanes.computeIfAbsent(key, k -> new Lane(k, partition));
            boolean start;
            synchronized (lane) {
                if (lane.retired) {
                    continue;
                }
                lane.queue.addAll(items);
                start = !lane.scheduled;
                lane.scheduled = true;
            }
            if (start) {
                executor.execute(lane);
            }
            return;
        }
    }

    /** @return records queued, running or waiting to be retried, over every partition */
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

    /** @return the partitions halted by the {@code STOP} policy, with the record they stopped at */
    public List<StoppedPartition> stopped() {
        List<StoppedPartition> stopped = new ArrayList<>();
        for (PartitionLanes partition : partitions.values()) {
            StoppedPartition at = partition.stoppedAt;
            if (at != null) {
                stopped.add(at);
            }
        }
        return stopped;
    }

    /** @return the partitions that have a record waiting for its next attempt */
    public List<PartitionId> waitingForRetry() {
        List<PartitionId> waiting = new ArrayList<>();
        for (PartitionLanes partition : partitions.values()) {
            if (partition.retriesWaiting.get() > 0) {
                waiting.add(partition.id);
            }
        }
        return waiting;
    }

    /**
     * @param id a partition
     * @return its records queued, running or waiting to be retried
     */
    public int outstanding(PartitionId id) {
        PartitionLanes partition = partitions.get(id);
        return partition == null ? 0 : partition.outstanding();
    }

    /**
     * Starts a partition afresh after it stopped: forgets its tracked records, so that it can
     * be fetched again from the record it stopped at. Call only once its outstanding count is
     * zero.
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
     * Revokes partitions: drops their waiting records (retries included), waits up to
     * {@code timeout} for their running ones, and returns how far each may be committed.
     * Records still running after the timeout are not committed; the next owner handles them
     * again.
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

    /**
     * Makes one attempt at a record, or one attempt at publishing its dead letter.
     *
     * @return null when the record is done with (finished, or stopped at), else the delay
     *     before the next attempt
     */
    private Duration attempt(Item item) {
        if (item.deadLetter != null) {
            return publish(item);
        }
        RecordOutcome outcome;
        try {
            outcome = processor.process(item.record);
        } catch (RuntimeException | Error unexpected) {
            outcome = RecordOutcome.Failed.of(item.record.coordinates(), null, null, unexpected, true);
        }
        if (outcome instanceof RecordOutcome.Failed failed) {
            int attempt = ++item.attempts;
            boolean retryable = failed.retryable() && policy.isRetryable(failed.cause());
            boolean retry = retryable && attempt < policy.maxAttempts() && !item.partition.halted;
            RecordOutcome.Failed numbered = failed.numbered(retryable, attempt, retry);
            item.lastFailure = numbered;
            listener.onOutcome(numbered);
            return retry ? policy.backoff(attempt) : giveUp(item, numbered);
        }
        if (outcome instanceof RecordOutcome.Unrouted unrouted && policy.deadLetterUnrouted()) {
            listener.onOutcome(unrouted);
            String reason = "No handler for code " + unrouted.message().code() + " of topic " + item.record.topic();
            item.lastFailure = RecordOutcome.Failed.of(item.record.coordinates(), unrouted.message(), null,
                    new IllegalStateException(reason), false);
            item.deadLetter = DeadLetter.of(policy.deadLetterTopic(item.record.topic()), item.record, "unrouted",
                    reason, 0);
            return publish(item);
        }
        item.ticket.finish();
        listener.onOutcome(outcome);
        return null;
    }

    private Duration giveUp(Item item, RecordOutcome.Failed failure) {
        switch (policy.failurePolicy()) {
            case SKIP -> {
                item.ticket.finish();
                listener.onOutcome(new RecordOutcome.Skipped(failure));
                return null;
            }
            case STOP -> {
                item.partition.stop(item.record.offset(), failure.reason());
                listener.onOutcome(new RecordOutcome.Stopped(failure));
                return null;
            }
            default -> {
                Throwable cause = failure.cause();
                item.deadLetter = DeadLetter.of(policy.deadLetterTopic(item.record.topic()), item.record,
                        cause.getClass().getName(), String.valueOf(cause.getMessage()), item.attempts);
                return publish(item);
            }
        }
    }

    private Duration publish(Item item) {
        try {
            deadLetters.publish(item.deadLetter);
        } catch (Exception e) {
            item.publishAttempts++;
            listener.onPublishFailed(item.deadLetter, e);
            return Duration.ofMillis(Math.max(policy.ceilingMillis(item.publishAttempts), 10));
        }
        item.ticket.finish();
        listener.onOutcome(new RecordOutcome.DeadLettered(item.lastFailure, item.deadLetter.topic()));
        return null;
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

    /** One record on its way through: its attempts and, once given up on, its dead letter. */
    private static final class Item {
        private final RawRecord record;
        private final OffsetTracker.Ticket ticket;
        private final PartitionLanes partition;
        private int attempts;
        private int publishAttempts;
        private RecordOutcome.Failed lastFailure;
        private DeadLetter deadLetter;

        Item(RawRecord record, OffsetTracker.Ticket ticket, PartitionLanes partition) {
            this.record = record;
            this.ticket = ticket;
            this.partition = partition;
        }
    }

    /** The records of one partition: its tracker, its lanes, and whether it may go on. */
    private final class PartitionLanes {
        private final PartitionId id;
        private final OffsetTracker tracker = new OffsetTracker();
        private final Map<Object, Lane> lanes = new ConcurrentHashMap<>();
        private final AtomicInteger retriesWaiting = new AtomicInteger();
        private volatile boolean halted;
        private volatile StoppedPartition stoppedAt;
        private long lastCommitted = -1;
        private int outstanding;

        PartitionLanes(PartitionId id) {
            this.id = id;
        }

        synchronized void started(int count) {
            outstanding += count;
        }

        synchronized void done(int count) {
            outstanding -= count;
            if (outstanding == 0) {
                notifyAll();
            }
        }

        synchronized int outstanding() {
            return outstanding;
        }

        synchronized void stop(long offset, String reason) {
            if (stoppedAt == null || offset < stoppedAt.offset()) {
                stoppedAt = new StoppedPartition(id, offset, reason);
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
                    done(dropped);
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

    /** Records that must run one at a time, in order: a partition's, a key's, or one record. */
    private final class Lane implements Runnable {
        private final Object key;
        private final PartitionLanes partition;
        private final ArrayDeque<Item> queue = new ArrayDeque<>(4);
        private boolean scheduled;
        private boolean retired;

        Lane(Object key, PartitionLanes partition) {
            this.key = key;
            this.partition = partition;
        }

        @Override
        public void run() {
            boolean again = false;
            Duration retryIn = null;
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
                        partition.done(dropped);
                    }
                    if (item == null) {
                        break;
                    }
                    retryIn = attempt(item);
                    if (retryIn != null) {
                        synchronized (this) {
                            queue.addFirst(item);
                        }
                        break;
                    }
                    recordsLeft(1);
                    partition.done(1);
                }
            } finally {
                permits.release();
            }
            if (retryIn != null) {
                partition.retriesWaiting.incrementAndGet();
                delayer.schedule(() -> {
                    partition.retriesWaiting.decrementAndGet();
                    executor.execute(this);
                }, retryIn);
            } else if (again) {
                executor.execute(this);
            }
        }
    }
}
