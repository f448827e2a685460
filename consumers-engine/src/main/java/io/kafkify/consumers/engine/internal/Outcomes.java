package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.time.Duration;
import java.util.Random;

/**
 * Decides what an attempt leads to: finished (handled, taken by no handler, dead-lettered,
 * skipped), tried again after a backoff, stopped at, dead-lettered next, or abandoned because
 * its partition was halted meanwhile. Called by {@link EngineCore#complete} with the engine's
 * lock held.
 */
final class Outcomes {

    private static final long MIN_PUBLISH_BACKOFF_MILLIS = 10;

    private final EngineCore core;
    private final ProcessingPolicy policy;
    private final FailureClassifier classifier;
    private final Random random;

    Outcomes(EngineCore core, ProcessingPolicy policy, FailureClassifier classifier, Random random) {
        this.core = core;
        this.policy = policy;
        this.classifier = classifier;
        this.random = random;
    }

    /** Applies what the entry's last run gave (a run or a dead-letter publish). */
    void apply(Entry entry, Notices notices) {
        if (entry.deadLetter != null) {
            published(entry, notices);
            return;
        }
        RecordOutcome outcome = entry.result;
        if (outcome instanceof RecordOutcome.Failed failure) {
            failed(entry, failure, notices);
            return;
        }
        if (outcome instanceof RecordOutcome.Unrouted unrouted) {
            core.counters.unrouted();
            notices.add(unrouted);
            if (!policy.deadLetterUnrouted()) {
                finishIfCurrent(entry, notices);
                return;
            }
            if (!runnable(entry)) {
                return;
            }
            RawRecord record = entry.record;
            String reason = "No handler for code " + unrouted.message().code() + " of topic " + record.topic();
            entry.lastFailure = RecordOutcome.Failed.of(record.coordinates(), unrouted.message(), null,
                    new IllegalStateException(reason), false);
            entry.deadLetter = DeadLetter.of(policy.deadLetterTopic(record.topic()), record, "unrouted", reason, 0);
            core.publishNext(entry);
            return;
        }
        core.counters.handled();
        notices.add(outcome);
        finishIfCurrent(entry, notices);
    }

    private void published(Entry entry, Notices notices) {
        DeadLetter deadLetter = entry.deadLetter;
        if (entry.published) {
            core.counters.deadLettered();
            notices.add(new RecordOutcome.DeadLettered(entry.lastFailure, deadLetter.topic()));
            finishIfCurrent(entry, notices);
            return;
        }
        core.counters.error("Cannot publish " + deadLetter.original().coordinates() + " to " + deadLetter.topic()
                + ": " + Failures.describe(entry.publishError));
        notices.publishFailed(deadLetter, entry.publishError);
        if (!runnable(entry)) {
            notices.add(new RecordOutcome.Abandoned(entry.lastFailure, why(entry)));
            return;
        }
        entry.publishAttempts++;
        long backoff = Math.max(policy.ceilingMillis(entry.publishAttempts), MIN_PUBLISH_BACKOFF_MILLIS);
        core.retryLater(entry, Duration.ofMillis(backoff), notices);
    }

    private void failed(Entry entry, RecordOutcome.Failed failure, Notices notices) {
        core.counters.failed(failure.coordinates() + ": " + failure.reason());
        FailureClassifier.Verdict verdict = classifier.classify(failure.cause());
        boolean retryable = verdict == FailureClassifier.Verdict.RETRYABLE;
        int attempt = ++entry.attempts;
        if (verdict == FailureClassifier.Verdict.FATAL) {
            notices.add(failure.numbered(false, attempt, false));
            core.fail(failure.cause(), notices);
            return;
        }
        if (!runnable(entry)) {
            RecordOutcome.Failed numbered = failure.numbered(retryable, attempt, false);
            notices.add(numbered);
            notices.add(new RecordOutcome.Abandoned(numbered, why(entry)));
            return;
        }
        if (retryable && attempt < policy.maxAttempts()) {
            notices.add(failure.numbered(true, attempt, true));
            core.retryLater(entry, policy.backoff(attempt, random), notices);
            return;
        }
        RecordOutcome.Failed numbered = failure.numbered(retryable, attempt, false);
        entry.lastFailure = numbered;
        notices.add(numbered);
        switch (policy.failurePolicy()) {
            case SKIP -> {
                core.counters.skipped();
                notices.add(new RecordOutcome.Skipped(numbered));
                core.finish(entry, notices);
            }
            case STOP -> {
                core.stopAt(entry, numbered.reason());
                notices.add(new RecordOutcome.Stopped(numbered));
                notices.wake = true;
            }
            default -> {
                Throwable cause = failure.cause();
                RawRecord record = entry.record;
                entry.deadLetter = DeadLetter.of(policy.deadLetterTopic(record.topic()), record,
                        cause.getClass().getName(), Failures.message(cause), attempt);
                core.publishNext(entry);
            }
        }
    }

    /** @return whether the entry's partition is still this consumer's and takes records */
    private static boolean runnable(Entry entry) {
        return entry.current() && entry.partition.halt() == null;
    }

    private void finishIfCurrent(Entry entry, Notices notices) {
        if (entry.current()) {
            core.finish(entry, notices);
        }
    }

    private static String why(Entry entry) {
        PartitionState partition = entry.partition;
        if (partition.halt() != null) {
            return partition.halt().description;
        }
        return partition.owned() ? "restarted" : "revoked";
    }
}
