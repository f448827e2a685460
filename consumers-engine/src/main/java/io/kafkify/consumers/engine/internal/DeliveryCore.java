package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.Acknowledgement;
import io.kafkify.consumers.engine.spi.AttemptScope;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.DeadLetterPublisher;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.EngineState;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.kafkify.consumers.engine.spi.Scheduler;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Decides what becomes of one delivery of a record that is acknowledged on its own (a share
 * group's): it runs the record through the {@link RecordProcessor} (decode, route, bind, handle)
 * with the observers around the attempt, classifies a failure with the {@link FailureClassifier}
 * the offset engine uses, publishes dead letters, and returns the acknowledgement. Retries are
 * deliveries: a retryable failure with attempts left is released after its backoff, and the
 * broker's delivery count numbers the attempts. A failure on the group's last delivery goes to
 * the failure policy, so that the broker never archives a record silently.
 *
 * <p>Threading: {@link #process} runs on handler threads, several at once; the rest on any thread.
 */
public final class DeliveryCore {

    private static final long MIN_PUBLISH_BACKOFF_MILLIS = 10;
    private static final long PAUSE_SLICE_MILLIS = 50;

    private final RecordProcessor processor;
    private final ProcessingPolicy policy;
    private final FailureClassifier classifier;
    private final DeadLetterPublisher deadLetters;
    private final SafeObserver observer;
    private final Scheduler scheduler;
    private final Random random;
    private final Counters counters = new Counters();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile @Nullable Throwable fatal;

    /**
     * @param processor decodes, routes and handles
     * @param policy attempts, backoff and the failure policy (not {@link FailurePolicy#STOP})
     * @param deadLetters publishes dead letters
     * @param observers told of attempts and outcomes, in order
     * @param scheduler the clock of the attempts' durations
     * @param random draws the backoff's jitter
     */
    public DeliveryCore(RecordProcessor processor, ProcessingPolicy policy, DeadLetterPublisher deadLetters,
                        List<EngineObserver> observers, Scheduler scheduler, Random random) {
        if (policy.failurePolicy() == FailurePolicy.STOP) {
            throw new IllegalArgumentException("The STOP policy halts a partition, and a share group's records are "
                    + "not held back by their partition: choose DEAD_LETTER, REJECT or SKIP");
        }
        this.processor = processor;
        this.policy = policy;
        this.classifier = new FailureClassifier(policy.nonRetryable());
        this.deadLetters = deadLetters;
        this.observer = new SafeObserver(observers, this::observerFailed);
        this.scheduler = scheduler;
        this.random = random;
    }

    /**
     * Handles one delivery and says how to acknowledge it. Blocks while a dead letter's publish
     * is retried; gives up (a release now) once {@code halted} says so.
     *
     * @param record the record
     * @param deliveryCount the broker's delivery count, from 1
     * @param deliveryLimit the group's delivery limit: the delivery that reaches it is the last
     * @param halted whether the consumer is stopping
     * @return the acknowledgement
     */
    public Acknowledgement process(RawRecord record, int deliveryCount, int deliveryLimit, BooleanSupplier halted) {
        inFlight.incrementAndGet();
        try {
            return decide(record, attempt(record, deliveryCount), Math.max(1, deliveryCount), deliveryLimit, halted);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private RecordOutcome attempt(RawRecord record, int deliveryCount) {
        AttemptScope[] scopes = observer.observesAttempts() ? new AttemptScope[observer.size()] : null;
        long start = 0;
        if (scopes != null) {
            start = scheduler.nanoTime();
            observer.attemptStarted(record, scopes);
        }
        Message message;
        try {
            message = processor.decode(record);
            if (deliveryCount > 0) {
                message = message.withDeliveryCount(deliveryCount);
            }
        } catch (Throwable e) {
            return ended(scopes, start, RecordOutcome.Failed.of(record.coordinates(), null, null, e, true));
        }
        return ended(scopes, start, processor.handle(message));
    }

    private RecordOutcome ended(AttemptScope @Nullable [] scopes, long start, RecordOutcome outcome) {
        if (scopes != null) {
            observer.attemptEnded(scopes, outcome, scheduler.nanoTime() - start);
        }
        return outcome;
    }

    private Acknowledgement decide(RawRecord record, RecordOutcome outcome, int attempt, int deliveryLimit,
                                   BooleanSupplier halted) {
        if (outcome instanceof RecordOutcome.Unrouted unrouted) {
            count(Counters::unrouted);
            observer.outcome(unrouted);
            if (!policy.deadLetterUnrouted()) {
                return Acknowledgement.ACCEPT;
            }
            String reason = "No handler for code " + unrouted.message().code() + " of topic " + record.topic();
            RecordOutcome.Failed failure = RecordOutcome.Failed.of(record.coordinates(), unrouted.message(), null,
                    new IllegalStateException(reason), false);
            return deadLetter(DeadLetter.of(policy.deadLetterTopic(record.topic()), record, "unrouted", reason, 0),
                    failure, halted);
        }
        if (!(outcome instanceof RecordOutcome.Failed failure)) {
            count(Counters::handled);
            observer.outcome(outcome);
            return Acknowledgement.ACCEPT;
        }
        synchronized (this) {
            counters.failed(failure.coordinates() + ": " + failure.reason());
        }
        FailureClassifier.Verdict verdict = classifier.classify(failure.cause());
        if (verdict == FailureClassifier.Verdict.FATAL) {
            observer.outcome(failure.numbered(false, attempt, false));
            fatal = failure.cause();
            return Acknowledgement.RELEASE_NOW;
        }
        boolean retryable = verdict == FailureClassifier.Verdict.RETRYABLE;
        boolean lastDelivery = deliveryLimit > 0 && attempt >= deliveryLimit;
        if (retryable && attempt < policy.maxAttempts() && !lastDelivery) {
            if (halted.getAsBoolean()) {
                RecordOutcome.Failed numbered = failure.numbered(true, attempt, false);
                observer.outcome(numbered);
                observer.outcome(new RecordOutcome.Abandoned(numbered, "stopping"));
                return Acknowledgement.RELEASE_NOW;
            }
            observer.outcome(failure.numbered(true, attempt, true));
            return Acknowledgement.releaseAfter(policy.backoff(attempt, random));
        }
        RecordOutcome.Failed numbered = failure.numbered(retryable, attempt, false);
        observer.outcome(numbered);
        FailurePolicy failurePolicy = policy.failurePolicy();
        if (failurePolicy == FailurePolicy.SKIP || failurePolicy == FailurePolicy.REJECT) {
            count(Counters::skipped);
            observer.outcome(new RecordOutcome.Skipped(numbered));
            return failurePolicy == FailurePolicy.SKIP ? Acknowledgement.ACCEPT : Acknowledgement.REJECT;
        }
        Throwable cause = failure.cause();
        return deadLetter(DeadLetter.of(policy.deadLetterTopic(record.topic()), record, cause.getClass().getName(),
                Failures.message(cause), attempt), numbered, halted);
    }

    /** Publishes until the dead-letter topic has the record (then ACCEPT), or until the consumer stops. */
    private Acknowledgement deadLetter(DeadLetter deadLetter, RecordOutcome.Failed failure, BooleanSupplier halted) {
        for (int publishAttempts = 1; ; publishAttempts++) {
            Throwable error;
            try {
                deadLetters.publish(deadLetter);
                count(Counters::deadLettered);
                observer.outcome(new RecordOutcome.DeadLettered(failure, deadLetter.topic()));
                return Acknowledgement.ACCEPT;
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                error = e;
            }
            synchronized (this) {
                counters.error("Cannot publish " + deadLetter.original().coordinates() + " to " + deadLetter.topic()
                        + ": " + Failures.describe(error));
            }
            observer.deadLetterFailed(deadLetter, error);
            long backoff = Math.max(policy.ceilingMillis(publishAttempts), MIN_PUBLISH_BACKOFF_MILLIS);
            if (error instanceof InterruptedException || !pause(backoff, halted)) {
                observer.outcome(new RecordOutcome.Abandoned(failure, "stopping"));
                return Acknowledgement.RELEASE_NOW;
            }
        }
    }

    /** @return false when the consumer stops (or the thread is interrupted) before the pause ends */
    private static boolean pause(long millis, BooleanSupplier halted) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!halted.getAsBoolean()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(left, PAUSE_SLICE_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private synchronized void count(java.util.function.Consumer<Counters> event) {
        event.accept(counters);
    }

    private void observerFailed(Throwable error) {
        reportError("An engine observer failed: " + Failures.describe(error));
    }

    /** @param reason the adapter's own trouble, for {@link EngineState#lastError()} */
    public synchronized void reportError(String reason) {
        counters.error(reason);
    }

    /** @return the error that fails the consumer (a handler's {@link VirtualMachineError}), or null */
    public @Nullable Throwable fatal() {
        return fatal;
    }

    /**
     * @param held records the adapter holds that have not started yet
     * @return the counts and the last error
     */
    public synchronized EngineState state(int held) {
        return counters.snapshot(held, inFlight.get(), List.of(), fatal, List.of(), List.of());
    }
}
