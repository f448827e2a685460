package io.kafkify.consumers.engine.simulation;

import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.domain.StoppedPartition;
import io.kafkify.consumers.engine.DeadLetter;
import io.kafkify.consumers.engine.Dispatcher;
import io.kafkify.consumers.engine.RawRecord;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first wave's {@link Dispatcher} with the Kafka adapter's logic around it (backpressure,
 * resume after STOP), as {@code KafkaBaseConsumerAdapter} drove it, so that the simulation can
 * show what it finds in that code. Its revoke and stop do not wait: the dispatcher waits on a
 * real clock, which a one-thread simulation cannot give it, so they behave as a timeout that
 * has already passed. maxConcurrency is raised to 64 because the dispatcher's lanes block on a
 * permit inside their task, which would block the simulation's only thread.
 */
final class FirstWaveDispatcherDriver implements EngineDriver {

    private final Dispatcher dispatcher;
    private final Ordering ordering;
    private final int maxBuffered;
    private final int maxPoll;
    private final Set<PartitionId> assigned = new LinkedHashSet<>();
    private final ArrayDeque<PartitionId> resumeRequests = new ArrayDeque<>();
    private final Map<PartitionId, Long> resetCommits = new LinkedHashMap<>();
    private boolean backpressure;

    FirstWaveDispatcherDriver(Parts parts) {
        this.ordering = parts.policy().ordering();
        this.maxBuffered = parts.maxBufferedRecords();
        this.maxPoll = parts.maxPollRecords();
        io.kafkify.consumers.engine.ProcessingPolicy p = parts.policy();
        io.kafkify.consumers.engine.ProcessingPolicy wide = new io.kafkify.consumers.engine.ProcessingPolicy(
                p.ordering(), 64, p.maxAttempts(), p.retryBackoff(), p.maxRetryBackoff(), p.failurePolicy(),
                p.deadLetterSuffix(), p.deadLetterUnrouted(), p.nonRetryable());
        this.dispatcher = new Dispatcher(parts.processor(), wide, parts.executor(),
                (task, delay) -> parts.time().schedule(delay, task), parts.publisher(), new Dispatcher.Listener() {
                    @Override
                    public void onOutcome(RecordOutcome outcome) {
                        parts.observer().outcome(outcome);
                    }

                    @Override
                    public void onPublishFailed(DeadLetter deadLetter, Exception error) {
                    }

                    @Override
                    public void onDrained() {
                    }
                });
    }

    @Override
    public boolean enforcesMaxConcurrency() {
        return false;
    }

    @Override
    public void assign(Collection<PartitionId> partitions) {
        assigned.addAll(partitions);
    }

    @Override
    public Map<PartitionId, Long> revoke(Collection<PartitionId> partitions, Duration timeout) {
        assigned.removeAll(partitions);
        return dispatcher.revoke(partitions, Duration.ZERO);
    }

    @Override
    public void lose(Collection<PartitionId> partitions) {
        assigned.removeAll(partitions);
        dispatcher.lose(partitions);
    }

    @Override
    public void accept(PartitionId partition, List<RawRecord> records) {
        dispatcher.dispatchAll(partition, records);
    }

    /** The adapter's resumeRequested() and applyBackpressure(), in that order. */
    @Override
    public Flow flow() {
        Map<PartitionId, Long> seeks = new HashMap<>();
        int requests = resumeRequests.size();
        for (int i = 0; i < requests; i++) {
            PartitionId id = resumeRequests.poll();
            StoppedPartition stopped = null;
            for (StoppedPartition candidate : dispatcher.stopped()) {
                if (candidate.partition().equals(id)) {
                    stopped = candidate;
                }
            }
            if (stopped == null || !assigned.contains(id)) {
                continue;
            }
            if (dispatcher.outstanding(id) > 0) {
                resumeRequests.add(id);
                continue;
            }
            long committable = dispatcher.reset(id);
            if (committable >= 0) {
                resetCommits.put(id, committable);
            }
            seeks.put(id, stopped.offset());
        }
        int buffered = dispatcher.buffered();
        int pauseAbove = maxBuffered - maxPoll;
        int resumeAt = Math.min(pauseAbove, maxBuffered / 2);
        if (!backpressure && buffered > pauseAbove) {
            backpressure = true;
        } else if (backpressure && buffered <= resumeAt) {
            backpressure = false;
        }
        Set<PartitionId> paused = new HashSet<>();
        for (StoppedPartition partition : dispatcher.stopped()) {
            if (assigned.contains(partition.partition())) {
                paused.add(partition.partition());
            }
        }
        if (backpressure) {
            paused.addAll(assigned);
        } else if (ordering == Ordering.PARTITION) {
            for (PartitionId waiting : dispatcher.waitingForRetry()) {
                if (assigned.contains(waiting)) {
                    paused.add(waiting);
                }
            }
        }
        return new Flow(paused, seeks);
    }

    @Override
    public Map<PartitionId, Long> commitReady() {
        Map<PartitionId, Long> ready = new LinkedHashMap<>(resetCommits);
        resetCommits.clear();
        ready.putAll(dispatcher.commitReady());
        return ready;
    }

    @Override
    public void committed(Map<PartitionId, Long> offsets) {
    }

    @Override
    public void commitFailed(Map<PartitionId, Long> offsets) {
        offsets.forEach(dispatcher::commitFailed);
    }

    @Override
    public void resume(PartitionId partition) {
        resumeRequests.add(partition);
    }

    @Override
    public Map<PartitionId, Long> stop(Duration timeout) {
        Set<PartitionId> owned = new LinkedHashSet<>(assigned);
        owned.addAll(dispatcher.partitions());
        assigned.clear();
        return dispatcher.revoke(owned, Duration.ZERO);
    }
}
