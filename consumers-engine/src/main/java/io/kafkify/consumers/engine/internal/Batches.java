package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.AttemptScope;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.DeadLetterPublisher;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.kafkify.consumers.engine.spi.Scheduler;
import java.util.List;

/**
 * What a worker asks of the engine: a batch to take, a record to run (outside the lock), the
 * batch's results to hand back (under the engine's lock), and what must be told afterwards
 * (outside it).
 */
final class Batches {

    private final EngineCore core;
    private final RecordProcessor processor;
    private final DeadLetterPublisher deadLetters;
    private final Workers workers;
    private final Outcomes outcomes;
    private final SafeObserver observer;
    private final Scheduler scheduler;
    private final Runnable wakeUp;
    private final boolean deadLetterUnrouted;
    private static final AttemptScope[] NO_SCOPES = new AttemptScope[0];

    Batches(EngineCore core, RecordProcessor processor, DeadLetterPublisher deadLetters, Workers workers,
            Outcomes outcomes, SafeObserver observer, Scheduler scheduler, Runnable wakeUp,
            boolean deadLetterUnrouted) {
        this.core = core;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.workers = workers;
        this.outcomes = outcomes;
        this.observer = observer;
        this.scheduler = scheduler;
        this.wakeUp = wakeUp;
        this.deadLetterUnrouted = deadLetterUnrouted;
    }

    boolean firstBatch(Worker worker) {
        synchronized (core) {
            return workers.first(worker);
        }
    }

    boolean deadLettersUnrouted() {
        return deadLetterUnrouted;
    }

    /** @return scopes enough for one attempt's observers, for a worker to reuse */
    AttemptScope[] newScopes() {
        return observer.observesAttempts() ? new AttemptScope[observer.size()] : NO_SCOPES;
    }

    /**
     * Runs an attempt or a dead-letter publish, outside the lock; never throws. An attempt runs
     * inside its observers' scopes (opened before, closed after, on this thread); with no
     * observer, nothing is read or made for them.
     *
     * @param scopes the worker's scopes, from {@link #newScopes()}
     */
    void perform(Entry entry, AttemptScope[] scopes) {
        entry.result = null;
        entry.published = false;
        entry.publishError = null;
        DeadLetter deadLetter = entry.deadLetter;
        if (deadLetter != null) {
            try {
                deadLetters.publish(observer.deadLetterToPublish(deadLetter));
                entry.published = true;
            } catch (Throwable error) {
                entry.publishError = error;
            }
            return;
        }
        RawRecord record = entry.record;
        if (!observer.observesAttempts()) {
            entry.result = attempt(record);
            return;
        }
        long started = scheduler.nanoTime();
        observer.attemptStarted(record, scopes);
        RecordOutcome result = attempt(record);
        entry.result = result;
        observer.attemptEnded(scopes, result, scheduler.nanoTime() - started);
    }

    private RecordOutcome attempt(RawRecord record) {
        try {
            return processor.process(record);
        } catch (Throwable unexpected) {
            return RecordOutcome.Failed.of(record.coordinates(), null, null, unexpected, true);
        }
    }

    /**
     * Applies what a batch gave: the records that did not run go back to the head of their lanes,
     * in order; the outcomes of those that ran are applied in order; the lanes are released; and
     * the worker's next batch is taken.
     *
     * @return whether the worker has a next batch (else it ends)
     */
    boolean completeBatch(Worker worker) {
        synchronized (core) {
            return completeUnderLock(worker);
        }
    }

    private boolean completeUnderLock(Worker worker) {
        List<Entry> batch = worker.batch;
        Notices notices = worker.notices;
        for (int i = batch.size() - 1; i >= 0; i--) {
            Entry entry = batch.get(i);
            if (!entry.ran) {
                workers.end(entry);
                if (entry.lane.live()) {
                    entry.lane.queue.addFirst(entry);
                }
            }
        }
        // Each record stops running just before its outcome is applied, so that a halt decided
        // by an earlier record of the batch still sees the later ones as running.
        for (Entry entry : batch) {
            if (entry.ran) {
                workers.end(entry);
                outcomes.apply(entry, notices);
            }
        }
        for (Entry entry : batch) {
            PartitionState partition = entry.partition;
            if (partition.halt() != null && partition.inFlight() == 0) {
                notices.signal = true;
            }
        }
        workers.release(worker);
        batch.clear();
        boolean more = workers.fill(worker);
        notices.workersToStart += workers.toStart();
        return more;
    }

    /** Tells, outside the lock, what the last completion must tell, and starts workers it made ready. */
    void emit(Notices notices) {
        for (RecordOutcome outcome : notices.outcomes) {
            observer.outcome(outcome);
        }
        for (Notices.FailedLetter failed : notices.failedLetters) {
            observer.deadLetterFailed(failed.deadLetter(), failed.error());
        }
        if (notices.signal) {
            scheduler.signal();
        }
        if (notices.wake) {
            observer.wake(wakeUp);
        }
        int start = notices.workersToStart;
        notices.clear();
        workers.start(start);
    }

    void workerDied(Worker worker, Throwable error) {
        synchronized (core) {
            workers.died(worker);
            core.counters.error("An engine worker died: " + Failures.describe(error));
            worker.notices.clear();
        }
    }
}
